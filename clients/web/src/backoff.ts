/** How long to wait between reconnect attempts. */
export interface BackoffOptions {
  /** The first retry waits up to this long (ms). Default 500. */
  readonly baseMs: number;
  /** No wait is longer than this (ms). Default 30,000. */
  readonly capMs: number;
  /** Give up after this many consecutive failed attempts (state `offline` with an error). Default: never. */
  readonly maxTries: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000, maxTries: Number.POSITIVE_INFINITY };

/**
 * Exponential backoff with full jitter: a uniformly random wait in
 * `[0, min(cap, base · 2^attempt))`. The randomness spreads the clients of a replica that went
 * away over the whole window instead of sending them back in one burst (AWS Architecture Blog,
 * "Exponential Backoff And Jitter").
 *
 * @param attempt 0 for the first retry after a failure
 * @param random a source of [0, 1) numbers (Math.random by default)
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const window = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * window);
}
