/**
 * Binance market streams, Spot and USDⓈ-M: the "combined streams" websocket protocol, the topics
 * and the event decoders.
 *
 * The protocol: the topics subscribed at connect time go in the URL
 * (`<base>/stream?streams=a/b`), later ones are added and removed with
 * `{"method":"SUBSCRIBE"|"UNSUBSCRIBE","params":[…],"id":n}`, each event arrives wrapped as
 * `{"stream": topic, "data": event}`, and replies to requests are `{"result": …, "id": n}`. The
 * server pings at the protocol level and has no application ping, so the heartbeat is a cheap
 * `LIST_SUBSCRIPTIONS` request whose reply keeps the watchdog fed on quiet streams.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import { isBookDecodeFailure } from "../../book/BookWire.js"
import { leadingString, TextPayload } from "../../kernel/TextPayload.js"
import type { StreamConnectionOptions, StreamOps } from "../../kernel/VenueAdapter.js"
import { decodeFailure, schemaDecoder, type WsProtocol } from "../../kernel/WsSession.js"
import type { Candle, Interval } from "../../model/Candle.js"
import { type Market, symbolsOf } from "../../model/Market.js"
import type { Ticker } from "../../model/Ticker.js"
import type { Trade } from "../../model/Trade.js"
import type { Product } from "./convert.js"
import { depthPayloadDecoder } from "./depthCodec.js"
import * as Wire from "./wire.js"

/**
 * @since 0.1.0
 */
export interface CombinedStreamsOptions extends StreamConnectionOptions {
  readonly venue: string
  /**
   * Topics whose events are given to their decoder as a `TextPayload` (not `JSON.parse`d by the
   * session): the order-book diff streams, whose decoders read the text themselves.
   */
  readonly textTopics?: ((topic: string) => boolean) | undefined
}

const PREFIX = "{\"stream\":\""
const DATA = "\",\"data\":"

/**
 * @since 0.1.0
 */
export const protocol = (options: CombinedStreamsOptions): WsProtocol => {
  const base = options.baseUrl.replace(/\/+$/, "")
  const route: WsProtocol["route"] = (frame) => {
    if (typeof frame === "object" && frame !== null && "stream" in frame && "data" in frame) {
      const stream = frame.stream
      if (typeof stream === "string") return { topic: stream, payload: frame.data }
    }
    return undefined
  }
  const textTopics = options.textTopics
  return {
    venue: options.venue,
    url: (topics) => `${base}/stream?streams=${topics.join("/")}`,
    topicsInUrl: true,
    subscribe: (topics, id) => [JSON.stringify({ method: "SUBSCRIBE", params: topics, id })],
    unsubscribe: (topics, id) => [JSON.stringify({ method: "UNSUBSCRIBE", params: topics, id })],
    heartbeat: {
      interval: options.heartbeat,
      frame: (id) => JSON.stringify({ method: "LIST_SUBSCRIPTIONS", id })
    },
    watchdog: options.watchdog,
    route,
    // `{"stream":"<topic>","data":<event>}`, as the venue writes it; anything else is parsed.
    routeText: textTopics === undefined ? undefined : (text) => {
      const topic = leadingString(text, PREFIX)
      if (topic === undefined || !textTopics(topic)) return undefined
      const topicEnd = PREFIX.length + topic.length
      if (!text.startsWith(DATA, topicEnd) || text.charCodeAt(text.length - 1) !== 125) return undefined
      return { topic, payload: new TextPayload(text, topicEnd + DATA.length, text.length - 1, topic, route) }
    }
  }
}

/** @since 0.1.0 */
export const defaultStreamTimings = {
  watchdog: Duration.seconds(30),
  heartbeat: Duration.seconds(10)
}

/** Whether a topic is a diff depth stream, whose events the depth codec reads from the frame's text. */
export const isDepthTopic = (topic: string): boolean => topic.endsWith("@depth@100ms")

const lower = (m: Market) => m.symbol.toLowerCase()

/**
 * `<symbol>@kline_<interval>` events.
 * @since 0.1.0
 */
export const decodeKline = (m: Market, interval: Interval) =>
  schemaDecoder(Wire.KlineEvent, (e): Candle => ({
    symbol: m.unified,
    interval,
    openTime: e.k.t,
    closeTime: e.k.T,
    open: e.k.o,
    high: e.k.h,
    low: e.k.l,
    close: e.k.c,
    volume: e.k.v,
    quoteVolume: e.k.q,
    tradeCount: e.k.n,
    closed: e.k.x
  }))

/**
 * The channels of a product. Topic names use the lower-case symbol. Spot trades are `@trade`;
 * USDⓈ-M has `@aggTrade`.
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#trade-streams
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams
 * @since 0.1.0
 */
export const channels = (product: Product): Pick<StreamOps, "ticker" | "trades" | "candles" | "book"> => ({
  ticker: {
    topic: (m) => `${lower(m)}@ticker`,
    decode: (m) =>
      schemaDecoder(Wire.TickerEvent, (e): Ticker => ({
        ...symbolsOf(m),
        timestamp: e.E,
        last: e.c,
        ...(e.b !== undefined && e.B !== undefined ? { bid: e.b, bidSize: e.B } : {}),
        ...(e.a !== undefined && e.A !== undefined ? { ask: e.a, askSize: e.A } : {}),
        open: e.o,
        high: e.h,
        low: e.l,
        baseVolume: e.v,
        quoteVolume: e.q,
        change: e.p,
        percentage: e.P
      }))
  },
  trades: {
    topic: (m) => `${lower(m)}@${product.type === "spot" ? "trade" : "aggTrade"}`,
    decode: (m) => {
      const decode = schemaDecoder(Wire.TradeEvent, (e): Trade | undefined => {
        const id = product.type === "spot" ? e.t : e.a
        return id === undefined ? undefined : {
          id,
          ...symbolsOf(m),
          timestamp: e.T,
          price: e.p,
          quantity: e.q,
          side: e.m ? "sell" : "buy"
        }
      })
      return (payload, receivedAt) => decode(payload, receivedAt) ?? decodeFailure("the trade has no id")
    }
  },
  candles: { topic: (m, interval) => `${lower(m)}@kline_${interval}`, decode: decodeKline },
  book: {
    topic: (m) => `${lower(m)}@depth@100ms`,
    decode: () => {
      const decode = depthPayloadDecoder(product)
      return (payload, receivedAt) => {
        const r = decode(payload, receivedAt)
        return isBookDecodeFailure(r) ? decodeFailure(r.message) : r
      }
    }
  }
})
