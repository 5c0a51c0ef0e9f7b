/**
 * Perpetual funding rates.
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal } from "./Decimal.js"

/** @since 0.1.0 */
export const FundingRate = Schema.Struct({
  symbol: Schema.String,
  venueSymbol: Schema.String,
  /** The rate per funding interval, as a fraction (0.0001 = 0.01 %). */
  rate: Decimal,
  /** Time the rate applies to (or was observed), epoch ms. */
  timestamp: Schema.Number,
  nextFundingTime: Schema.optional(Schema.Number),
  markPrice: Schema.optional(Decimal),
  indexPrice: Schema.optional(Decimal)
}).annotations({ identifier: "FundingRate" })

/** @since 0.1.0 */
export type FundingRate = typeof FundingRate.Type
