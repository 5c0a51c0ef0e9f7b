/**
 * Rate-limit accounting shared by the dialects: counters over fixed windows of engine time (a
 * minute, ten seconds, a day, …), keyed by IP, account or key and endpoint, and bans until a time.
 * What a venue counts, its limits and how it answers are the dialect's.
 *
 * @since 0.1.0
 */

/**
 * A key's usage in the current window.
 * @since 0.1.0
 */
export interface Usage {
  readonly used: number
  readonly windowStart: number
  /** When the window ends and the count starts over. */
  readonly resetAt: number
}

/**
 * Counters per key over fixed windows of `windowMs` aligned on the epoch.
 * @since 0.1.0
 */
export class FixedWindows {
  private readonly counters = new Map<string, { windowStart: number; used: number }>()

  constructor(readonly windowMs: number) {}

  /** Adds `amount` to a key's count in the window of `now`; returns the usage after it. */
  add(key: string, now: number, amount = 1): Usage {
    const windowStart = Math.floor(now / this.windowMs) * this.windowMs
    let c = this.counters.get(key)
    if (c === undefined || c.windowStart !== windowStart) {
      c = { windowStart, used: 0 }
      this.counters.set(key, c)
    }
    c.used += amount
    return { used: c.used, windowStart, resetAt: windowStart + this.windowMs }
  }

  /** A key's usage in the window of `now`, unchanged. */
  peek(key: string, now: number): Usage {
    return this.add(key, now, 0)
  }
}

/**
 * Keys banned until a time.
 * @since 0.1.0
 */
export class Bans {
  private readonly until = new Map<string, number>()

  ban(key: string, until: number): void {
    this.until.set(key, until)
  }

  /** When the key's ban ends, if it is banned at `now`. */
  bannedUntil(key: string, now: number): number | undefined {
    const until = this.until.get(key)
    return until !== undefined && until > now ? until : undefined
  }
}

/**
 * Whole seconds from `now` to `until`, at least one (a `Retry-After` value).
 * @since 0.1.0
 */
export const secondsUntil = (until: number, now: number): number => Math.max(1, Math.ceil((until - now) / 1000))
