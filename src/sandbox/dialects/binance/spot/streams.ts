/**
 * Binance Spot's market streams, on the family's protocol (`../streams.ts`), with a ping frame
 * every 20 seconds (no pong for a minute closes the connection).
 *
 * Streams: `<symbol>@trade`, `<symbol>@aggTrade`, `<symbol>@ticker`, `<symbol>@bookTicker`,
 * `<symbol>@depth` (1000 ms), `<symbol>@depth@100ms`, `<symbol>@kline_<interval>`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 *
 * @since 0.1.0
 */
import { candleAt, intervalStart, rolling } from "../../../engine/Statistics.js"
import { onBookChange, onTrade } from "../../kit/BookChanges.js"
import { klineIntervals, topOfBook } from "../marketData.js"
import type { StreamProduct } from "../streams.js"
import { depthDiffs } from "../streams.js"
import { klineEvent, num, tickerEvent } from "../wire.js"
import { aggTradeEvent, tradeEvent } from "./wire.js"

/**
 * Spot's streams (https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#websocket-limits).
 * @since 0.1.0
 */
export const streams: StreamProduct = {
  pingIntervalMs: 20_000,
  pongTimeoutMs: 60_000,
  start: (name, symbol, kind, ctx) => {
    const { emit, engine, timers } = ctx
    if (engine.instrument(symbol) === undefined) return () => {}
    // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#trade-streams
    if (kind === "trade") return onTrade(engine, symbol, (trade) => emit(name, tradeEvent(timers.now(), trade)))
    // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#aggregate-trade-streams
    // Each sandbox trade is its own aggregate (first and last trade id equal).
    if (kind === "aggTrade") return onTrade(engine, symbol, (trade) => emit(name, aggTradeEvent(timers.now(), trade)))
    // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#diff-depth-stream
    if (kind === "depth" || kind === "depth@100ms" || kind === "depth@1000ms") {
      const ms = kind === "depth@100ms" ? 100 : 1000
      return depthDiffs(
        ctx,
        name,
        symbol,
        ms,
        (p, q) => [num(p), num(q)],
        ({ a, b, U, u }) => emit(name, { e: "depthUpdate", E: timers.now(), s: symbol, U, u, b, a })
      )
    }
    // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#individual-symbol-ticker-streams
    if (kind === "ticker") {
      return timers.every(1000, () => {
        const now = timers.now()
        const { ask, bid } = topOfBook(engine, symbol)
        emit(name, tickerEvent(now, symbol, rolling(engine.trades(symbol), now), bid, ask))
      })
    }
    // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#individual-symbol-book-ticker-streams
    if (kind === "bookTicker") {
      let previous = ""
      return onBookChange(engine, symbol, (u) => {
        const { ask, bid } = topOfBook(engine, symbol)
        const data = { u, s: symbol, b: num(bid[0]), B: num(bid[1]), a: num(ask[0]), A: num(ask[1]) }
        const key = `${data.b}/${data.B}/${data.a}/${data.A}`
        if (key === previous) return
        previous = key
        emit(name, data)
      })
    }
    // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#klinecandlestick-streams-for-utc
    if (kind.startsWith("kline_")) {
      const intervalName = kind.slice("kline_".length)
      const interval = klineIntervals.get(intervalName)
      if (interval === undefined) return undefined
      return timers.every(intervalName === "1s" ? 1000 : 2000, () => {
        const now = timers.now()
        const candle = candleAt(engine.trades(symbol), interval, intervalStart(interval, now))
        if (candle !== undefined) emit(name, klineEvent(now, symbol, intervalName, candle, now))
      })
    }
    return undefined
  }
}
