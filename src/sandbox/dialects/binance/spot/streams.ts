/**
 * Binance Spot's market streams, on the family's protocol (`../streams.ts`), with a ping frame
 * every 20 seconds (no pong for a minute closes the connection).
 *
 * Streams: `<symbol>@trade`, `<symbol>@aggTrade` (each sandbox trade is its own aggregate),
 * `<symbol>@ticker`, `<symbol>@bookTicker` (sent when the top of the book changes),
 * `<symbol>@depth` (1000 ms), `<symbol>@depth@100ms`, `<symbol>@kline_<interval>`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 *
 * @since 0.1.0
 */
import type { Instrument } from "../../../engine/Instrument.js"
import { marketStreams } from "../streams.js"
import { level, tradeEvent } from "../wire.js"

/**
 * Spot's streams (https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#websocket-limits).
 * @since 0.1.0
 */
export const streams = marketStreams<Instrument>({
  pingIntervalMs: 20_000,
  pongTimeoutMs: 60_000,
  lookup: (engine, symbol) => engine.instrument(symbol),
  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#diff-depth-stream
  depthMs: { "depth": 1000, "depth@100ms": 100, "depth@1000ms": 1000 },
  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#klinecandlestick-streams-for-utc
  klineMs: (interval) => (interval === "1s" ? 1000 : 2000),
  level: () => level,
  depthUpdate: (s, E, { a, b, U, u }) => ({ e: "depthUpdate", E, s, U, u, b, a }),
  trade: (_i, s, kind, now, t) => ({ ...tradeEvent(kind, now, s, level([t.price, t.quantity]), t), M: true }),
  ticker: (event) => event,
  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#individual-symbol-book-ticker-streams
  bookTicker: { onChange: true, event: (s, u, _time, [b, B], [a, A]) => ({ u, s, b, B, a, A }) }
})
