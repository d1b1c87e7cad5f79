import { itemAt } from './item-at';
import { median } from './load';

/**
 * Runs every label once per round, in alternating order (forwards, then backwards), after one warm-up
 * run of each: this machine's throughput drifts from one run to the next, so runs compared with each
 * other are taken side by side in the same round. Returns each label's runs, round by round.
 */
export async function runByRound<L extends string, R>(labels: readonly L[], rounds: number, run: (label: L) => Promise<R>): Promise<Map<L, R[]>> {
  for (const label of labels) await run(label); // warm-up: JIT, caches, pools
  const results = new Map<L, R[]>(labels.map((label) => [label, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...labels].reverse() : labels;
    for (const label of order) results.get(label)?.push(await run(label));
  }
  return results;
}

/** Each round's value ÷ the baseline's value in the same round, and their median. */
export function roundRatios(values: number[], baseline: number[]): { ratio: number; roundRatios: number[] } {
  const ratios = values.map((value, round) => value / itemAt(baseline, round));
  return { ratio: median(ratios), roundRatios: ratios };
}
