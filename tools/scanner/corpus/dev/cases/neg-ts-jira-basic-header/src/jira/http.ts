export function basicHeader(email: string, apiToken: string): Record<string, string> {
  const encoded = Buffer.from(`${email}:${apiToken}`).toString('base64');
  return { Authorization: `Basic ${encoded}`, Accept: 'application/json' };
}

export async function myself(base: string, email: string, apiToken: string): Promise<unknown> {
  const res = await fetch(`${base}/rest/api/3/myself`, { headers: basicHeader(email, apiToken) });
  return res.json();
}
