/**
 * 24-hour ticker statistics and best bid/ask.
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal, NonNegativeDecimal } from "./Decimal.js"

/** @since 0.1.0 */
export const Ticker = Schema.Struct({
  /** Unified symbol. */
  symbol: Schema.String,
  /** The venue's native symbol. */
  venueSymbol: Schema.String,
  /** Exchange time of the statistics, epoch ms. */
  timestamp: Schema.Number,
  last: Decimal,
  bid: Schema.optional(Decimal),
  bidSize: Schema.optional(NonNegativeDecimal),
  ask: Schema.optional(Decimal),
  askSize: Schema.optional(NonNegativeDecimal),
  open: Schema.optional(Decimal),
  high: Schema.optional(Decimal),
  low: Schema.optional(Decimal),
  /** Volume over the window in the base asset. */
  baseVolume: Schema.optional(NonNegativeDecimal),
  /** Volume over the window in the quote asset. */
  quoteVolume: Schema.optional(NonNegativeDecimal),
  /** `last - open`. */
  change: Schema.optional(Decimal),
  /** Percent change over the window, as the venue reports it. */
  percentage: Schema.optional(Decimal)
}).annotations({ identifier: "Ticker" })

/** @since 0.1.0 */
export type Ticker = typeof Ticker.Type
