export async function fetchIssue(base, key, pat) {
  const res = await fetch(`${base}/rest/api/2/issue/${key}`, {
    headers: { Authorization: `Bearer ${pat}`, Accept: 'application/json' },
  });
  return res.json();
}
