/**
 * Binance Spot market streams: raw streams on `/ws/<streamName>`, combined streams on
 * `/stream?streams=<a>/<b>` (wrapped as `{"stream":…,"data":…}`), live `SUBSCRIBE` /
 * `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS` / `SET_PROPERTY` / `GET_PROPERTY` messages, and a ping frame
 * every 20 seconds (a connection that sends no pong for a minute is closed).
 *
 * Streams: `<symbol>@trade`, `<symbol>@aggTrade`, `<symbol>@ticker`, `<symbol>@bookTicker`, `<symbol>@depth` (1000 ms),
 * `<symbol>@depth@100ms`, `<symbol>@kline_<interval>`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 *
 * @since 0.1.0
 */
import type { Engine, EngineEvent } from "../../engine/Engine.js"
import type { Side } from "../../engine/Order.js"
import { candleAt, intervalStart, rolling } from "../../engine/Statistics.js"
import type { Faults } from "../../faults/Faults.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import { klineIntervals, topOfBook } from "./marketData.js"
import * as Wire from "./wire.js"

/** https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#websocket-limits */
const PING_INTERVAL_MS = 20_000
const PONG_TIMEOUT_MS = 60_000
const MAX_STREAMS = 1024

const METHODS = ["SUBSCRIBE", "UNSUBSCRIBE", "LIST_SUBSCRIPTIONS", "SET_PROPERTY", "GET_PROPERTY"]

/** A running subscription; `stop` releases its timers and engine listener. */
interface Subscription {
  readonly stop: () => void
}

/** What a stream needs. */
interface StreamContext {
  readonly engine: Engine
  readonly faults: Faults
  readonly timers: Timers
  readonly venue: string
  readonly connection: WsConnection
  readonly emit: (stream: string, data: unknown) => void
}

const onEngine = (engine: Engine, f: (event: EngineEvent) => void): () => void => engine.subscribe(f)

const startStream = (name: string, ctx: StreamContext): Subscription | undefined => {
  const at = name.indexOf("@")
  if (at <= 0) return undefined
  const symbol = name.slice(0, at).toUpperCase()
  const kind = name.slice(at + 1)
  const { emit, engine, timers } = ctx
  if (engine.instrument(symbol) === undefined) return { stop: () => {} }

  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#trade-streams
  if (kind === "trade") {
    return {
      stop: onEngine(engine, (e) => {
        if (e._tag === "Trade" && e.trade.symbol === symbol) emit(name, Wire.tradeEvent(timers.now(), e.trade))
      })
    }
  }

  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#aggregate-trade-streams
  // Each sandbox trade is its own aggregate (first and last trade id equal).
  if (kind === "aggTrade") {
    return {
      stop: onEngine(engine, (e) => {
        if (e._tag === "Trade" && e.trade.symbol === symbol) emit(name, Wire.aggTradeEvent(timers.now(), e.trade))
      })
    }
  }

  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#diff-depth-stream
  if (kind === "depth" || kind === "depth@100ms" || kind === "depth@1000ms") {
    const pending = new Map<string, { side: Side; price: string; quantity: string }>()
    let first = -1
    let last = -1
    const stopListening = onEngine(engine, (e) => {
      if (e._tag !== "BookChanged" || e.symbol !== symbol) return
      if (first < 0) first = e.updateId
      last = e.updateId
      const price = Wire.num(e.price)
      pending.set(`${e.side}:${price}`, { side: e.side, price, quantity: Wire.num(e.quantity) })
    })
    const stopTimer = timers.every(kind === "depth@100ms" ? 100 : 1000, () => {
      if (pending.size === 0) return
      const levels = [...pending.values()]
      const U = first
      const u = last
      pending.clear()
      first = -1
      const gap = ctx.faults.take(["depthGap"], { venue: ctx.venue, path: ctx.connection.path, aliases: [name] })
      if (gap !== undefined) return
      emit(name, {
        e: "depthUpdate",
        E: timers.now(),
        s: symbol,
        U,
        u,
        b: levels.filter((l) => l.side === "buy").map((l) => [l.price, l.quantity]),
        a: levels.filter((l) => l.side === "sell").map((l) => [l.price, l.quantity])
      })
    })
    return {
      stop: () => {
        stopListening()
        stopTimer()
      }
    }
  }

  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#individual-symbol-ticker-streams
  if (kind === "ticker") {
    return {
      stop: timers.every(1000, () => {
        const now = timers.now()
        const { ask, bid } = topOfBook(engine, symbol)
        emit(name, Wire.tickerEvent(now, symbol, rolling(engine.trades(symbol), now), bid, ask))
      })
    }
  }

  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#individual-symbol-book-ticker-streams
  if (kind === "bookTicker") {
    let previous = ""
    return {
      stop: onEngine(engine, (e) => {
        if (e._tag !== "BookChanged" || e.symbol !== symbol) return
        const { ask, bid } = topOfBook(engine, symbol)
        const data = {
          u: e.updateId,
          s: symbol,
          b: Wire.num(bid[0]),
          B: Wire.num(bid[1]),
          a: Wire.num(ask[0]),
          A: Wire.num(ask[1])
        }
        const key = `${data.b}/${data.B}/${data.a}/${data.A}`
        if (key === previous) return
        previous = key
        emit(name, data)
      })
    }
  }

  // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#klinecandlestick-streams-for-utc
  if (kind.startsWith("kline_")) {
    const intervalName = kind.slice("kline_".length)
    const interval = klineIntervals.get(intervalName)
    if (interval === undefined) return undefined
    return {
      stop: timers.every(intervalName === "1s" ? 1000 : 2000, () => {
        const now = timers.now()
        const candle = candleAt(engine.trades(symbol), interval, intervalStart(interval, now))
        if (candle !== undefined) emit(name, Wire.klineEvent(now, symbol, intervalName, candle, now))
      })
    }
  }
  return undefined
}

type Reply = { readonly result: unknown; readonly id: unknown } | {
  readonly error: { readonly code: number; readonly msg: string }
  readonly id: unknown
}

const validId = (id: unknown): boolean =>
  id === null || (typeof id === "number" && Number.isSafeInteger(id)) ||
  (typeof id === "string" && /^[a-zA-Z0-9-_]{0,36}$/.test(id))

/**
 * Takes over one Binance websocket connection.
 * @since 0.1.0
 */
export const connect = (
  options: { readonly engine: Engine; readonly faults: Faults; readonly timers: Timers; readonly venue: string },
  connection: WsConnection
): void => {
  const path = connection.path
  const isCombined = path === "/stream" || path.startsWith("/stream/")
  const isRaw = path === "/ws" || path.startsWith("/ws/")
  if (!isCombined && !isRaw) {
    connection.close(1008, "Unknown path")
    return
  }
  let combined = isCombined
  const subscriptions = new Map<string, Subscription>()
  const ctx: StreamContext = {
    ...options,
    connection,
    emit: (stream, data) => connection.send(JSON.stringify(combined ? { stream, data } : data))
  }
  const subscribe = (name: string) => {
    if (subscriptions.has(name) || subscriptions.size >= MAX_STREAMS) return
    const sub = startStream(name, ctx)
    subscriptions.set(name, sub ?? { stop: () => {} })
  }
  const initial = isCombined
    ? (connection.query.get("streams") ?? "").split("/")
    : path.slice("/ws".length).split("/")
  for (const name of initial) if (name !== "") subscribe(name)

  connection.heartbeat(PING_INTERVAL_MS, PONG_TIMEOUT_MS)
  connection.onClose(() => {
    for (const sub of subscriptions.values()) sub.stop()
    subscriptions.clear()
  })

  const reply = (r: Reply) => connection.send(JSON.stringify(r))
  const invalid = (msg: string, id: unknown = null) => reply({ error: { code: 2, msg: `Invalid request: ${msg}` }, id })

  connection.onMessage((text) => {
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      reply({ error: { code: 3, msg: "Invalid JSON: expected value at line 1 column 1" }, id: null })
      return
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      return invalid("expected an object")
    }
    const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown }
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
    switch (method) {
      case "SUBSCRIBE":
      case "UNSUBSCRIBE": {
        if (list.some((p) => typeof p !== "string")) return invalid("invalid type: expected a string", id)
        for (const name of list as Array<string>) {
          if (method === "SUBSCRIBE") subscribe(name)
          else {
            subscriptions.get(name)?.stop()
            subscriptions.delete(name)
          }
        }
        return reply({ result: null, id: id ?? null })
      }
      case "LIST_SUBSCRIPTIONS":
        return reply({ result: [...subscriptions.keys()], id: id ?? null })
      case "SET_PROPERTY": {
        if (list[0] !== "combined") return reply({ error: { code: 0, msg: "Unknown property" }, id: id ?? null })
        if (typeof list[1] !== "boolean") {
          return reply({ error: { code: 1, msg: "Invalid value type: expected Boolean" }, id: id ?? null })
        }
        combined = list[1]
        return reply({ result: null, id: id ?? null })
      }
      case "GET_PROPERTY": {
        if (list[0] !== "combined") return reply({ error: { code: 0, msg: "Unknown property" }, id: id ?? null })
        return reply({ result: combined, id: id ?? null })
      }
    }
  })
}
