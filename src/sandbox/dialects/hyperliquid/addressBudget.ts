/**
 * Hyperliquid's address-based request budget, per user address (sub-accounts and vaults count as
 * their own users), for `/exchange` actions only: an initial buffer of 10,000 requests plus 1 per
 * 1 USDC traded since the address's inception; a batch of n orders or cancels counts n. Cancels
 * may go further, to `min(cap + 100,000, cap × 2)`. Once the budget is used up the address gets
 * one request every 10 seconds. Beyond it the action is refused with
 * `{"status":"err","response":"Too many cumulative requests sent (<used> > <cap>) for cumulative
 * volume traded $<volume>. Place taker orders to free up 1 request per USDC traded."}` (HTTP 200),
 * the venue's wording. `userRateLimit` reads the budget: `{cumVlm, nRequestsUsed, nRequestsCap,
 * nRequestsSurplus}`.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits-and-user-limits
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#query-user-rate-limits
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { zero } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import { num } from "./info.js"

/** The venue's initial buffer. @since 0.1.0 */
export const INITIAL_BUFFER = 10_000
/** One request per this many ms once the budget is used up. @since 0.1.0 */
export const THROTTLED_EVERY_MS = 10_000
const CANCEL_EXTRA = 100_000

/**
 * How many requests an action counts for: its orders, cancels or modifies; 1 otherwise.
 * @since 0.1.0
 */
export const requestsOf = (action: Record<string, unknown>): number => {
  const list = action.orders ?? action.cancels ?? action.modifies
  return Array.isArray(list) ? Math.max(1, list.length) : 1
}

/**
 * @since 0.1.0
 */
export class AddressBudgets {
  private readonly used = new Map<string, number>()
  private readonly throttledAt = new Map<string, number>()

  constructor(private readonly engine: Engine, private readonly buffer: number = INITIAL_BUFFER) {}

  /** The account's traded notional, in USDC. */
  volume(accountId: string): Decimal {
    let total = zero
    for (const f of this.engine.fills(accountId)) total = BigDecimal.sum(total, f.quote)
    return total
  }

  cap(accountId: string): number {
    const whole = BigDecimal.scale(BigDecimal.round(this.volume(accountId), { scale: 0, mode: "floor" }), 0)
    // eslint-disable-next-line no-restricted-syntax -- a count of requests (1 per whole USDC), not money
    return this.buffer + Number(whole.value) // lotusx-allow-number: a request count
  }

  /** `userRateLimit`. */
  status(accountId: string | undefined) {
    if (accountId === undefined) {
      return { cumVlm: "0.0", nRequestsUsed: 0, nRequestsCap: this.buffer, nRequestsSurplus: 0 }
    }
    return {
      cumVlm: num(this.volume(accountId)),
      nRequestsUsed: this.used.get(accountId) ?? 0,
      nRequestsCap: this.cap(accountId),
      nRequestsSurplus: 0
    }
  }

  /** Counts an action; the venue's refusal message when the address may not send it now. */
  spend(accountId: string, action: Record<string, unknown>, now: number): string | undefined {
    const n = requestsOf(action)
    const used = this.used.get(accountId) ?? 0
    const cap = this.cap(accountId)
    const limit = action.type === "cancel" || action.type === "cancelByCloid"
      ? Math.min(cap + CANCEL_EXTRA, cap * 2)
      : cap
    if (used + n > limit) {
      const last = this.throttledAt.get(accountId)
      if (last !== undefined && now - last < THROTTLED_EVERY_MS) {
        return `Too many cumulative requests sent (${used + n} > ${limit}) for cumulative volume traded $${
          num(this.volume(accountId))
        }. Place taker orders to free up 1 request per USDC traded.`
      }
      this.throttledAt.set(accountId, now)
    }
    this.used.set(accountId, used + n)
    return undefined
  }
}
