/**
 * Hyperliquid's address-based request budget, kept locally so a burst waits or is refused with
 * `RateLimited` before it is sent, instead of meeting the venue's "Too many cumulative requests
 * sent" refusal.
 *
 * The rule (per user address; sub-accounts and vaults are their own users; `/exchange` actions
 * only): an initial buffer of 10,000 requests plus 1 per 1 USDC traded since the address's
 * inception; a batch of n orders or cancels counts n; cancels may go on up to
 * `min(cap + 100,000, cap × 2)`. Once used up, the address may send one request every 10 s.
 * `userRateLimit` (`{cumVlm, nRequestsUsed, nRequestsCap}`) reads the venue's count; between
 * reads the budget counts its own actions and the volume its placements filled at once.
 *
 * Not the kernel's `RateLimiter`: that one counts weight in clock-aligned windows (and only shared
 * stores count its extra counters); this budget never resets, grows with traded volume and falls
 * back to a 10-second drip — a different model, Hyperliquid's alone.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits-and-user-limits
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#query-user-rate-limits
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Decimal from "../../model/Decimal.js"
import type * as Wire from "./wire.js"

/** One request per this long once the budget is used up. @since 0.1.0 */
export const THROTTLED_EVERY_MS = 10_000
/** How often, at most, the venue's count is read again when the budget looks used up. @since 0.1.0 */
export const REFRESH_EVERY_MS = 10_000
const CANCEL_EXTRA = 100_000

/**
 * What an action is, for the budget: cancels have the higher limit.
 * @since 0.1.0
 */
export type ActionKind = "order" | "cancel" | "other"

/**
 * The budget's answer for one action.
 * @since 0.1.0
 */
export type Decision =
  | { readonly _tag: "go" }
  /** Send after `ms` (the throttled slot is reserved). */
  | { readonly _tag: "wait"; readonly ms: number }
  /** Used up: the next throttled slot is `retryAfterMs` away, longer than the caller may wait. */
  | { readonly _tag: "refuse"; readonly retryAfterMs: number; readonly reason: string }

const floorOf = (d: Decimal.Decimal): number =>
  // eslint-disable-next-line no-restricted-syntax -- a count of requests (1 per whole USDC), not money
  Number(BigDecimal.scale(BigDecimal.round(d, { scale: 0, mode: "floor" }), 0).value) // lotusx-allow-number: a request count

/**
 * One address's budget.
 * @since 0.1.0
 */
export class AddressBudget {
  /** Requests counted (the venue's, then ours). */
  used: number
  /** The venue's cap at the last read. */
  private venueCap: number
  /** Volume traded (USDC) since the last read, from our own placements. */
  private traded: Decimal.Decimal = Decimal.zero
  private volume: Decimal.Decimal
  /** When the next throttled request may go (epoch ms). */
  private nextSlot = 0
  /** When the venue's count was last read (epoch ms). */
  readAt: number

  constructor(readonly user: string, status: Wire.UserRateLimit, now: number) {
    this.used = status.nRequestsUsed
    this.venueCap = status.nRequestsCap + (status.nRequestsSurplus ?? 0)
    this.volume = status.cumVlm
    this.readAt = now
  }

  /** The venue's figures, read again. Requests counted since the read but not in it are kept. */
  refresh(status: Wire.UserRateLimit, now: number): void {
    this.used = Math.max(this.used, status.nRequestsUsed)
    this.venueCap = status.nRequestsCap + (status.nRequestsSurplus ?? 0)
    this.volume = status.cumVlm
    this.traded = Decimal.zero
    this.readAt = now
  }

  /** Requests allowed in all (for orders and other actions). */
  get cap(): number {
    return this.venueCap + floorOf(this.traded)
  }

  /** Requests allowed for an action of this kind. */
  limit(kind: ActionKind): number {
    const cap = this.cap
    return kind === "cancel" ? Math.min(cap + CANCEL_EXTRA, cap * 2) : cap
  }

  /** Counts volume our own placement traded (`totalSz × avgPx` of a filled status). */
  addTraded(notional: Decimal.Decimal): void {
    this.traded = BigDecimal.sum(this.traded, notional)
  }

  /** The venue refused an action for the budget: it is used up now. */
  exhausted(now: number): void {
    this.used = Math.max(this.used, this.cap + 1)
    this.nextSlot = Math.max(this.nextSlot, now + THROTTLED_EVERY_MS)
  }

  /**
   * Decides and reserves: `n` requests of `kind` at `now`, waiting at most `maxWaitMs`.
   */
  decide(n: number, kind: ActionKind, now: number, maxWaitMs: number): Decision {
    if (this.used + n <= this.limit(kind)) {
      this.used += n
      return { _tag: "go" }
    }
    const slot = Math.max(now, this.nextSlot)
    const wait = slot - now
    if (wait > maxWaitMs) {
      return { _tag: "refuse", retryAfterMs: wait, reason: this.describe(n, kind, wait) }
    }
    this.nextSlot = slot + THROTTLED_EVERY_MS
    this.used += n
    return wait === 0 ? { _tag: "go" } : { _tag: "wait", ms: wait }
  }

  /** Why an action may not go now, in words. */
  describe(n: number, kind: ActionKind, wait: number): string {
    return `the address request budget of ${this.user} is used up: ${this.used} requests sent, ` +
      `${n === 1 ? "1 more" : `${n} more`} would pass the ${kind === "cancel" ? "cancel " : ""}limit of ` +
      `${this.limit(kind)} (10,000 + 1 per USDC traded; ${Decimal.format(BigDecimal.sum(this.volume, this.traded))} ` +
      `USDC traded); the venue now allows 1 request per 10 s, the next in ${Math.ceil(wait / 1000)} s`
  }
}

/**
 * How many requests an action of `items` orders, cancels or modifies counts for.
 * @since 0.1.0
 */
export const requestsOf = (items: number): number => Math.max(1, items)
