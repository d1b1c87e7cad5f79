/** One sampled User-Agent of anonymous uses of an endpoint. */
export interface AnonymousAgentRow {
  endpoint: string;
  userAgent: string;
  count: number;
  lastSeenAt: Date;
}

/**
 * The User-Agents anonymous callers sent, kept as a top-N sample: at most `2 × limit` distinct
 * agents are held, and reaching that keeps the `limit` most frequent. Memory is bounded whatever
 * the traffic; an agent seen often survives, one seen once among thousands may not (its uses are
 * still counted exactly in the roll-ups, under the client `anonymous`).
 */
export class AnonymousAgentSample {
  private readonly agents = new Map<string, AnonymousAgentRow>();

  /** How many agents are kept, in memory here and in the table after each write. */
  constructor(readonly limit: number) {}

  add(endpoint: string, userAgent: string | null | undefined, at: Date): void {
    if (this.limit <= 0) return;
    const agent = (userAgent ?? '').slice(0, 255);
    const key = `${endpoint}\u0000${agent}`;
    const existing = this.agents.get(key);
    if (existing) {
      existing.count++;
      if (at.getTime() > existing.lastSeenAt.getTime()) existing.lastSeenAt = at;
      return;
    }
    if (this.agents.size >= 2 * this.limit) this.keepMostFrequent();
    this.agents.set(key, { endpoint, userAgent: agent, count: 1, lastSeenAt: at });
  }

  /** The most frequent agents, at most `limit`. */
  get rows(): AnonymousAgentRow[] {
    if (this.agents.size > this.limit) this.keepMostFrequent();
    return [...this.agents.values()];
  }

  private keepMostFrequent(): void {
    const kept = [...this.agents.entries()].sort(([, a], [, b]) => b.count - a.count).slice(0, this.limit);
    this.agents.clear();
    for (const [key, row] of kept) this.agents.set(key, row);
  }
}
