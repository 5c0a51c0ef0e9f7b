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
import type { PerpInstrument } from "../../../engine/Instrument.js"
import { marketStreams } from "../streams.js"
import { num, tradeEvent } from "../wire.js"
import { lookup } from "./marketData.js"
import * as Wire from "./wire.js"

/**
 * USDⓈ-M's streams (https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams).
 * @since 0.1.0
 */
export const streams = marketStreams<PerpInstrument>({
  pingIntervalMs: 180_000,
  pongTimeoutMs: 600_000,
  lookup,
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
  depthMs: { "depth": 250, "depth@250ms": 250, "depth@100ms": 100, "depth@500ms": 500 },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Kline-Candlestick-Streams
  klineMs: (interval) => (interval === "1s" ? undefined : 250),
  level: Wire.level,
  depthUpdate: (s, now, { a, b, pu, U, u }) => ({ e: "depthUpdate", E: now, T: now, s, U, u, pu, b, a }),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams
  trade: (i, s, kind, E, t) => ({
    ...tradeEvent(kind, E, s, Wire.level(i)([t.price, t.quantity]), t),
    ...(kind === "trade" ? { X: "MARKET" } : {})
  }),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Ticker-Streams
  ticker: ({ a: _a, A: _A, b: _b, B: _B, x: _x, ...event }) => event,
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Book-Ticker-Streams
  bookTicker: {
    onChange: false,
    event: (s, u, time, [b, B], [a, A]) => ({ e: "bookTicker", u, E: time, T: time, s, b, B, a, A })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Mark-Price-Stream
  more: (name, s, i, kind, { emit, engine, timers }) => {
    if (kind !== "markPrice" && kind !== "markPrice@1s") return undefined
    return timers.every(kind === "markPrice" ? 3000 : 1000, () => {
      const m = engine.perpMarket(i.symbol)!
      const [p, P] = [Wire.amount(m.markPrice), Wire.amount(m.indexPrice)]
      emit(name, { e: "markPriceUpdate", E: timers.now(), s, p, i: P, P, r: num(m.fundingRate), T: m.nextFundingTime })
    })
  }
})
