/**
 * USDⓈ-M market streams: raw `/ws/<stream>` and combined `/stream?streams=a/b`, live
 * `SUBSCRIBE` / `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS`, and a ping every 3 minutes (no pong for 10
 * minutes closes the connection).
 *
 * Streams: `<symbol>@depth` (250 ms), `@depth@100ms`, `@depth@500ms` with `U`/`u`/`pu` (`pu` is the
 * previous event's `u`, also across events lost to a `depthGap` fault), `@trade`, `@aggTrade`,
 * `@markPrice` (3 s) / `@markPrice@1s`, `@kline_<interval>`, `@ticker`, `@bookTicker`.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 *
 * @since 0.1.0
 */
import type { Engine } from "../../engine/Engine.js"
import type { PerpInstrument } from "../../engine/Instrument.js"
import { perpId } from "../../engine/Instrument.js"
import type { Side } from "../../engine/Order.js"
import { candleAt, intervalStart, rolling } from "../../engine/Statistics.js"
import type { Faults } from "../../faults/Faults.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import { klineIntervals, topOfBook } from "../binance/marketData.js"
import * as SpotWire from "../binance/wire.js"
import * as Wire from "./wire.js"

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams */
const PING_INTERVAL_MS = 180_000
const PONG_TIMEOUT_MS = 600_000
const MAX_STREAMS = 1024

interface Context {
  readonly engine: Engine
  readonly faults: Faults
  readonly timers: Timers
  readonly venue: string
  readonly connection: WsConnection
  readonly emit: (stream: string, data: unknown) => void
}

const depthStream = (name: string, i: PerpInstrument, ms: number, ctx: Context): () => void => {
  const { engine, timers } = ctx
  const pending = new Map<string, { side: Side; price: string; quantity: string }>()
  let first = -1
  let last = -1
  let previous = -1
  const stop = engine.subscribe((e) => {
    if (e._tag !== "BookChanged" || e.symbol !== i.symbol) return
    if (first < 0) first = e.updateId
    last = e.updateId
    const price = Wire.px(i, e.price)
    pending.set(`${e.side}:${price}`, { side: e.side, price, quantity: Wire.qty(i, e.quantity) })
  })
  const stopTimer = timers.every(ms, () => {
    if (pending.size === 0) return
    const levels = [...pending.values()]
    const U = first
    const u = last
    const pu = previous < 0 ? U - 1 : previous
    previous = u
    pending.clear()
    first = -1
    if (ctx.faults.take(["depthGap"], { venue: ctx.venue, path: ctx.connection.path, aliases: [name] }) !== undefined) {
      return
    }
    const now = timers.now()
    ctx.emit(name, {
      e: "depthUpdate",
      E: now,
      T: now,
      s: i.nativeSymbol,
      U,
      u,
      pu,
      b: levels.filter((l) => l.side === "buy").map((l) => [l.price, l.quantity]),
      a: levels.filter((l) => l.side === "sell").map((l) => [l.price, l.quantity])
    })
  })
  return () => {
    stop()
    stopTimer()
  }
}

const start = (name: string, ctx: Context): (() => void) | undefined => {
  const at = name.indexOf("@")
  if (at <= 0) return undefined
  const native = name.slice(0, at).toUpperCase()
  const kind = name.slice(at + 1)
  const { emit, engine, timers } = ctx
  const i = engine.instrument(perpId(native))
  if (i?.kind !== "perp") return () => {}

  if (kind === "depth" || kind === "depth@250ms") return depthStream(name, i, 250, ctx)
  if (kind === "depth@100ms") return depthStream(name, i, 100, ctx)
  if (kind === "depth@500ms") return depthStream(name, i, 500, ctx)
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams
  if (kind === "aggTrade" || kind === "trade") {
    return engine.subscribe((e) => {
      if (e._tag !== "Trade" || e.trade.symbol !== i.symbol) return
      const t = e.trade
      const common = {
        E: timers.now(),
        s: native,
        p: Wire.px(i, t.price),
        q: Wire.qty(i, t.quantity),
        T: t.time,
        m: t.buyerIsMaker
      }
      emit(
        name,
        kind === "trade"
          ? { e: "trade", ...common, t: t.tradeId, X: "MARKET" }
          : { e: "aggTrade", ...common, a: t.tradeId, f: t.tradeId, l: t.tradeId }
      )
    })
  }
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Mark-Price-Stream
  if (kind === "markPrice" || kind === "markPrice@1s") {
    return timers.every(kind === "markPrice" ? 3000 : 1000, () => {
      const m = engine.perpMarket(i.symbol)!
      emit(name, {
        e: "markPriceUpdate",
        E: timers.now(),
        s: native,
        p: Wire.amount(m.markPrice),
        i: Wire.amount(m.indexPrice),
        P: Wire.amount(m.indexPrice),
        r: SpotWire.num(m.fundingRate),
        T: m.nextFundingTime
      })
    })
  }
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Ticker-Streams
  if (kind === "ticker") {
    return timers.every(1000, () => {
      const now = timers.now()
      const { ask, bid } = topOfBook(engine, i.symbol)
      const { a: _a, A: _A, b: _b, B: _B, x: _x, ...event } = SpotWire.tickerEvent(
        now,
        native,
        rolling(engine.trades(i.symbol), now),
        bid,
        ask
      ) as Record<string, unknown>
      emit(name, event)
    })
  }
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Book-Ticker-Streams
  if (kind === "bookTicker") {
    return engine.subscribe((e) => {
      if (e._tag !== "BookChanged" || e.symbol !== i.symbol) return
      const { ask, bid } = topOfBook(engine, i.symbol)
      emit(name, {
        e: "bookTicker",
        u: e.updateId,
        E: e.time,
        T: e.time,
        s: native,
        b: Wire.px(i, bid[0]),
        B: Wire.qty(i, bid[1]),
        a: Wire.px(i, ask[0]),
        A: Wire.qty(i, ask[1])
      })
    })
  }
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Kline-Candlestick-Streams
  if (kind.startsWith("kline_")) {
    const intervalName = kind.slice("kline_".length)
    const interval = klineIntervals.get(intervalName)
    if (interval === undefined || intervalName === "1s") return undefined
    return timers.every(250, () => {
      const now = timers.now()
      const candle = candleAt(engine.trades(i.symbol), interval, intervalStart(interval, now))
      if (candle !== undefined) emit(name, SpotWire.klineEvent(now, native, intervalName, candle, now))
    })
  }
  return undefined
}

/**
 * Takes over one USDⓈ-M websocket connection.
 * @since 0.1.0
 */
export const connect = (
  options: { readonly engine: Engine; readonly faults: Faults; readonly timers: Timers; readonly venue: string },
  connection: WsConnection
): void => {
  const path = connection.path
  const combined = path === "/stream" || path.startsWith("/stream/")
  if (!combined && !(path === "/ws" || path.startsWith("/ws/"))) {
    connection.close(1008, "Unknown path")
    return
  }
  const subscriptions = new Map<string, () => void>()
  const ctx: Context = {
    ...options,
    connection,
    emit: (stream, data) => connection.send(JSON.stringify(combined ? { stream, data } : data))
  }
  const subscribe = (name: string) => {
    if (subscriptions.has(name) || subscriptions.size >= MAX_STREAMS) return
    subscriptions.set(name, start(name, ctx) ?? (() => {}))
  }
  const initial = combined ? (connection.query.get("streams") ?? "").split("/") : path.slice("/ws".length).split("/")
  for (const name of initial) if (name !== "") subscribe(name)
  connection.heartbeat(PING_INTERVAL_MS, PONG_TIMEOUT_MS)
  connection.onClose(() => {
    for (const stop of subscriptions.values()) stop()
    subscriptions.clear()
  })
  const reply = (r: unknown) => connection.send(JSON.stringify(r))
  connection.onMessage((text) => {
    let message: { id?: unknown; method?: unknown; params?: unknown }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      return reply({ error: { code: 3, msg: "Invalid JSON" }, id: null })
    }
    const id = message?.id ?? null
    const list = Array.isArray(message?.params) ? (message.params as Array<unknown>) : []
    switch (message?.method) {
      case "SUBSCRIBE":
      case "UNSUBSCRIBE":
        for (const name of list) {
          if (typeof name !== "string") continue
          if (message.method === "SUBSCRIBE") subscribe(name)
          else {
            subscriptions.get(name)?.()
            subscriptions.delete(name)
          }
        }
        return reply({ result: null, id })
      case "LIST_SUBSCRIPTIONS":
        return reply({ result: [...subscriptions.keys()], id })
      default:
        return reply({ error: { code: 2, msg: "Invalid request: unknown method" }, id })
    }
  })
}
