/**
 * The Hyperliquid websocket (`/ws`): `{"method":"subscribe","subscription":{…}}` /
 * `{"method":"unsubscribe",…}`, data frames `{"channel":…,"data":…}`, and the client's
 * `{"method":"ping"}` heartbeat (the venue closes a connection that sent nothing for 60 s).
 *
 * A topic is the subscription object as JSON (`{"type":"l2Book","coin":"BTC"}`); frames are routed
 * back to it from their channel and data.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/timeouts-and-heartbeats
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"
import { type DecodeFailure, decodeFailure, schemaDecoder, type WsProtocol } from "../../kernel/WsSession.js"
import type { Candle, Interval } from "../../model/Candle.js"
import type { Market } from "../../model/Market.js"
import type { BookUpdate } from "../../model/OrderBook.js"
import type { Ticker } from "../../model/Ticker.js"
import type { Trade } from "../../model/Trade.js"
import * as Convert from "./convert.js"
import * as Wire from "./wire.js"

/** @since 0.1.0 */
export const l2BookTopic = (m: Market) => JSON.stringify({ type: "l2Book", coin: m.symbol })
/** @since 0.1.0 */
export const tradesTopic = (m: Market) => JSON.stringify({ type: "trades", coin: m.symbol })
/** @since 0.1.0 */
export const bboTopic = (m: Market) => JSON.stringify({ type: "bbo", coin: m.symbol })
/** @since 0.1.0 */
export const candleTopic = (m: Market, interval: Interval) =>
  JSON.stringify({ type: "candle", coin: m.symbol, interval: Convert.candleIntervals[interval] ?? interval })

/**
 * Where the connection lives and how it is kept alive.
 * @since 0.1.0
 */
export interface StreamOptions {
  /** Websocket URL (`wss://api.hyperliquid.xyz/ws`). */
  readonly url: string
  readonly watchdog: Duration.DurationInput
  readonly heartbeat: Duration.DurationInput
}

/** @since 0.1.0 */
export const defaultStreamTimings = { watchdog: Duration.seconds(90), heartbeat: Duration.seconds(30) }

/**
 * Routes a frame to its topic; control frames (`subscriptionResponse`, `pong`, `error`) have none.
 * @since 0.1.0
 */
export const route: WsProtocol["route"] = (frame) => {
  if (typeof frame !== "object" || frame === null) return undefined
  const { channel, data } = frame as { channel?: unknown; data?: unknown }
  if (typeof data !== "object" || data === null) return undefined
  const d = data as Record<string, unknown>
  switch (channel) {
    case "l2Book":
    case "bbo":
      return typeof d.coin === "string"
        ? { topic: JSON.stringify({ type: channel, coin: d.coin }), payload: data }
        : undefined
    case "trades": {
      const first = Array.isArray(data) ? (data[0] as Record<string, unknown> | undefined) : undefined
      return typeof first?.coin === "string"
        ? { topic: JSON.stringify({ type: "trades", coin: first.coin }), payload: data }
        : undefined
    }
    case "candle":
      return typeof d.s === "string" && typeof d.i === "string"
        ? { topic: JSON.stringify({ type: "candle", coin: d.s, interval: d.i }), payload: data }
        : undefined
    default:
      return undefined
  }
}

/**
 * The protocol for `WsSession`.
 * @since 0.1.0
 */
export const protocol = (options: StreamOptions): WsProtocol => ({
  venue: Convert.VENUE,
  url: () => options.url,
  subscribe: (topics) => topics.map((t) => JSON.stringify({ method: "subscribe", subscription: JSON.parse(t) })),
  unsubscribe: (topics) => topics.map((t) => JSON.stringify({ method: "unsubscribe", subscription: JSON.parse(t) })),
  heartbeat: { interval: options.heartbeat, frame: () => JSON.stringify({ method: "ping" }) },
  watchdog: options.watchdog,
  route
})

/** An `l2Book` frame as a (snapshot) book update. @since 0.1.0 */
export const decodeBook = schemaDecoder(
  Wire.L2Book,
  (book, receivedAt): BookUpdate => Convert.toBookUpdate(book, receivedAt)
)

/** A `trades` frame. @since 0.1.0 */
export const decodeTrades = (m: Market) =>
  schemaDecoder(Schema.Array(Wire.Trade), (trades): ReadonlyArray<Trade> => trades.map((t) => Convert.toTrade(m, t)))

/** A `candle` frame (closed once its close time has passed). @since 0.1.0 */
export const decodeCandle = (m: Market, interval: Interval) =>
  schemaDecoder(Wire.Candle, (c, receivedAt): Candle => Convert.toCandle(m, interval, c, receivedAt))

const BboLevel = Schema.NullOr(Wire.BookLevel)
/** A `bbo` frame. @since 0.1.0 */
export const Bbo = Schema.Struct({ coin: Schema.String, time: Schema.Number, bbo: Schema.Tuple(BboLevel, BboLevel) })

/**
 * A `bbo` frame as a ticker: `last` is the mid of the best bid and ask (the channel carries no
 * trade price); frames with an empty side are skipped.
 * @since 0.1.0
 */
export const decodeTicker = (m: Market) =>
  schemaDecoder(Bbo, (b): Ticker | DecodeFailure => {
    const [bid, ask] = b.bbo
    if (bid === null || ask === null) return decodeFailure("one side of the book is empty")
    return {
      symbol: m.unified,
      venueSymbol: m.symbol,
      timestamp: b.time,
      last: BigDecimal.unsafeDivide(BigDecimal.sum(bid.px, ask.px), BigDecimal.fromBigInt(2n)),
      bid: bid.px,
      bidSize: bid.sz,
      ask: ask.px,
      askSize: ask.sz
    }
  })
