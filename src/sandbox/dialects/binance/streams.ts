/**
 * The Binance family's market-stream protocol, shared by Spot and USDⓈ-M: raw streams on
 * `/ws/<streamName>`, combined streams on `/stream?streams=<a>/<b>` (wrapped as
 * `{"stream":…,"data":…}`), live `SUBSCRIBE` / `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS` /
 * `SET_PROPERTY` / `GET_PROPERTY` messages with the documented error answers, ping frames (a
 * connection that sends no pong in time is closed), and the streams both products serve. How their
 * events read is each product's.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Live-Subscribing-Unsubscribing-to-streams
 *
 * @since 0.1.0
 */
import type { Decimal } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { Trade } from "../../engine/Order.js"
import { candleAt, intervalStart, rolling } from "../../engine/Statistics.js"
import type { Faults } from "../../faults/Faults.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import type { Changes } from "../kit/BookChanges.js"
import { diffPushes, onBookChange, onTrade } from "../kit/BookChanges.js"
import { Subscriptions } from "../kit/Subscriptions.js"
import { klineIntervals, topOfBook } from "./marketData.js"
import { klineEvent, tickerEvent } from "./wire.js"

const MAX_STREAMS = 1024
const METHODS = ["SUBSCRIBE", "UNSUBSCRIBE", "LIST_SUBSCRIPTIONS", "SET_PROPERTY", "GET_PROPERTY"]

/** What a stream needs. @since 0.1.0 */
export interface StreamContext {
  readonly engine: Engine
  readonly faults: Faults
  readonly timers: Timers
  readonly venue: string
  readonly connection: WsConnection
  readonly emit: (stream: string, data: unknown) => void
}

/** A product's streams: its heartbeat and how a stream name starts a stream. @since 0.1.0 */
export interface StreamProduct {
  readonly pingIntervalMs: number
  readonly pongTimeoutMs: number
  /**
   * Starts the stream `kind` of the wire symbol `symbol` (upper case) under `name`; returns what
   * stops it, or `undefined` when there is no such stream.
   */
  readonly start: (name: string, symbol: string, kind: string, ctx: StreamContext) => (() => void) | undefined
}

type DepthDiff = Readonly<Record<"U" | "u" | "pu", number> & Record<"b" | "a", Changes["bids"]>>

/**
 * How a product writes the market streams both products serve for an instrument `I`: the
 * `@trade`, `@aggTrade`, diff-depth (`@depth…`), `@ticker`, `@bookTicker` and `@kline_<interval>`
 * events, and its own other streams.
 * @since 0.1.0
 */
export interface MarketStreams<I extends Instrument> {
  readonly pingIntervalMs: number
  readonly pongTimeoutMs: number
  /** The engine instrument of a wire symbol (upper case). */
  readonly lookup: (engine: Engine, symbol: string) => I | undefined
  /** The diff-depth stream kinds and how often each pushes (ms). */
  readonly depthMs: Readonly<Record<string, number>>
  /** How often a kline stream of an interval pushes (ms); `undefined` when the interval is not streamed. */
  readonly klineMs: (interval: string) => number | undefined
  /** A book level as the instrument's streams write it. */
  readonly level: (i: I) => (level: readonly [Decimal, Decimal]) => readonly [string, string]
  /** The diff-depth event of a push of updates `U` to `u`, the push before it ending at `pu`. */
  readonly depthUpdate: (symbol: string, now: number, diff: DepthDiff) => unknown
  readonly trade: (i: I, symbol: string, kind: "trade" | "aggTrade", now: number, trade: Trade) => unknown
  /** The `24hrTicker` event from the family's. */
  readonly ticker: (event: Readonly<Record<string, unknown>>) => unknown
  /** The `bookTicker` event of update `u` at `time`, its levels written; sent only on a change of the top when `onChange`. */
  readonly bookTicker: {
    readonly onChange: boolean
    readonly event: (
      symbol: string,
      u: number,
      time: number,
      b: readonly [string, string],
      a: readonly [string, string]
    ) => unknown
  }
  /** The product's other streams. */
  readonly more?: (name: string, symbol: string, i: I, kind: string, ctx: StreamContext) => (() => void) | undefined
}

/** A product's streams from how it writes them. @since 0.1.0 */
export const marketStreams = <I extends Instrument>(spec: MarketStreams<I>): StreamProduct => ({
  pingIntervalMs: spec.pingIntervalMs,
  pongTimeoutMs: spec.pongTimeoutMs,
  start: (name, symbol, kind, ctx) => {
    const { emit, engine, timers } = ctx
    const i = spec.lookup(engine, symbol)
    if (i === undefined) return () => {}
    const level = spec.level(i)
    if (kind === "trade" || kind === "aggTrade") {
      return onTrade(engine, i.symbol, (t) => emit(name, spec.trade(i, symbol, kind, timers.now(), t)))
    }
    const depthMs = spec.depthMs[kind]
    if (depthMs !== undefined) {
      const { connection, faults, venue } = ctx
      const drop = () => faults.take(["depthGap"], { venue, path: connection.path, aliases: [name] }) !== undefined
      return diffPushes(engine, timers, i.symbol, depthMs, (p, q) => level([p, q]), drop, (d) => {
        const diff = { U: d.first, u: d.last, pu: d.previous, b: d.bids, a: d.asks }
        emit(name, spec.depthUpdate(symbol, timers.now(), diff))
      })
    }
    if (kind === "ticker") {
      return timers.every(1000, () => {
        const now = timers.now()
        const { ask, bid } = topOfBook(engine, i.symbol)
        emit(name, spec.ticker(tickerEvent(now, symbol, rolling(engine.trades(i.symbol), now), bid, ask)))
      })
    }
    if (kind === "bookTicker") {
      let previous = ""
      return onBookChange(engine, i.symbol, (u, time) => {
        const { ask, bid } = topOfBook(engine, i.symbol)
        const [b, a] = [level(bid), level(ask)]
        const key = `${b}/${a}`
        if (spec.bookTicker.onChange && key === previous) return
        previous = key
        emit(name, spec.bookTicker.event(symbol, u, time, b, a))
      })
    }
    if (kind.startsWith("kline_")) {
      const intervalName = kind.slice("kline_".length)
      const interval = klineIntervals.get(intervalName)
      const ms = interval === undefined ? undefined : spec.klineMs(intervalName)
      if (interval === undefined || ms === undefined) return undefined
      return timers.every(ms, () => {
        const now = timers.now()
        const candle = candleAt(engine.trades(i.symbol), interval, intervalStart(interval, now))
        if (candle !== undefined) emit(name, klineEvent(now, symbol, intervalName, candle, now))
      })
    }
    return spec.more?.(name, symbol, i, kind, ctx)
  }
})

type Reply = { readonly result: unknown; readonly id: unknown } | {
  readonly error: { readonly code: number; readonly msg: string }
  readonly id: unknown
}

const validId = (id: unknown): boolean =>
  id === null || (typeof id === "number" && Number.isSafeInteger(id)) ||
  (typeof id === "string" && /^[a-zA-Z0-9-_]{0,36}$/.test(id))

/** Takes over one websocket connection of a Binance product. @since 0.1.0 */
export const connect = (
  product: StreamProduct,
  options: { readonly engine: Engine; readonly faults: Faults; readonly timers: Timers; readonly venue: string },
  connection: WsConnection
): void => {
  const path = connection.path
  const isCombined = path === "/stream" || path.startsWith("/stream/")
  if (!isCombined && !(path === "/ws" || path.startsWith("/ws/"))) {
    connection.close(1008, "Unknown path")
    return
  }
  let combined = isCombined
  const subscriptions = new Subscriptions(connection)
  const ctx: StreamContext = {
    ...options,
    connection,
    emit: (stream, data) => connection.send(JSON.stringify(combined ? { stream, data } : data))
  }
  const subscribe = (name: string) => {
    if (subscriptions.has(name) || subscriptions.size >= MAX_STREAMS) return
    const at = name.indexOf("@")
    const start = () =>
      at <= 0 ? undefined : product.start(name, name.slice(0, at).toUpperCase(), name.slice(at + 1), ctx)
    subscriptions.start(name, () => start() ?? (() => {}))
  }
  const initial = isCombined ? (connection.query.get("streams") ?? "").split("/") : path.slice("/ws".length).split("/")
  for (const name of initial) if (name !== "") subscribe(name)
  connection.heartbeat(product.pingIntervalMs, product.pongTimeoutMs)

  const invalid = (msg: string, id: unknown = null): Reply => ({
    error: { code: 2, msg: `Invalid request: ${msg}` },
    id
  })
  const answer = ({ id, method, params }: Readonly<Record<string, unknown>>, text: string): Reply => {
    if (!validId(id ?? null)) return invalid("request ID must be an unsigned integer")
    if (typeof method !== "string") return invalid(`missing field \`method\` at line 1 column ${text.length}`, id)
    if (!METHODS.includes(method)) {
      return invalid(
        `unknown variant \`${method}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\` at line 1 column ${text.length}`,
        id
      )
    }
    const list = params === undefined ? [] : params
    if (!Array.isArray(list)) return invalid("invalid type: expected a sequence", id)
    const ok = (result: unknown): Reply => ({ result, id: id ?? null })
    const property = list[0] === "combined"
      ? undefined
      : { error: { code: 0, msg: "Unknown property" }, id: id ?? null }
    switch (method) {
      case "SUBSCRIBE":
      case "UNSUBSCRIBE": {
        if (list.some((p) => typeof p !== "string")) return invalid("invalid type: expected a string", id)
        for (const name of list as Array<string>) {
          if (method === "SUBSCRIBE") subscribe(name)
          else subscriptions.stop(name)
        }
        return ok(null)
      }
      case "LIST_SUBSCRIPTIONS":
        return ok(subscriptions.keys)
      case "SET_PROPERTY": {
        if (property !== undefined) return property
        if (typeof list[1] !== "boolean") {
          return { error: { code: 1, msg: "Invalid value type: expected Boolean" }, id: id ?? null }
        }
        combined = list[1]
        return ok(null)
      }
      default:
        return property ?? ok(combined)
    }
  }
  subscriptions.serve({
    invalidJson: () => ({ error: { code: 3, msg: "Invalid JSON: expected value at line 1 column 1" }, id: null }),
    notObject: () => invalid("expected an object"),
    message: (message, text) => subscriptions.send(answer(message, text))
  })
}
