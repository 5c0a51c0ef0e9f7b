/**
 * The Binance family's request-weight limit per IP and order-count limits per account, with the
 * usage headers it sends (`X-MBX-USED-WEIGHT-1M`, `X-MBX-ORDER-COUNT-10S`, `X-MBX-ORDER-COUNT-1D`).
 * Over the weight limit a request gets 429 with `Retry-After`; an IP that keeps sending after
 * 429s is banned with 418 and `Retry-After`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info#limits
 *
 * @since 0.1.0
 */
import { Bans, FixedWindows, secondsUntil } from "../kit/RateLimits.js"

/** @since 0.1.0 */
export interface RateLimitOptions {
  /** Request weight per IP per minute. Binance Spot: 6000; USDⓈ-M: 2400. */
  readonly weightPerMinute?: number | undefined
  /** 429 answers tolerated in one window before an IP is banned. Default 2. */
  readonly banAfter?: number | undefined
  /** Length of a ban in seconds. Binance starts at 2 minutes. */
  readonly banSeconds?: number | undefined
  /** Orders per account per 10 seconds. Binance: 100. */
  readonly ordersPer10s?: number | undefined
  /** Orders per account per day. Binance: 200000. */
  readonly ordersPerDay?: number | undefined
}

/** The outcome of charging a request's weight. @since 0.1.0 */
export type WeightDecision =
  | { readonly _tag: "ok"; readonly used: number }
  | { readonly _tag: "limited"; readonly used: number; readonly retryAfter: number }
  | { readonly _tag: "banned"; readonly used: number; readonly until: number; readonly retryAfter: number }

const MINUTE = 60_000
const DAY = 86_400_000

/** Weight and order-count bookkeeping. @since 0.1.0 */
export class RateLimiter {
  readonly weightPerMinute: number
  readonly ordersPer10s: number
  readonly ordersPerDay: number
  private readonly banAfter: number
  private readonly banMs: number
  private readonly weight = new FixedWindows(MINUTE)
  private readonly violations = new FixedWindows(MINUTE)
  private readonly bans = new Bans()
  private readonly ordersTenSeconds = new FixedWindows(10_000)
  private readonly ordersDay = new FixedWindows(DAY)

  constructor(options: RateLimitOptions = {}) {
    this.weightPerMinute = options.weightPerMinute ?? 6000
    this.banAfter = options.banAfter ?? 2
    this.banMs = (options.banSeconds ?? 120) * 1000
    this.ordersPer10s = options.ordersPer10s ?? 100
    this.ordersPerDay = options.ordersPerDay ?? 200_000
  }

  /** Weight used by an IP in the current minute. */
  used(ip: string, now: number): number {
    return this.weight.peek(ip, now).used
  }

  /** Charges a request's weight to an IP. */
  charge(ip: string, weight: number, now: number): WeightDecision {
    const until = this.bans.bannedUntil(ip, now)
    if (until !== undefined) {
      return { _tag: "banned", used: this.used(ip, now), until, retryAfter: Math.ceil((until - now) / 1000) }
    }
    const usage = this.weight.add(ip, now, weight)
    if (usage.used <= this.weightPerMinute) return { _tag: "ok", used: usage.used }
    if (this.violations.add(ip, now).used > this.banAfter) {
      this.bans.ban(ip, now + this.banMs)
      return { _tag: "banned", used: usage.used, until: now + this.banMs, retryAfter: Math.ceil(this.banMs / 1000) }
    }
    return { _tag: "limited", used: usage.used, retryAfter: secondsUntil(usage.resetAt, now) }
  }

  /** Counts a new order of an account; returns the counts after it. */
  countOrder(accountId: string, now: number): { readonly tenSeconds: number; readonly day: number } {
    return { tenSeconds: this.ordersTenSeconds.add(accountId, now).used, day: this.ordersDay.add(accountId, now).used }
  }
}
