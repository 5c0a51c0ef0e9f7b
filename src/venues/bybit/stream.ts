/**
 * Bybit v5 public streams: the websocket protocol (one connection per category,
 * `/v5/public/spot` and `/v5/public/linear`; `{"op":"subscribe","args":[…]}`; the client pings
 * with `{"op":"ping"}` every 20 s) and the message decoders.
 *
 * https://bybit-exchange.github.io/docs/v5/ws/connect
 * https://bybit-exchange.github.io/docs/v5/websocket/public/ticker
 * https://bybit-exchange.github.io/docs/v5/websocket/public/trade
 * https://bybit-exchange.github.io/docs/v5/websocket/public/kline
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { leadingString, TextPayload } from "../../kernel/TextPayload.js"
import type { StreamConnectionOptions } from "../../kernel/VenueAdapter.js"
import { fieldsOf, itemsDecoder, parseFailure } from "../../kernel/WireDecode.js"
import { type DecodeFailure, schemaDecoder, type WsProtocol } from "../../kernel/WsSession.js"
import type { Candle, Interval } from "../../model/Candle.js"
import { Decimal } from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
import type { Ticker } from "../../model/Ticker.js"
import { type Trade, tradeOf } from "../../model/Trade.js"
import { type Category, toCandle, toTicker, VENUE } from "./convert.js"
import * as Wire from "./wire.js"

/**
 * The public connection of a category (`<ws>/v5/public/<category>`). Data frames carry `topic`;
 * replies (`{"success":true,"ret_msg":"pong","op":"ping",…}`, subscribe acks) do not and only feed
 * the watchdog.
 * @since 0.1.0
 */
export const protocol = (options: StreamConnectionOptions, category: Category): WsProtocol => {
  const base = options.baseUrl.replace(/\/+$/, "")
  return {
    venue: VENUE,
    url: () => `${base}/v5/public/${category}`,
    subscribe: (topics, id) => [JSON.stringify({ req_id: String(id), op: "subscribe", args: topics })],
    unsubscribe: (topics, id) => [JSON.stringify({ req_id: String(id), op: "unsubscribe", args: topics })],
    heartbeat: { interval: options.heartbeat, frame: (id) => JSON.stringify({ req_id: String(id), op: "ping" }) },
    watchdog: options.watchdog,
    route,
    // `{"topic":"orderbook.…","type":…}`: the orderbook decoder reads the frame from its text
    routeText: (text) => {
      const topic = leadingString(text, TOPIC_PREFIX)
      if (topic === undefined || !isDepthTopic(topic)) return undefined
      return { topic, payload: new TextPayload(text, 0, text.length, topic, route) }
    }
  }
}

const TOPIC_PREFIX = "{\"topic\":\""

const route: WsProtocol["route"] = (frame) =>
  typeof frame === "object" && frame !== null && "topic" in frame && typeof frame.topic === "string"
    ? { topic: frame.topic, payload: frame }
    : undefined

/** Whether a topic is an orderbook stream, whose frames `depthCodec` reads from their text. */
export const isDepthTopic = (topic: string): boolean => topic.startsWith("orderbook.")

/** The watchdog, and the ping interval Bybit recommends. @since 0.1.0 */
export const defaultStreamTimings = { watchdog: Duration.seconds(30), heartbeat: Duration.seconds(20) }

const TickerFrame = Schema.Struct({
  type: Schema.Literal("snapshot", "delta"),
  ts: Schema.Number,
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})
const decodeTickerData = Schema.decodeUnknownEither(Wire.Ticker)
/** The statistics a frame leaves out are Bybit's "no value". */
const notGiven = Object.fromEntries([...Wire.tickerStatistics, "price24hPcnt"].map((field) => [field, ""]))

/**
 * Tickers: spot sends snapshots only; linear sends a snapshot, then deltas with the changed fields
 * only, which are merged into the last state. One decoder per subscription (it holds that state).
 * @since 0.1.0
 */
export const decodeTicker = (market: Market) => {
  let state: Record<string, unknown> = {}
  return schemaDecoder(TickerFrame, (frame): Ticker | DecodeFailure => {
    state = frame.type === "snapshot" ? { ...frame.data } : { ...state, ...frame.data }
    const t = decodeTickerData({ ...notGiven, ...state })
    return Either.isLeft(t) ? parseFailure("ticker", t.left) : toTicker(market, t.right, frame.ts)
  })
}

const PublicTrade = Schema.Struct({
  T: Schema.Number,
  ...fieldsOf(Schema.String, "s", "i"),
  S: Wire.Side,
  ...fieldsOf(Decimal, "v", "p")
})

/**
 * `publicTrade` frames carry several trades; `S` is the taker's side.
 * @since 0.1.0
 */
export const decodeTrades = (m: Market) =>
  itemsDecoder(
    PublicTrade,
    (t): Trade => tradeOf(m, { id: t.i, timestamp: t.T, price: t.p, quantity: t.v, side: t.S }),
    { ts: Schema.Number }
  )

const Kline = Schema.Struct({
  ...fieldsOf(Schema.Number, "start", "end"),
  interval: Schema.String,
  ...fieldsOf(Decimal, "open", "close", "high", "low", "volume", "turnover"),
  confirm: Schema.Boolean
})

/** `kline` frames: the REST row's fields by name, with their close time and `confirm`. @since 0.1.0 */
export const decodeKlines = (market: Market, interval: Interval) =>
  itemsDecoder(Kline, (k): Candle => ({
    ...toCandle(market, interval, [k.start, k.open, k.high, k.low, k.close, k.volume, k.turnover], 0),
    closeTime: k.end,
    closed: k.confirm
  }))
