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
import { OrderCounts, WeightLimiter } from "../kit/RateLimits.js"

/** @since 0.1.0 */
export interface RateLimitOptions {
  /** Request weight per IP per minute. Binance Spot: 6000; USDⓈ-M: 2400. */
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
 * Weight and order-count bookkeeping.
 * @since 0.1.0
 */
export class RateLimiter extends WeightLimiter {
  readonly weightPerMinute: number
  readonly orders: OrderCounts

  constructor(options: RateLimitOptions = {}) {
    super(
      options.weightPerMinute ?? 6000,
      options.windowMs ?? 60_000,
      options.banAfter ?? 2,
      (options.banSeconds ?? 120) * 1000
    )
    this.weightPerMinute = this.limit
    this.orders = new OrderCounts([
      { ms: 10_000, limit: options.ordersPer10s ?? 100, name: "10 SECOND" },
      { ms: 86_400_000, limit: options.ordersPerDay ?? 200_000, name: "1 DAY" }
    ])
  }
}
