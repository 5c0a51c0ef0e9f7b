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
