/**
 * Candles (klines) and their intervals.
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal, NonNegativeDecimal } from "./Decimal.js"

/**
 * Unified candle intervals. A venue that lacks one fails with `NotSupported`.
 * @since 0.1.0
 */
export const Interval = Schema.Literal(
  "1s",
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "6h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1M"
)
/** @since 0.1.0 */
export type Interval = typeof Interval.Type

/**
 * Length of an interval in milliseconds (a month counts as 30 days, for range arithmetic only).
 * @since 0.1.0
 */
export const intervalMillis: Record<Interval, number> = {
  "1s": 1_000,
  "1m": 60_000,
  "3m": 180_000,
  "5m": 300_000,
  "15m": 900_000,
  "30m": 1_800_000,
  "1h": 3_600_000,
  "2h": 7_200_000,
  "4h": 14_400_000,
  "6h": 21_600_000,
  "8h": 28_800_000,
  "12h": 43_200_000,
  "1d": 86_400_000,
  "3d": 259_200_000,
  "1w": 604_800_000,
  "1M": 2_592_000_000
}

/** @since 0.1.0 */
export const Candle = Schema.Struct({
  symbol: Schema.String,
  interval: Interval,
  /** Open time, epoch ms. */
  openTime: Schema.Number,
  /** Close time, epoch ms (inclusive, as the venue reports it). */
  closeTime: Schema.optional(Schema.Number),
  open: Decimal,
  high: Decimal,
  low: Decimal,
  close: Decimal,
  /** Volume in the base asset. */
  volume: NonNegativeDecimal,
  /** Volume in the quote asset. */
  quoteVolume: Schema.optional(NonNegativeDecimal),
  tradeCount: Schema.optional(Schema.Number),
  /** False while the candle is still forming (streams). */
  closed: Schema.Boolean
}).annotations({ identifier: "Candle" })

/** @since 0.1.0 */
export type Candle = typeof Candle.Type

/**
 * A candle's first fields from the row most venues send (`[openTime, open, high, low, close, …]`).
 * @since 0.1.0
 */
export const fromRow = (
  symbol: string,
  interval: Interval,
  row: readonly [number, Decimal, Decimal, Decimal, Decimal, ...ReadonlyArray<unknown>]
) => ({ symbol, interval, openTime: row[0], open: row[1], high: row[2], low: row[3], close: row[4] })

/**
 * The inclusive close time of a candle opening at `openTime`, for venues that send the open only.
 * @since 0.1.0
 */
export const closeTimeOf = (interval: Interval, openTime: number): number => openTime + intervalMillis[interval] - 1

/**
 * A time range for historical queries, epoch ms, both optional.
 * @since 0.1.0
 */
export interface TimeRange {
  readonly since?: number | undefined
  readonly until?: number | undefined
  readonly limit?: number | undefined
}
