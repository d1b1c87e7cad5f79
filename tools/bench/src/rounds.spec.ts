import { roundRatios, runByRound } from './rounds';

describe('runByRound', () => {
  it('warms every label up once, then runs them in alternating order each round', async () => {
    const calls: string[] = [];
    let sequence = 0;
    const results = await runByRound(['a', 'b', 'c'] as const, 2, async (label) => {
      calls.push(label);
      return sequence++;
    });
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'c', 'b', 'a']);
    expect([...results]).toEqual([
      ['a', [3, 8]],
      ['b', [4, 7]],
      ['c', [5, 6]],
    ]);
  });
});

describe('roundRatios', () => {
  it('divides each round by the baseline of the same round and takes the median', () => {
    expect(roundRatios([90, 80, 100], [100, 100, 50])).toEqual({ ratio: 0.9, roundRatios: [0.9, 0.8, 2] });
  });

  it('stops with a clear error when the baseline has fewer rounds', () => {
    expect(() => roundRatios([1, 2], [1])).toThrow(RangeError);
  });
});
