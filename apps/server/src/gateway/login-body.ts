/** A login body is small; the gateway reads it (for the username) up to this size, and streams every other body. */
export const LOGIN_BODY_LIMIT_BYTES = 64 * 1024;

/** A session login's body, whole (it is passed on as read), and the username it names. */
export async function readLogin(payload: NodeJS.ReadableStream): Promise<{ body: Buffer; username: string | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > LOGIN_BODY_LIMIT_BYTES) throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    chunks.push(buffer);
  }
  const body = Buffer.concat(chunks);
  return { body, username: usernameIn(body) };
}

function usernameIn(body: Buffer): string | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const username = (parsed as { username?: unknown } | null)?.username;
    return typeof username === 'string' ? username.slice(0, 255) : null;
  } catch {
    return null;
  }
}
