/**
 * USDⓈ-M market streams, on the family's protocol (`../streams.ts`), with a ping every 3 minutes
 * (no pong for 10 minutes closes the connection).
 *
 * Streams: `<symbol>@depth` (250 ms), `@depth@100ms`, `@depth@500ms` with `U`/`u`/`pu` (`pu` is the
 * previous event's `u`, also across events lost to a `depthGap` fault), `@trade`, `@aggTrade`,
 * `@markPrice` (3 s) / `@markPrice@1s`, `@kline_<interval>`, `@ticker`, `@bookTicker`.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 *
 * @since 0.1.0
 */
import { candleAt, intervalStart, rolling } from "../../../engine/Statistics.js"
import { onBookChange, onTrade } from "../../kit/BookChanges.js"
import { klineIntervals, topOfBook } from "../marketData.js"
import type { StreamProduct } from "../streams.js"
import { depthDiffs } from "../streams.js"
import { klineEvent, num, tickerEvent } from "../wire.js"
import { lookup } from "./marketData.js"
import * as Wire from "./wire.js"

const DEPTH_MS: Record<string, number> = { "depth": 250, "depth@250ms": 250, "depth@100ms": 100, "depth@500ms": 500 }

/**
 * USDⓈ-M's streams (https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams).
 * @since 0.1.0
 */
export const streams: StreamProduct = {
  pingIntervalMs: 180_000,
  pongTimeoutMs: 600_000,
  start: (name, native, kind, ctx) => {
    const { emit, engine, timers } = ctx
    const i = lookup(engine, native)
    if (i === undefined) return () => {}
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
    const depthMs = DEPTH_MS[kind]
    if (depthMs !== undefined) {
      return depthDiffs(ctx, name, i.symbol, depthMs, (p, q) => Wire.level(i)([p, q]), (diff) => {
        const now = timers.now()
        emit(name, {
          e: "depthUpdate",
          E: now,
          T: now,
          s: native,
          U: diff.U,
          u: diff.u,
          pu: diff.pu,
          b: diff.b,
          a: diff.a
        })
      })
    }
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams
    if (kind === "aggTrade" || kind === "trade") {
      return onTrade(engine, i.symbol, (t) => {
        const common = {
          E: timers.now(),
          s: native,
          p: Wire.px(i, t.price),
          q: Wire.qty(i, t.quantity),
          T: t.time,
          m: t.buyerIsMaker
        }
        emit(
          name,
          kind === "trade"
            ? { e: "trade", ...common, t: t.tradeId, X: "MARKET" }
            : { e: "aggTrade", ...common, a: t.tradeId, f: t.tradeId, l: t.tradeId }
        )
      })
    }
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Mark-Price-Stream
    if (kind === "markPrice" || kind === "markPrice@1s") {
      return timers.every(kind === "markPrice" ? 3000 : 1000, () => {
        const m = engine.perpMarket(i.symbol)!
        emit(name, {
          e: "markPriceUpdate",
          E: timers.now(),
          s: native,
          p: Wire.amount(m.markPrice),
          i: Wire.amount(m.indexPrice),
          P: Wire.amount(m.indexPrice),
          r: num(m.fundingRate),
          T: m.nextFundingTime
        })
      })
    }
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Ticker-Streams
    if (kind === "ticker") {
      return timers.every(1000, () => {
        const now = timers.now()
        const { ask, bid } = topOfBook(engine, i.symbol)
        const stats = rolling(engine.trades(i.symbol), now)
        const { a: _a, A: _A, b: _b, B: _B, x: _x, ...event } = tickerEvent(now, native, stats, bid, ask)
        emit(name, event)
      })
    }
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Book-Ticker-Streams
    if (kind === "bookTicker") {
      return onBookChange(engine, i.symbol, (u, time) => {
        const { ask, bid } = topOfBook(engine, i.symbol)
        emit(name, {
          e: "bookTicker",
          u,
          E: time,
          T: time,
          s: native,
          b: Wire.px(i, bid[0]),
          B: Wire.qty(i, bid[1]),
          a: Wire.px(i, ask[0]),
          A: Wire.qty(i, ask[1])
        })
      })
    }
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Kline-Candlestick-Streams
    if (kind.startsWith("kline_")) {
      const intervalName = kind.slice("kline_".length)
      const interval = klineIntervals.get(intervalName)
      if (interval === undefined || intervalName === "1s") return undefined
      return timers.every(250, () => {
        const now = timers.now()
        const candle = candleAt(engine.trades(i.symbol), interval, intervalStart(interval, now))
        if (candle !== undefined) emit(name, klineEvent(now, native, intervalName, candle, now))
      })
    }
    return undefined
  }
}
