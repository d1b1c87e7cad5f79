import { MAX_NESTING_DEPTH, problemWithRequestValue } from './request-values';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

describe('problemWithRequestValue', () => {
  it.each([
    ['plain text and numbers', { name: 'x', n: 1, list: ['a', true, null] }],
    ['emoji and other scripts (paired surrogates)', { name: '😀 例え ünï' }],
    ['a buffer (multipart bodies)', Buffer.from([0, 1, 2])],
    ['nesting up to the limit', nested(MAX_NESTING_DEPTH)],
    ['nothing', undefined],
  ])('accepts %s', (_label, value) => {
    expect(problemWithRequestValue(value)).toBeNull();
  });

  it.each([
    ['a NUL in a value', { name: 'a\u0000b' }, /NUL/],
    ['a NUL in a key', { 'a\u0000': 1 }, /NUL/],
    ['an unpaired high surrogate deep in an array', { findings: [{ evidence: 'x\ud800' }] }, /surrogate/],
    ['an unpaired low surrogate', ['\udc00'], /surrogate/],
    ['nesting past the limit', nested(MAX_NESTING_DEPTH + 1), /nested more than/],
    ['nesting 100,000 deep (no stack overflow)', nested(100_000), /nested more than/],
  ])('refuses %s', (_label, value, message) => {
    expect(problemWithRequestValue(value)).toMatch(message);
  });
});
