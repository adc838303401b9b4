/** A fixed-window counter per key, in this process: a brake on guessing from one address. */
export class RateLimiter {
  private windows = new Map<string, { start: number; hits: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  allow(key: string): boolean {
    const now = Date.now();
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, { start: now, hits: 1 });
      return true;
    }
    current.hits += 1;
    return current.hits <= this.max;
  }
}
