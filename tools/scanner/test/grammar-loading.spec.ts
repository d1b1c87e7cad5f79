import { parserFor } from '../src/syntax/grammars';
import { PROFILES } from '../src/syntax/profiles';

const GRAMMARS = [...new Set(Object.values(PROFILES).map((profile) => profile.grammar))];

// A thread meets its first files of several languages in one batch, so it asks for several grammars at once:
// web-tree-sitter loads must not overlap (two in flight mixed up their exports and degraded whole languages).
describe('grammars asked for at the same time', () => {
  it.each([1, 2])('all load and parse (round %i)', async () => {
    const parsers = await Promise.allSettled(GRAMMARS.map((grammar) => parserFor(grammar)));
    const failed = parsers.flatMap((outcome, index) => (outcome.status === 'rejected' ? [`${GRAMMARS[index]}: ${String(outcome.reason)}`] : []));
    expect(failed).toEqual([]);
    for (const outcome of parsers) if (outcome.status === 'fulfilled') outcome.value.delete();
  });
});
