/**
 * Tells whether any of a fixed set of byte strings occurs in a buffer, in one pass and one table lookup per
 * byte (an Aho–Corasick automaton compiled to a full transition table). On raw file bytes this is about twice
 * as fast as V8's regex engine on the same alternatives, and it needs no decoded string at all.
 */
export class LiteralSearch {
  /** `table[state * 256 + byte]` is the next state, or FOUND when a literal ends there. */
  private readonly table: Uint16Array;
  private static readonly FOUND = 0xffff;

  constructor(literals: string[]) {
    const goto: Int32Array[] = [new Int32Array(256).fill(-1)];
    const ends: boolean[] = [false];
    for (const literal of literals) {
      let state = 0;
      for (const byte of Buffer.from(literal)) {
        if (goto[state][byte] < 0) {
          goto[state][byte] = goto.length;
          goto.push(new Int32Array(256).fill(-1));
          ends.push(false);
        }
        state = goto[state][byte];
      }
      ends[state] = true;
    }
    // Breadth-first, each state's missing transitions are those of its longest proper suffix that is a state.
    const suffix = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let byte = 0; byte < 256; byte++) {
      if (goto[0][byte] < 0) goto[0][byte] = 0;
      else queue.push(goto[0][byte]);
    }
    for (let index = 0; index < queue.length; index++) {
      const state = queue[index];
      ends[state] ||= ends[suffix[state]];
      for (let byte = 0; byte < 256; byte++) {
        const next = goto[state][byte];
        if (next < 0) {
          goto[state][byte] = goto[suffix[state]][byte];
        } else {
          suffix[next] = goto[suffix[state]][byte];
          queue.push(next);
        }
      }
    }
    if (goto.length >= LiteralSearch.FOUND) throw new Error('too many literals');
    this.table = new Uint16Array(goto.length * 256);
    goto.forEach((transitions, state) => transitions.forEach((next, byte) => (this.table[state * 256 + byte] = ends[next] ? LiteralSearch.FOUND : next)));
  }

  foundIn(bytes: Uint8Array): boolean {
    const table = this.table;
    let state = 0;
    for (let index = 0; index < bytes.length; index++) {
      state = table[(state << 8) | bytes[index]];
      if (state === LiteralSearch.FOUND) return true;
    }
    return false;
  }
}
