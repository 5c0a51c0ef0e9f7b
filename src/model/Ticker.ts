/**
 * 24-hour ticker statistics and best bid/ask.
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
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

/**
 * What a venue's ticker says, before the rules every venue shares.
 * @since 0.1.0
 */
export type TickerFields =
  & Pick<Ticker, "timestamp" | "last">
  & {
    readonly [K in Exclude<keyof Ticker, "symbol" | "venueSymbol" | "timestamp" | "last">]?:
      | BigDecimal.BigDecimal
      | undefined
  }

/**
 * A ticker from a venue's fields: the best bid and ask only when positive (venues write 0 or `""`
 * for an empty side), each with its size when given; `change` = last − open when the venue gives
 * none; what the venue leaves out is left out.
 * @since 0.1.0
 */
export const make = (
  market: { readonly unified: string; readonly symbol: string },
  { ask, askSize, bid, bidSize, change, ...fields }: TickerFields
): Ticker => {
  const ticker: Record<string, unknown> = { symbol: market.unified, venueSymbol: market.symbol }
  const all = {
    ...fields,
    ...(bid !== undefined && BigDecimal.isPositive(bid) ? { bid, bidSize } : {}),
    ...(ask !== undefined && BigDecimal.isPositive(ask) ? { ask, askSize } : {}),
    change: change ?? (fields.open === undefined ? undefined : BigDecimal.subtract(fields.last, fields.open))
  }
  for (const [key, value] of Object.entries(all)) if (value !== undefined) ticker[key] = value
  return ticker as Ticker
}
