import { hash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { API_TOKEN_PATTERN } from '@tokenshift/shared';

/**
 * API token format: `tsk_` + 43 base64url characters (256 random bits) + a 6-character
 * CRC32 checksum, like GitHub's `ghp_` tokens: the prefix and checksum let the scanner and
 * secret scanners recognise a leaked token offline, without a database. The base64url alphabet
 * has no `:`, which passport-http would otherwise cut a Basic password at.
 */
export const TOKEN_PREFIX = 'tsk_';
const SECRET_BYTES = 32;
const SECRET_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const TOKEN_LENGTH = TOKEN_PREFIX.length + SECRET_LENGTH + CHECKSUM_LENGTH;
/** Matches a token anywhere in text (used by the scanner's secret detection and log redaction). */
export const TOKEN_PATTERN = API_TOKEN_PATTERN;

function checksum(body: string): string {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(body));
  return value.toString('base64url');
}

export function generateApiToken(): string {
  const body = TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  return body + checksum(body);
}

/** True when the string has our prefix, length and a matching checksum (says nothing of validity). */
export function hasTokenShape(candidate: string): boolean {
  if (candidate.length !== TOKEN_LENGTH || !candidate.startsWith(TOKEN_PREFIX)) return false;
  if (!/^[A-Za-z0-9_-]+$/.test(candidate.slice(TOKEN_PREFIX.length))) return false;
  const body = candidate.slice(0, -CHECKSUM_LENGTH);
  return checksum(body) === candidate.slice(-CHECKSUM_LENGTH);
}

/**
 * SHA-256 of the token. Tokens carry 256 bits of entropy, so a fast hash is enough (a slow KDF
 * protects low-entropy passwords); it also lets us look a token up by its hash in one query.
 */
export function hashApiToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** The non-secret part shown in lists: prefix and the first 4 secret characters. */
export function tokenPreview(token: string): string {
  return `${token.slice(0, TOKEN_PREFIX.length + 4)}…`;
}
