/**
 * Derivative positions.
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal, NonNegativeDecimal } from "./Decimal.js"

/** @since 0.1.0 */
export const PositionSide = Schema.Literal("long", "short")

/** @since 0.1.0 */
export const Position = Schema.Struct({
  symbol: Schema.String,
  venueSymbol: Schema.String,
  side: PositionSide,
  /** Size in contracts (always positive; see `side`). */
  size: NonNegativeDecimal,
  entryPrice: Decimal,
  markPrice: Schema.optional(Decimal),
  liquidationPrice: Schema.optional(Decimal),
  unrealizedPnl: Schema.optional(Decimal),
  leverage: Schema.optional(Decimal),
  marginMode: Schema.optional(Schema.Literal("cross", "isolated")),
  /** Exchange time of the last update, epoch ms. */
  timestamp: Schema.optional(Schema.Number)
}).annotations({ identifier: "Position" })

/** @since 0.1.0 */
export type Position = typeof Position.Type
