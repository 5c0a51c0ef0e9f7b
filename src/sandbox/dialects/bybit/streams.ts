/**
 * Bybit v5 public streams: `/v5/public/spot` and `/v5/public/linear`, subscribed with
 * `{"op":"subscribe","args":[topics],"req_id":…}`, kept alive by the client's `{"op":"ping"}`
 * (answered with `{"success":true,"ret_msg":"pong","op":"ping",…}`).
 *
 * Topics: `orderbook.<depth>.<symbol>` (a snapshot on subscribe, then deltas with `u` = previous
 * `u` + 1 and `seq` = the engine's update id), `publicTrade.<symbol>`, `tickers.<symbol>`,
 * `kline.<interval>.<symbol>`.
 *
 * The book's `u` is kept per symbol by a `BookFeed` shared by every connection and by the REST
 * `/v5/market/orderbook`, so a REST snapshot's `u` chains with the stream's deltas.
 *
 * https://bybit-exchange.github.io/docs/v5/ws/connect
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
 * https://bybit-exchange.github.io/docs/v5/websocket/public/trade
 * https://bybit-exchange.github.io/docs/v5/websocket/public/ticker
 * https://bybit-exchange.github.io/docs/v5/websocket/public/kline
 *
 * @since 0.1.0
 */
import { candleAt, intervalStart } from "../../engine/Statistics.js"
import type { WsConnection } from "../../server/WsConnection.js"
import { onTrade } from "../kit/BookChanges.js"
import { openSession, type StreamOptions } from "../kit/Subscriptions.js"
import type { BookFeeds } from "./BookFeed.js"
import { klineIntervals, ticker } from "./marketData.js"
import { num, resolve } from "./wire.js"

/** Orderbook depths a topic may name. */
const DEPTHS = new Set([1, 50, 200, 500, 1000])

interface StreamContext extends StreamOptions<BookFeeds> {
  readonly category: "spot" | "linear"
  readonly connection: WsConnection
  readonly send: (message: unknown) => void
}

const startTopic = (topic: string, ctx: StreamContext): (() => void) | undefined => {
  const parts = topic.split(".")
  const { engine, send, timers } = ctx
  const wire = parts[parts.length - 1] ?? ""
  const instrument = resolve(engine, wire, ctx.category)
  if (instrument === undefined) return undefined
  /** The engine id (`perp:BTCUSDT` for a linear perpetual). */
  const symbol = instrument.symbol

  if (parts[0] === "orderbook" && parts.length === 3) {
    const depth = Number.parseInt(parts[1]!, 10)
    if (!DEPTHS.has(depth)) return undefined
    const feed = ctx.feeds.get(instrument)
    const snap = feed.snapshot(depth)
    send({ topic, type: "snapshot", ts: timers.now(), data: snap, cts: timers.now() })
    return feed.listen((delta) => {
      const gap = ctx.faults.take(["depthGap"], { venue: ctx.venue, path: ctx.connection.path, aliases: [topic] })
      if (gap !== undefined) return
      send({
        topic,
        type: "delta",
        ts: delta.ts,
        data: { s: wire, b: delta.b, a: delta.a, u: delta.u, seq: delta.seq },
        cts: delta.ts
      })
    })
  }

  if (parts[0] === "publicTrade" && parts.length === 2) {
    return onTrade(engine, symbol, (t) =>
      send({
        topic,
        type: "snapshot",
        ts: timers.now(),
        data: [{
          T: t.time,
          s: wire,
          S: t.buyerIsMaker ? "Sell" : "Buy",
          v: num(t.quantity),
          p: num(t.price),
          L: "ZeroPlusTick",
          i: String(t.tradeId),
          BT: false
        }]
      }))
  }

  if (parts[0] === "tickers" && parts.length === 2) {
    // Spot: a snapshot every push. Linear: a snapshot on subscribe, then deltas carrying only the
    // fields that changed (https://bybit-exchange.github.io/docs/v5/websocket/public/ticker).
    let last: Record<string, string> | undefined
    const push = () => {
      const now = timers.now()
      const data = ticker(engine, instrument, now) as Record<string, string>
      const cs = engine.updateId(symbol) ?? 0
      if (ctx.category === "spot" || last === undefined) {
        last = data
        send({ topic, type: "snapshot", ts: now, cs, data })
        return
      }
      const changed: Record<string, string> = { symbol: wire }
      for (const [k, v] of Object.entries(data)) if (last[k] !== v) changed[k] = v
      last = data
      if (Object.keys(changed).length > 1) send({ topic, type: "delta", ts: now, cs, data: changed })
    }
    push()
    return timers.every(ctx.category === "spot" ? 500 : 100, push)
  }

  if (parts[0] === "kline" && parts.length === 3) {
    const name = parts[1]!
    const interval = klineIntervals.get(name)
    if (interval === undefined) return undefined
    return timers.every(1000, () => {
      const now = timers.now()
      const start = intervalStart(interval, now)
      const c = candleAt(engine.trades(symbol), interval, start)
      if (c === undefined) return
      send({
        topic,
        type: "snapshot",
        ts: now,
        data: [{
          start: c.openTime,
          end: c.closeTime,
          interval: name,
          open: num(c.open),
          close: num(c.close),
          high: num(c.high),
          low: num(c.low),
          volume: num(c.volume),
          turnover: num(c.quoteVolume),
          confirm: c.closeTime < now,
          timestamp: now
        }]
      })
    })
  }
  return undefined
}

/** The public stream paths, and the characters of a connection id. */
const PATHS = { "/v5/public/spot": "spot", "/v5/public/linear": "linear" } as const
const CONN_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

/**
 * Takes over one websocket connection under `/bybit`.
 * @since 0.1.0
 */
export const connect = (options: StreamOptions<BookFeeds>, connection: WsConnection): void => {
  const session = openSession(connection, PATHS, () => options.random.string(20, CONN_ID_ALPHABET))
  if (session === undefined) return
  const { connId, kind: category, subscriptions } = session
  const ctx: StreamContext = { ...options, category, connection, send: (m) => subscriptions.send(m) }
  subscriptions.serve({
    invalidJson: () => ({ success: false, ret_msg: "error:invalid json", conn_id: connId, op: "" }),
    message: (message) => {
      const { args, op, req_id } = message
      const reqId = typeof req_id === "string" ? { req_id } : {}
      const reply = (success: boolean, ret_msg: string) => ({ success, ret_msg, conn_id: connId, ...reqId, op })
      if (op === "ping") {
        subscriptions.send({ success: true, ret_msg: "pong", conn_id: connId, ...reqId, op: "ping" })
        return
      }
      if (op !== "subscribe" && op !== "unsubscribe") {
        subscriptions.send(reply(false, `error:handler not found,op:${String(op)}`))
        return
      }
      if (!Array.isArray(args) || args.some((a) => typeof a !== "string")) {
        subscriptions.send(reply(false, "error:args must be an array of topics"))
        return
      }
      const bad: Array<string> = []
      // Bybit acknowledges the whole request first, then the topics' first data.
      const first: Array<unknown> = []
      for (const topic of args as Array<string>) {
        if (op === "unsubscribe") {
          subscriptions.stop(topic)
          continue
        }
        const data = subscriptions.has(topic) ? undefined : subscriptions.start(topic, () => startTopic(topic, ctx))
        if (data === undefined) bad.push(topic)
        else first.push(...data)
      }
      subscriptions.send(
        bad.length === 0
          ? reply(true, op === "subscribe" ? "subscribe" : "")
          : reply(false, `Invalid topic :[${bad.join(",")}]`)
      )
      subscriptions.sendAll(first)
    }
  })
}
