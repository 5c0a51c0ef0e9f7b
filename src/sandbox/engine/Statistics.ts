/**
 * Market statistics derived from the public trade history: rolling 24-hour ticker figures and
 * candles. Venue-agnostic; dialects render them.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../model/Decimal.js"
import { zero } from "../../model/Decimal.js"
import type { Trade } from "./Order.js"

/**
 * Rolling-window statistics of one instrument.
 * @since 0.1.0
 */
export interface RollingStats {
  readonly openTime: number
  readonly closeTime: number
  readonly open: Decimal
  readonly high: Decimal
  readonly low: Decimal
  readonly last: Decimal
  readonly lastQuantity: Decimal
  /** Price of the last trade before the window (or the first in it). */
  readonly previousClose: Decimal
  readonly volume: Decimal
  readonly quoteVolume: Decimal
  readonly firstTradeId: number
  readonly lastTradeId: number
  readonly count: number
}

/** Index of the first trade at or after `time` (trades are in time order). */
const firstAtOrAfter = (trades: ReadonlyArray<Trade>, time: number): number => {
  let lo = 0
  let hi = trades.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (trades[mid]!.time < time) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Statistics over the trades in `[now - windowMs, now]`.
 * @since 0.1.0
 */
export const rolling = (trades: ReadonlyArray<Trade>, now: number, windowMs = 86_400_000): RollingStats => {
  const openTime = now - windowMs
  const from = firstAtOrAfter(trades, openTime)
  const window = trades.slice(from)
  const before = from > 0 ? trades[from - 1] : undefined
  if (window.length === 0) {
    const price = before?.price ?? zero
    return {
      openTime,
      closeTime: now,
      open: zero,
      high: zero,
      low: zero,
      last: price,
      lastQuantity: zero,
      previousClose: price,
      volume: zero,
      quoteVolume: zero,
      firstTradeId: -1,
      lastTradeId: -1,
      count: 0
    }
  }
  let high = window[0]!.price
  let low = window[0]!.price
  let volume = zero
  let quoteVolume = zero
  for (const t of window) {
    if (BigDecimal.greaterThan(t.price, high)) high = t.price
    if (BigDecimal.lessThan(t.price, low)) low = t.price
    volume = BigDecimal.sum(volume, t.quantity)
    quoteVolume = BigDecimal.sum(quoteVolume, t.quote)
  }
  const first = window[0]!
  const last = window[window.length - 1]!
  return {
    openTime,
    closeTime: now,
    open: first.price,
    high,
    low,
    last: last.price,
    lastQuantity: last.quantity,
    previousClose: before?.price ?? first.price,
    volume,
    quoteVolume,
    firstTradeId: first.tradeId,
    lastTradeId: last.tradeId,
    count: window.length
  }
}

/**
 * A candle interval: a fixed length in milliseconds (aligned to the epoch, weeks to Mondays) or
 * calendar months.
 * @since 0.1.0
 */
export type CandleInterval = { readonly _tag: "fixed"; readonly ms: number; readonly offset: number } | {
  readonly _tag: "month"
}

/**
 * Start of the interval that contains `time`.
 * @since 0.1.0
 */
export const intervalStart = (interval: CandleInterval, time: number): number => {
  if (interval._tag === "month") {
    const d = new Date(time)
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  }
  return Math.floor((time - interval.offset) / interval.ms) * interval.ms + interval.offset
}

/**
 * Start of the interval after the one starting at `start`.
 * @since 0.1.0
 */
export const nextIntervalStart = (interval: CandleInterval, start: number): number => {
  if (interval._tag === "fixed") return start + interval.ms
  const d = new Date(start)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
}

/**
 * One candle.
 * @since 0.1.0
 */
export interface Candle {
  readonly openTime: number
  readonly closeTime: number
  readonly open: Decimal
  readonly high: Decimal
  readonly low: Decimal
  readonly close: Decimal
  readonly volume: Decimal
  readonly quoteVolume: Decimal
  readonly count: number
  readonly takerBuyVolume: Decimal
  readonly takerBuyQuoteVolume: Decimal
  readonly firstTradeId: number
  readonly lastTradeId: number
}

/**
 * The candle of the interval starting at `start`; a flat, zero-volume candle at the previous close
 * when nothing traded in it; `undefined` before the first trade.
 * @since 0.1.0
 */
export const candleAt = (
  trades: ReadonlyArray<Trade>,
  interval: CandleInterval,
  start: number
): Candle | undefined => {
  const end = nextIntervalStart(interval, start)
  const from = firstAtOrAfter(trades, start)
  const to = firstAtOrAfter(trades, end)
  const closeTime = end - 1
  if (from === to) {
    const previous = from > 0 ? trades[from - 1] : undefined
    if (previous === undefined) return undefined
    const p = previous.price
    return {
      openTime: start,
      closeTime,
      open: p,
      high: p,
      low: p,
      close: p,
      volume: zero,
      quoteVolume: zero,
      count: 0,
      takerBuyVolume: zero,
      takerBuyQuoteVolume: zero,
      firstTradeId: -1,
      lastTradeId: -1
    }
  }
  const first = trades[from]!
  let high = first.price
  let low = first.price
  let volume = zero
  let quoteVolume = zero
  let takerBuyVolume = zero
  let takerBuyQuoteVolume = zero
  for (let i = from; i < to; i++) {
    const t = trades[i]!
    if (BigDecimal.greaterThan(t.price, high)) high = t.price
    if (BigDecimal.lessThan(t.price, low)) low = t.price
    volume = BigDecimal.sum(volume, t.quantity)
    quoteVolume = BigDecimal.sum(quoteVolume, t.quote)
    if (!t.buyerIsMaker) {
      takerBuyVolume = BigDecimal.sum(takerBuyVolume, t.quantity)
      takerBuyQuoteVolume = BigDecimal.sum(takerBuyQuoteVolume, t.quote)
    }
  }
  const last = trades[to - 1]!
  return {
    openTime: start,
    closeTime,
    open: first.price,
    high,
    low,
    close: last.price,
    volume,
    quoteVolume,
    count: to - from,
    takerBuyVolume,
    takerBuyQuoteVolume,
    firstTradeId: first.tradeId,
    lastTradeId: last.tradeId
  }
}

/**
 * Up to `limit` candles: from `startTime` forward when given, else the last ones up to `endTime`
 * (or `now`). Intervals before the first trade are skipped.
 * @since 0.1.0
 */
export const candles = (
  trades: ReadonlyArray<Trade>,
  interval: CandleInterval,
  options: {
    readonly now: number
    readonly limit: number
    readonly startTime?: number | undefined
    readonly endTime?: number | undefined
  }
): ReadonlyArray<Candle> => {
  const last = intervalStart(interval, Math.min(options.endTime ?? options.now, options.now))
  const out: Array<Candle> = []
  if (options.startTime !== undefined) {
    const firstTrade = trades[0]
    if (firstTrade === undefined) return out
    const from = Math.max(options.startTime, firstTrade.time)
    for (let s = intervalStart(interval, from); s <= last && out.length < options.limit;) {
      const c = candleAt(trades, interval, s)
      if (c !== undefined) out.push(c)
      s = nextIntervalStart(interval, s)
    }
    return out
  }
  const starts: Array<number> = [last]
  while (starts.length < options.limit) {
    const previous = intervalStart(interval, starts[starts.length - 1]! - 1)
    if (trades.length === 0 || previous < intervalStart(interval, trades[0]!.time)) break
    starts.push(previous)
  }
  for (const s of starts.reverse()) {
    const c = candleAt(trades, interval, s)
    if (c !== undefined) out.push(c)
  }
  return out
}
