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

/**
 * A funding rate of `market` from a venue's fields; what the venue leaves out (`undefined`) is left
 * out.
 * @since 0.1.0
 */
export const fundingOf = (
  market: { readonly unified: string; readonly symbol: string },
  f: Omit<FundingRate, "symbol" | "venueSymbol">
): FundingRate => {
  const funding: { -readonly [K in keyof FundingRate]: FundingRate[K] } = {
    symbol: market.unified,
    venueSymbol: market.symbol,
    rate: f.rate,
    timestamp: f.timestamp
  }
  if (f.nextFundingTime !== undefined) funding.nextFundingTime = f.nextFundingTime
  if (f.markPrice !== undefined) funding.markPrice = f.markPrice
  if (f.indexPrice !== undefined) funding.indexPrice = f.indexPrice
  return funding
}
