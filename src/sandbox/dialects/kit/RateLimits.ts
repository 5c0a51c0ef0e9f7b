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

/**
 * The outcome of charging a request's weight.
 * @since 0.1.0
 */
export type WeightDecision =
  | { readonly _tag: "ok"; readonly used: number }
  | { readonly _tag: "limited"; readonly used: number; readonly retryAfter: number }
  | { readonly _tag: "banned"; readonly used: number; readonly until: number; readonly retryAfter: number }

/**
 * A weight limit per key (an IP) over fixed windows: past `limit` a request is refused, and past
 * `banAfter` refusals in one window the key is banned for `banMs`.
 * @since 0.1.0
 */
export class WeightLimiter {
  private readonly weight: FixedWindows
  private readonly violations: FixedWindows
  private readonly bans = new Bans()

  constructor(
    readonly limit: number,
    windowMs: number,
    private readonly banAfter: number,
    private readonly banMs: number
  ) {
    this.weight = new FixedWindows(windowMs)
    this.violations = new FixedWindows(windowMs)
  }

  /** Weight used by a key in the current window. */
  used(key: string, now: number): number {
    return this.weight.peek(key, now).used
  }

  /** Charges a request's weight to a key. */
  charge(key: string, weight: number, now: number): WeightDecision {
    const until = this.bans.bannedUntil(key, now)
    if (until !== undefined) {
      return { _tag: "banned", used: this.used(key, now), until, retryAfter: Math.ceil((until - now) / 1000) }
    }
    const usage = this.weight.add(key, now, weight)
    if (usage.used <= this.limit) return { _tag: "ok", used: usage.used }
    if (this.violations.add(key, now).used > this.banAfter) {
      this.bans.ban(key, now + this.banMs)
      return { _tag: "banned", used: usage.used, until: now + this.banMs, retryAfter: Math.ceil(this.banMs / 1000) }
    }
    return { _tag: "limited", used: usage.used, retryAfter: secondsUntil(usage.resetAt, now) }
  }
}

/**
 * A window of an order-count limit: its length, its limit and its name as the venue's answers write
 * it (`10 SECOND`).
 * @since 0.1.0
 */
export interface OrderWindow {
  readonly ms: number
  readonly limit: number
  readonly name: string
}

/**
 * New orders counted per account over several fixed windows, each with its limit.
 * @since 0.1.0
 */
export class OrderCounts {
  private readonly counters: ReadonlyArray<FixedWindows>

  constructor(readonly windows: ReadonlyArray<OrderWindow>) {
    this.counters = windows.map((w) => new FixedWindows(w.ms))
  }

  /** Counts a new order of an account: the counts after it per window, and the first window over its limit. */
  count(accountId: string, now: number): {
    readonly counts: ReadonlyArray<number>
    readonly exceeded: OrderWindow | undefined
  } {
    const counts = this.counters.map((c) => c.add(accountId, now).used)
    return { counts, exceeded: this.windows.find((w, i) => counts[i]! > w.limit) }
  }
}
