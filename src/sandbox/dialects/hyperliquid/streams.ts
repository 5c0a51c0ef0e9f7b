/**
 * The `/ws` websocket: `{"method":"subscribe","subscription":{…}}` answered with
 * `{"channel":"subscriptionResponse","data":{…}}`, then data frames `{"channel":…,"data":…}`;
 * `{"method":"unsubscribe",…}` likewise; `{"method":"ping"}` answered `{"channel":"pong"}`.
 *
 * Subscriptions: `l2Book` (full snapshots: one on subscribe, then one whenever the book changed,
 * checked every 200 ms), `trades`, `candle` (the current candle after each trade), `allMids`,
 * `bbo` (when the best bid or ask changed); and the user subscriptions of `userStreams.ts`
 * (`orderUpdates`, `userFills`, `userEvents`, `clearinghouseState`). A bad request is answered
 * `{"channel":"error","data":"<message>"}`. A connection with no message from the client for 60 s
 * is closed, as the venue does.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/timeouts-and-heartbeats
 *
 * @since 0.1.0
 */
import type { Engine } from "../../engine/Engine.js"
import { candleAt, intervalStart } from "../../engine/Statistics.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import type { Accounts } from "./accounts.js"
import { candleIntervals, l2Book, midOf, num, wireCandle, wireTrade } from "./info.js"
import type { Universe } from "./universe.js"
import { parseUserSubscription, userFeeds, userTypes } from "./userStreams.js"

const PUSH_MS = 200
const IDLE_MS = 60_000

type Subscription =
  | { readonly type: "l2Book"; readonly coin: string }
  | { readonly type: "trades"; readonly coin: string }
  | { readonly type: "candle"; readonly coin: string; readonly interval: string }
  | { readonly type: "allMids" }
  | { readonly type: "bbo"; readonly coin: string }

const keyOf = (s: Subscription) => JSON.stringify(s)

/**
 * Serves one connection.
 * @since 0.1.0
 */
export const connect = (
  ctx: { readonly engine: Engine; readonly universe: Universe; readonly accounts: Accounts; readonly timers: Timers },
  connection: WsConnection
): void => {
  const { accounts, engine, timers, universe } = ctx
  if (connection.path !== "/ws") {
    connection.close(1008, "unknown path")
    return
  }
  const subs = new Map<string, { sub: Subscription; last: string }>()
  let lastMessage = timers.now()
  const send = (channel: string, data: unknown) => connection.send(JSON.stringify({ channel, data }))
  const user = userFeeds({ engine, universe, accounts, now: () => timers.now() }, send)
  connection.own(user.stop)

  const parse = (raw: unknown): Subscription | string => {
    if (typeof raw !== "object" || raw === null) return "Invalid subscription"
    const s = raw as Record<string, unknown>
    const coin = typeof s.coin === "string" ? s.coin : undefined
    switch (s.type) {
      case "allMids":
        return { type: "allMids" }
      case "l2Book":
      case "trades":
      case "bbo":
        if (coin === undefined || universe.byCoin(coin) === undefined) {
          return `Invalid subscription ${JSON.stringify(raw)}`
        }
        return { type: s.type, coin }
      case "candle":
        if (coin === undefined || universe.byCoin(coin) === undefined) {
          return `Invalid subscription ${JSON.stringify(raw)}`
        }
        if (typeof s.interval !== "string" || candleIntervals[s.interval] === undefined) {
          return `Invalid subscription ${JSON.stringify(raw)}`
        }
        return { type: "candle", coin, interval: s.interval }
      default:
        return `Invalid subscription ${JSON.stringify(raw)}`
    }
  }

  const snapshot = (sub: Subscription): unknown => {
    const now = timers.now()
    switch (sub.type) {
      case "l2Book":
        return l2Book(engine, universe.byCoin(sub.coin)!, now)
      case "allMids": {
        const mids: Record<string, string> = {}
        for (const a of [...universe.perps, ...universe.spots]) {
          const mid = midOf(engine, a.instrument.symbol)
          if (mid !== undefined) mids[a.coin] = num(mid)
        }
        return { mids }
      }
      case "bbo": {
        const asset = universe.byCoin(sub.coin)!
        const level = (l: ReturnType<Engine["bestBid"]>) =>
          l === undefined ? null : { px: num(l.price), sz: num(l.total), n: l.orders.length }
        return {
          coin: sub.coin,
          time: now,
          bbo: [level(engine.bestBid(asset.instrument.symbol)), level(engine.bestAsk(asset.instrument.symbol))]
        }
      }
      default:
        return undefined
    }
  }
  /** The part of a snapshot that says whether it changed (not its time). */
  const fingerprint = (data: unknown) => {
    if (typeof data !== "object" || data === null) return JSON.stringify(data)
    const { time: _time, ...rest } = data as Record<string, unknown>
    return JSON.stringify(rest)
  }

  connection.own(timers.every(PUSH_MS, () => {
    if (timers.now() - lastMessage > IDLE_MS) {
      connection.close(1000, "idle")
      return
    }
    for (const entry of subs.values()) {
      const data = snapshot(entry.sub)
      if (data === undefined) continue
      const fp = fingerprint(data)
      if (fp === entry.last) continue
      entry.last = fp
      send(entry.sub.type, data)
    }
  }))

  connection.own(engine.subscribe((event) => {
    if (event._tag !== "Trade") return
    const asset = universe.bySymbol(event.trade.symbol)
    if (asset === undefined) return
    for (const { sub } of subs.values()) {
      if (sub.type === "trades" && sub.coin === asset.coin) send("trades", [wireTrade(asset, event.trade)])
      if (sub.type === "candle" && sub.coin === asset.coin) {
        const spec = candleIntervals[sub.interval]!
        const c = candleAt(engine.trades(asset.instrument.symbol), spec, intervalStart(spec, event.trade.time))
        if (c !== undefined) send("candle", wireCandle(asset, sub.interval, c))
      }
    }
  }))

  connection.onMessage((text) => {
    lastMessage = timers.now()
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      send("error", `Invalid message: ${text.slice(0, 100)}`)
      return
    }
    if (typeof message !== "object" || message === null) return send("error", "Invalid message")
    const m = message as Record<string, unknown>
    if (m.method === "ping") return send("pong", undefined)
    if (m.method !== "subscribe" && m.method !== "unsubscribe") {
      return send("error", `Unknown method: ${String(m.method)}`)
    }
    const raw = m.subscription as Record<string, unknown> | undefined
    if (typeof raw === "object" && raw !== null && userTypes.has(String(raw.type))) {
      const us = parseUserSubscription(raw)
      if (us === undefined) return send("error", `Invalid subscription ${JSON.stringify(raw)}`)
      const ack = () => send("subscriptionResponse", { method: m.method, subscription: m.subscription })
      if (m.method === "subscribe") {
        if (!user.subscribe(us, ack)) return send("error", `Already subscribed: ${JSON.stringify(raw)}`)
        return
      }
      if (!user.unsubscribe(us)) return send("error", `Already unsubscribed: ${JSON.stringify(raw)}`)
      return ack()
    }
    const sub = parse(m.subscription)
    if (typeof sub === "string") return send("error", sub)
    const key = keyOf(sub)
    if (m.method === "subscribe") {
      if (subs.has(key)) return send("error", `Already subscribed: ${JSON.stringify(m.subscription)}`)
      const initial = snapshot(sub)
      subs.set(key, { sub, last: initial === undefined ? "" : fingerprint(initial) })
      send("subscriptionResponse", { method: "subscribe", subscription: m.subscription })
      if (initial !== undefined) send(sub.type, initial)
    } else {
      if (!subs.delete(key)) return send("error", `Already unsubscribed: ${JSON.stringify(m.subscription)}`)
      send("subscriptionResponse", { method: "unsubscribe", subscription: m.subscription })
    }
  })
}
