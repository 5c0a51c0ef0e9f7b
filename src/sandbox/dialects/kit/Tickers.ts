/**
 * What venues' tickers are made of: an instrument's rolling 24 hours, its last price (the
 * instrument's reference price before any trade), the price 24 hours ago (the last price when
 * nothing traded in the window) and the best bid and ask (`undefined` when a side is empty); the
 * change over the window and its volume-weighted price.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { zero } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { RollingStats } from "../../engine/Statistics.js"
import { rolling } from "../../engine/Statistics.js"

/**
 * An instrument's ticker at `now`.
 * @since 0.1.0
 */
export interface TickerWindow {
  readonly stats: RollingStats
  readonly last: Decimal
  readonly open: Decimal
  readonly bid: ReturnType<Engine["bestBid"]>
  readonly ask: ReturnType<Engine["bestAsk"]>
}

/**
 * An instrument's ticker at `now` (the instrument must exist).
 * @since 0.1.0
 */
export const tickerWindow = (engine: Engine, symbol: string, now: number): TickerWindow => {
  const stats = rolling(engine.trades(symbol), now)
  const last = stats.count > 0 ? stats.last : engine.referencePrice(symbol)!
  return {
    stats,
    last,
    open: stats.count > 0 ? stats.open : last,
    bid: engine.bestBid(symbol),
    ask: engine.bestAsk(symbol)
  }
}

/**
 * The change from `open` to `last` relative to `open`, times `times` (100 for a percentage),
 * rounded half away from zero to `scale` decimals; zero when `open` is zero.
 * @since 0.1.0
 */
export const relativeChange = (open: Decimal, last: Decimal, scale: number, times = 1n): Decimal =>
  BigDecimal.isZero(open) ? zero : BigDecimal.round(
    BigDecimal.unsafeDivide(BigDecimal.multiply(BigDecimal.subtract(last, open), BigDecimal.fromBigInt(times)), open),
    { scale, mode: "half-from-zero" }
  )

/**
 * The volume-weighted average price of a window (`undefined` when nothing traded).
 * @since 0.1.0
 */
export const volumeWeightedPrice = (s: RollingStats): Decimal | undefined =>
  BigDecimal.isZero(s.volume) ? undefined : BigDecimal.unsafeDivide(s.quoteVolume, s.volume)
