/**
 * One namespace of login names (docs/decisions.md): a username or email address names exactly one
 * account. Usernames compare case-insensitively, emails are stored lower-case, and no username may be
 * another user's email address (or the reverse): `alice@example.com` as a username beside Alice's
 * email would make a login ambiguous.
 */

/** Why a new username or email clashes with the given other users' logins; null when it does not. */
export function namespaceConflict(wanted: { name: string; email: string | null }, others: Array<{ name: string; email: string }>): string | null {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const other of others) {
    if (wanted.name === other.name) return `The username '${wanted.name}' is taken.`;
    if (same(wanted.name, other.name)) return `The username '${wanted.name}' is taken: usernames are case-insensitive, and '${other.name}' exists.`;
    if (same(wanted.name, other.email)) return `The username '${wanted.name}' is another user's email address.`;
  }
  const email = wanted.email;
  if (email === null) return null;
  for (const other of others) {
    if (same(email, other.email)) return `The email address '${email}' is already in use.`;
    if (same(email, other.name)) return `The email address '${email}' is another user's username.`;
  }
  return null;
}
