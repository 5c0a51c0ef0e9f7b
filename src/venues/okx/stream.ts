/**
 * OKX v5 public streams: the websocket protocols (`/ws/v5/public` for `books`, `tickers`, `trades`;
 * `/ws/v5/business` for candles), `{"op":"subscribe","args":[{"channel","instId"}]}`, the text
 * `ping` heartbeat ("if no message is received within N seconds (N < 30), send the string 'ping'
 * and expect a 'pong'"; OKX closes a connection silent for 30 s) and the frame decoders.
 *
 * A topic here is `channel:instId` (`books:BTC-USDT`, `candle1m:BTC-USDT-SWAP`); frames carry
 * `arg: {channel, instId}` and `data`; `event` frames (subscribe acks, errors) only feed the
 * watchdog.
 *
 * https://www.okx.com/docs-v5/en/#overview-websocket-connect
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-tickers-channel
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-trades-channel
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-candlesticks-channel
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { describeParseError } from "../../kernel/RestClient.js"
import { type DecodeFailure, decodeFailure, type WsProtocol } from "../../kernel/WsSession.js"
import type { Candle, Interval } from "../../model/Candle.js"
import type { Market } from "../../model/Market.js"
import type { Ticker } from "../../model/Ticker.js"
import type { Trade } from "../../model/Trade.js"
import { bars, toCandle, toTicker, toTrade, VENUE } from "./convert.js"
import * as Wire from "./wire.js"

/** @since 0.1.0 */
export const tickerTopic = (m: Market) => `tickers:${m.symbol}`
/** @since 0.1.0 */
export const tradeTopic = (m: Market) => `trades:${m.symbol}`
/** @since 0.1.0 */
export const candleTopic = (m: Market, interval: Interval) => `candle${bars[interval] ?? "1m"}:${m.symbol}`
/**
 * `books`: 400 levels, snapshot then incremental updates every 100 ms, with `seqId`/`prevSeqId`.
 * @since 0.1.0
 */
export const bookTopic = (m: Market) => `books:${m.symbol}`

/** The websocket endpoints: `public` (books, tickers, trades) and `business` (candles). */
export type Endpoint = "public" | "business"

/**
 * @since 0.1.0
 */
export interface StreamOptions {
  /** Websocket base URL (`wss://ws.okx.com:8443`); `/ws/v5/public` or `/ws/v5/business` follows. */
  readonly baseUrl: string
  readonly watchdog: Duration.DurationInput
  /** How often `ping` is sent; under OKX's 30 s. */
  readonly heartbeat: Duration.DurationInput
}

const argOf = (topic: string) => {
  const at = topic.indexOf(":")
  return { channel: topic.slice(0, at), instId: topic.slice(at + 1) }
}

/**
 * The protocol of one endpoint.
 * @since 0.1.0
 */
export const protocol = (options: StreamOptions, endpoint: Endpoint): WsProtocol => {
  const base = options.baseUrl.replace(/\/+$/, "")
  return {
    venue: VENUE,
    url: () => `${base}/ws/v5/${endpoint}`,
    subscribe: (topics) => [JSON.stringify({ op: "subscribe", args: topics.map(argOf) })],
    unsubscribe: (topics) => [JSON.stringify({ op: "unsubscribe", args: topics.map(argOf) })],
    heartbeat: { interval: options.heartbeat, frame: () => "ping" },
    watchdog: options.watchdog,
    route
  }
}

const route: WsProtocol["route"] = (frame) => {
  if (typeof frame !== "object" || frame === null || "event" in frame || !("arg" in frame)) return undefined
  const arg = frame.arg
  if (typeof arg !== "object" || arg === null || !("channel" in arg) || !("instId" in arg)) return undefined
  if (typeof arg.channel !== "string" || typeof arg.instId !== "string") return undefined
  return { topic: `${arg.channel}:${arg.instId}`, payload: frame }
}

/**
 * Ping every 20 s; a connection with no frame for 35 s is replaced (OKX itself drops one silent
 * for 30 s).
 * @since 0.1.0
 */
export const defaultStreamTimings = {
  watchdog: Duration.seconds(35),
  heartbeat: Duration.seconds(20)
}

const fail = (e: Parameters<typeof describeParseError>[0]) => {
  const { detail, path } = describeParseError(e)
  return decodeFailure(`${path}: ${detail}`)
}

const frameOf = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.decodeUnknownEither(Schema.Struct({ data: Schema.Array(item) }))
const decodeTickerFrame = frameOf(Wire.Ticker)
const decodeTradeFrame = frameOf(Wire.Trade)
const decodeCandleFrame = frameOf(Wire.Candle)

/** `tickers`: the same fields as the REST ticker. @since 0.1.0 */
export const decodeTicker = (market: Market) => (payload: unknown): ReadonlyArray<Ticker> | DecodeFailure => {
  const frame = decodeTickerFrame(payload)
  return Either.isLeft(frame) ? fail(frame.left) : frame.right.data.map((t) => toTicker(market, t))
}

/** `trades`: one or more trades per frame; `side` is the taker's. @since 0.1.0 */
export const decodeTrades = (market: Market) => (payload: unknown): ReadonlyArray<Trade> | DecodeFailure => {
  const frame = decodeTradeFrame(payload)
  return Either.isLeft(frame) ? fail(frame.left) : frame.right.data.map((t) => toTrade(market, t))
}

/** `candle<bar>`: the REST candle arrays. @since 0.1.0 */
export const decodeCandles =
  (market: Market, interval: Interval) => (payload: unknown): ReadonlyArray<Candle> | DecodeFailure => {
    const frame = decodeCandleFrame(payload)
    return Either.isLeft(frame) ? fail(frame.left) : frame.right.data.map((c) => toCandle(market, interval, c))
  }
