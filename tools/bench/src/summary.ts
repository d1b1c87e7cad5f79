/** A summary line: benchmark, measured value, goal, and whether the goal is met. */
export type SummaryRow = [label: string, measured: string, goal: string, verdict: string];

export function goalMet(label: string, value: number, comparison: '>=' | '<=', limit: number, shown: string, unit = ''): SummaryRow {
  const met = comparison === '>=' ? value >= limit : value <= limit;
  return [label, shown, `${comparison === '>=' ? '≥' : '≤'} ${limit}${unit}`, met ? 'met' : 'not met'];
}
