import {
  generateApiToken,
  hashApiToken,
  hasTokenShape,
  TOKEN_LENGTH,
  TOKEN_PATTERN,
  TOKEN_PREFIX,
  tokenPreview,
} from './token-format';

describe('API token format', () => {
  it('generates distinct, prefixed, colon-free tokens of a fixed length with a valid checksum', () => {
    const tokens = Array.from({ length: 200 }, generateApiToken);
    expect(new Set(tokens).size).toBe(200);
    for (const token of tokens) {
      expect(token).toHaveLength(TOKEN_LENGTH);
      expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
      expect(token).not.toContain(':');
      expect(hasTokenShape(token)).toBe(true);
    }
  });

  it('rejects a token with one character changed (checksum) or the wrong shape', () => {
    const token = generateApiToken();
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    expect(hasTokenShape(flipped)).toBe(false);
    expect(hasTokenShape(token.slice(1))).toBe(false);
    expect(hasTokenShape(`ghp_${token.slice(4)}`)).toBe(false);
    expect(hasTokenShape(`${token.slice(0, -1)}:`)).toBe(false);
  });

  it('is found in surrounding text by TOKEN_PATTERN, and not when embedded in a longer word', () => {
    const token = generateApiToken();
    expect(`curl -u me@example.com:${token} https://x`.match(TOKEN_PATTERN)).toEqual([token]);
    expect(`${token}abc`.match(TOKEN_PATTERN)).toBeNull();
  });

  it('hashes with SHA-256 and previews only the prefix and four characters', () => {
    const token = generateApiToken();
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).toBe(hashApiToken(token));
    // Stored hashes must stay valid across changes of the hashing call: the FIPS 180-2 test vector.
    expect(hashApiToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(tokenPreview(token)).toBe(`${token.slice(0, 8)}…`);
  });
});
