/**
 * Binance Spot market streams: the websocket protocol (combined streams, live SUBSCRIBE /
 * UNSUBSCRIBE) and the event decoders.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as CombinedStreams from "../../kernel/CombinedStreams.js"
import { schemaDecoder, type WsProtocol } from "../../kernel/WsSession.js"
import type { Candle, Interval } from "../../model/Candle.js"
import type { Market } from "../../model/Market.js"
import type { Ticker } from "../../model/Ticker.js"
import type { Trade } from "../../model/Trade.js"
import { VENUE } from "./convert.js"
import * as Wire from "./wire.js"

/** Stream names use the lower-case symbol. */
export const tickerTopic = (m: Market) => `${m.symbol.toLowerCase()}@ticker`
/** @since 0.1.0 */
export const tradeTopic = (m: Market) => `${m.symbol.toLowerCase()}@trade`
/** @since 0.1.0 */
export const klineTopic = (m: Market, interval: Interval) => `${m.symbol.toLowerCase()}@kline_${interval}`
/** Diff. depth stream, 100 ms. */
export const depthTopic = (m: Market) => `${m.symbol.toLowerCase()}@depth@100ms`

/**
 * @since 0.1.0
 */
export interface StreamOptions {
  /** Websocket base URL (`wss://stream.binance.com:9443`). */
  readonly baseUrl: string
  /** A connection silent for this long is replaced. */
  readonly watchdog: Duration.DurationInput
  /** How often to send a `LIST_SUBSCRIPTIONS` request as an application-level heartbeat. */
  readonly heartbeat: Duration.DurationInput
}

/**
 * Combined streams (`/stream?streams=a/b`) with live SUBSCRIBE / UNSUBSCRIBE and a
 * `LIST_SUBSCRIPTIONS` heartbeat: see `kernel/CombinedStreams`.
 * @since 0.1.0
 */
export const protocol = (options: StreamOptions): WsProtocol =>
  CombinedStreams.protocol({ venue: VENUE, ...options, textTopics: isDepthTopic })

/** Whether a topic is a diff depth stream, whose events `depthCodec` reads from the frame's text. */
export const isDepthTopic = (topic: string): boolean => topic.endsWith("@depth@100ms")

/** @since 0.1.0 */
export const defaultStreamTimings = {
  watchdog: Duration.seconds(30),
  heartbeat: Duration.seconds(10)
}

/** @since 0.1.0 */
export const decodeTicker = (market: Market) =>
  schemaDecoder(Wire.TickerEvent, (e): Ticker => ({
    symbol: market.unified,
    venueSymbol: market.symbol,
    timestamp: e.E,
    last: e.c,
    bid: e.b,
    bidSize: e.B,
    ask: e.a,
    askSize: e.A,
    open: e.o,
    high: e.h,
    low: e.l,
    baseVolume: e.v,
    quoteVolume: e.q,
    change: e.p,
    percentage: e.P
  }))

/** @since 0.1.0 */
export const decodeTrade = (market: Market) =>
  schemaDecoder(Wire.TradeEvent, (e): Trade => ({
    id: e.t,
    symbol: market.unified,
    venueSymbol: market.symbol,
    timestamp: e.T,
    price: e.p,
    quantity: e.q,
    side: e.m ? "sell" : "buy"
  }))

/** @since 0.1.0 */
export const decodeKline = (market: Market, interval: Interval) =>
  schemaDecoder(Wire.KlineEvent, (e): Candle => ({
    symbol: market.unified,
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
