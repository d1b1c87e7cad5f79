/** The item at `index`: an index past the end is a bug in the bench, so it stops with a clear error. */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at index ${index} of ${items.length}`);
  return item;
}
