/**
 * Binance's request-weight limit per IP and its order-count limits per account, with the usage
 * headers it sends (`X-MBX-USED-WEIGHT-1M`, `X-MBX-ORDER-COUNT-10S`, `X-MBX-ORDER-COUNT-1D`).
 * Over the weight limit a request gets 429 with `Retry-After`; an IP that keeps sending after
 * 429s is banned with 418 and `Retry-After`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export interface RateLimitOptions {
  /** Request weight per IP per minute. Binance: 6000. */
  readonly weightPerMinute?: number | undefined
  /**
   * Length of the request-weight window in ms (Binance: one minute, aligned to the clock). Tests of
   * shared budgets shorten it; `weightPerMinute` is then the limit per this window.
   */
  readonly windowMs?: number | undefined
  /** 429 answers tolerated in one window before an IP is banned. Default 2. */
  readonly banAfter?: number | undefined
  /** Length of a ban in seconds. Binance starts at 2 minutes. */
  readonly banSeconds?: number | undefined
  /** Orders per account per 10 seconds. Binance: 100. */
  readonly ordersPer10s?: number | undefined
  /** Orders per account per day. Binance: 200000. */
  readonly ordersPerDay?: number | undefined
}

/**
 * The outcome of charging a request's weight.
 * @since 0.1.0
 */
export type WeightDecision =
  | { readonly _tag: "ok"; readonly used: number }
  | { readonly _tag: "limited"; readonly used: number; readonly retryAfter: number }
  | { readonly _tag: "banned"; readonly used: number; readonly until: number; readonly retryAfter: number }

interface IpState {
  windowStart: number
  used: number
  violations: number
  bannedUntil: number
}

interface OrderCounter {
  tenSecondsStart: number
  tenSeconds: number
  dayStart: number
  day: number
}

const MINUTE = 60_000

/**
 * Weight and order-count bookkeeping.
 * @since 0.1.0
 */
export class RateLimiter {
  readonly weightPerMinute: number
  readonly ordersPer10s: number
  readonly ordersPerDay: number
  readonly windowMs: number
  private readonly banAfter: number
  private readonly banMs: number
  private readonly ips = new Map<string, IpState>()
  private readonly orders = new Map<string, OrderCounter>()

  constructor(options: RateLimitOptions = {}) {
    this.weightPerMinute = options.weightPerMinute ?? 6000
    this.windowMs = options.windowMs ?? MINUTE
    this.banAfter = options.banAfter ?? 2
    this.banMs = (options.banSeconds ?? 120) * 1000
    this.ordersPer10s = options.ordersPer10s ?? 100
    this.ordersPerDay = options.ordersPerDay ?? 200_000
  }

  private ip(ip: string, now: number): IpState {
    let s = this.ips.get(ip)
    const windowStart = Math.floor(now / this.windowMs) * this.windowMs
    if (s === undefined) {
      s = { windowStart, used: 0, violations: 0, bannedUntil: 0 }
      this.ips.set(ip, s)
    } else if (s.windowStart !== windowStart) {
      s.windowStart = windowStart
      s.used = 0
      s.violations = 0
    }
    return s
  }

  /** Weight used by an IP in the current minute. */
  used(ip: string, now: number): number {
    return this.ip(ip, now).used
  }

  /** Charges a request's weight to an IP. */
  charge(ip: string, weight: number, now: number): WeightDecision {
    const s = this.ip(ip, now)
    if (s.bannedUntil > now) {
      return { _tag: "banned", used: s.used, until: s.bannedUntil, retryAfter: Math.ceil((s.bannedUntil - now) / 1000) }
    }
    s.used += weight
    if (s.used <= this.weightPerMinute) return { _tag: "ok", used: s.used }
    s.violations += 1
    if (s.violations > this.banAfter) {
      s.bannedUntil = now + this.banMs
      return { _tag: "banned", used: s.used, until: s.bannedUntil, retryAfter: Math.ceil(this.banMs / 1000) }
    }
    return { _tag: "limited", used: s.used, retryAfter: Math.max(1, Math.ceil((s.windowStart + this.windowMs - now) / 1000)) }
  }

  /** Counts a new order of an account; returns the counts after it. */
  countOrder(accountId: string, now: number): { readonly tenSeconds: number; readonly day: number } {
    const tenStart = Math.floor(now / 10_000) * 10_000
    const dayStart = Math.floor(now / 86_400_000) * 86_400_000
    let c = this.orders.get(accountId)
    if (c === undefined) {
      c = { tenSecondsStart: tenStart, tenSeconds: 0, dayStart, day: 0 }
      this.orders.set(accountId, c)
    }
    if (c.tenSecondsStart !== tenStart) {
      c.tenSecondsStart = tenStart
      c.tenSeconds = 0
    }
    if (c.dayStart !== dayStart) {
      c.dayStart = dayStart
      c.day = 0
    }
    c.tenSeconds += 1
    c.day += 1
    return { tenSeconds: c.tenSeconds, day: c.day }
  }
}
