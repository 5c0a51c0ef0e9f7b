/**
 * Public trades.
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { PositiveDecimal } from "./Decimal.js"

/** @since 0.1.0 */
export const Side = Schema.Literal("buy", "sell")
/** @since 0.1.0 */
export type Side = typeof Side.Type

/** @since 0.1.0 */
export const Trade = Schema.Struct({
  /** The venue's trade id, as a string. */
  id: Schema.String,
  symbol: Schema.String,
  venueSymbol: Schema.String,
  /** Exchange time, epoch ms. */
  timestamp: Schema.Number,
  price: PositiveDecimal,
  quantity: PositiveDecimal,
  /** The taker's side (the aggressor). */
  side: Side
}).annotations({ identifier: "Trade" })

/** @since 0.1.0 */
export type Trade = typeof Trade.Type

/**
 * A trade of `market` from a venue's fields (the unified and venue symbols added), built without
 * spreads: trades arrive on the per-message hot path.
 * @since 0.1.0
 */
export const tradeOf = (
  market: { readonly unified: string; readonly symbol: string },
  t: Omit<Trade, "symbol" | "venueSymbol">
): Trade => ({
  id: t.id,
  symbol: market.unified,
  venueSymbol: market.symbol,
  timestamp: t.timestamp,
  price: t.price,
  quantity: t.quantity,
  side: t.side
})
