/** Limits of {@link RateLimiter}. */
export type RateLimit = { maxFailures: number; windowMs: number };

/** Failed sign-ins allowed per address before that address is refused for the rest of the window. */
export const SIGN_IN_LIMIT: RateLimit = { maxFailures: 10, windowMs: 10 * 60_000 };

/**
 * Counts failures per key (the client address) in a fixed window. Once a key reaches the limit, every attempt
 * from it is refused until the window ends, correct or not, so guessing stays bounded.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly limit: RateLimit = SIGN_IN_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const window = this.current(key);
    if (!window || window.failures < this.limit.maxFailures) return 0;
    return window.startedAt + this.limit.windowMs - this.now();
  }

  recordFailure(key: string): void {
    const window = this.current(key) ?? { startedAt: this.now(), failures: 0 };
    window.failures += 1;
    this.windows.set(key, window);
    if (this.windows.size > 10_000) this.prune();
  }

  private current(key: string): { startedAt: number; failures: number } | null {
    const window = this.windows.get(key);
    if (!window) return null;
    if (this.now() - window.startedAt >= this.limit.windowMs) {
      this.windows.delete(key);
      return null;
    }
    return window;
  }

  private prune(): void {
    for (const key of [...this.windows.keys()]) this.current(key);
  }
}
