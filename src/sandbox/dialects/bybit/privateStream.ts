/**
 * Bybit v5 private stream of the sandbox: `/v5/private`, served from the engine.
 *
 * `{"op":"auth","args":[apiKey, expires, signature]}` is checked as Bybit does: the key exists,
 * `expires` (epoch ms) is still ahead, and the signature is the HMAC-SHA256 hex of
 * `GET/realtime<expires>` with the key's secret. Before a successful login, subscriptions are
 * refused. Topics (all-in-one or categorised: `order`, `order.spot`, `order.linear`, …):
 * `order` (every change of the account's orders, as `/v5/order/realtime` writes them, with
 * `category`), `execution` (each of its fills, with fee and fee currency), `wallet` (the UNIFIED
 * wallet after every change), `position` (a linear position after every change). Pings are
 * answered `{"op":"pong","args":["<ms>"],…}`. Frames are `{"id","topic","creationTime","data":[…]}`.
 *
 * https://bybit-exchange.github.io/docs/v5/ws/connect (checked 2026-12-06)
 * https://bybit-exchange.github.io/docs/v5/websocket/private/order
 * https://bybit-exchange.github.io/docs/v5/websocket/private/execution
 * https://bybit-exchange.github.io/docs/v5/websocket/private/wallet
 * https://bybit-exchange.github.io/docs/v5/websocket/private/position
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"
import type { Engine } from "../../engine/Engine.js"
import type { Random } from "../../engine/Random.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import { renderExecution, renderOrder, renderPosition, renderWallet } from "./trading.js"
import { wireSymbol } from "./wire.js"

const TOPICS = new Set(["order", "execution", "wallet", "position"])
const CATEGORIES = new Set(["spot", "linear"])

/** `order`, `order.spot`…: the topic's kind and category (`undefined`: every category). */
const parseTopic = (topic: string): { kind: string; category: string | undefined } | undefined => {
  const [kind, category, ...rest] = topic.split(".")
  if (kind === undefined || !TOPICS.has(kind) || rest.length > 0) return undefined
  if (category !== undefined && !CATEGORIES.has(category)) return undefined
  if (kind === "wallet" && category !== undefined) return undefined
  return { kind, category }
}

/**
 * Takes over a `/v5/private` connection.
 * @since 0.1.0
 */
export const connectPrivate = (
  options: { readonly engine: Engine; readonly random: Random; readonly timers: Timers },
  connection: WsConnection
): void => {
  const { engine, timers } = options
  const connId = options.random.string(20, "abcdefghijklmnopqrstuvwxyz0123456789")
  let account: string | undefined
  const subscribed = new Map<string, { kind: string; category: string | undefined }>()
  let stop: (() => void) | undefined
  let nextId = 1
  const send = (message: unknown) => connection.send(JSON.stringify(message))
  const reply = (op: unknown, reqId: unknown, success: boolean, retMsg: string) =>
    send({ success, ret_msg: retMsg, op, conn_id: connId, ...(typeof reqId === "string" ? { req_id: reqId } : {}) })

  const wants = (kind: string, category: string | undefined) =>
    [...subscribed.values()].some((t) =>
      t.kind === kind && (t.category === undefined || category === undefined || t.category === category)
    )
  const topicFor = (kind: string, category: string | undefined) => {
    for (const [name, t] of subscribed) {
      if (t.kind === kind && (t.category === undefined || t.category === category)) return name
    }
    return kind
  }
  const push = (kind: string, category: string | undefined, data: ReadonlyArray<unknown>) => {
    if (!wants(kind, category)) return
    send({ id: `${connId}-${nextId++}`, topic: topicFor(kind, category), creationTime: timers.now(), data })
  }
  const categoryOf = (symbol: string) => engine.instrument(symbol)?.kind === "perp" ? "linear" : "spot"

  const listen = (owner: string) =>
    engine.subscribe((e) => {
      if (e._tag === "AccountFill") {
        if (e.fill.accountId !== owner) return
        const category = categoryOf(e.fill.symbol)
        push("execution", category, [{ category, ...renderExecution(engine, e.fill) }])
        return
      }
      if (e._tag !== "OrderUpdated" || e.order.accountId !== owner) return
      const o = e.order
      const instrument = engine.instrument(o.symbol)
      if (instrument === undefined) return
      const category = instrument.kind === "perp" ? "linear" : "spot"
      push("order", category, [{ category, ...renderOrder(o, category, wireSymbol(instrument)) }])
      if (category === "linear") {
        const p = engine.position(owner, o.symbol)
        if (p !== undefined) push("position", category, [{ category, ...renderPosition({ engine }, p) }])
      }
      push("wallet", undefined, renderWallet(engine, owner).list)
    })

  const authenticate = (args: unknown): string | undefined => {
    if (!Array.isArray(args) || args.length !== 3) return "Params Error"
    const [key, expiresRaw, signature] = args as Array<unknown>
    const expires = typeof expiresRaw === "number"
      ? expiresRaw
      : typeof expiresRaw === "string" && /^\d{1,16}$/.test(expiresRaw)
      ? Number.parseInt(expiresRaw, 10)
      : Number.NaN
    if (typeof key !== "string" || typeof signature !== "string" || !Number.isSafeInteger(expires)) {
      return "Params Error"
    }
    const apiKey = engine.apiKey(key)
    if (apiKey === undefined) return "Request not authorized"
    if (expires <= timers.now()) return "Params Error: expires is in the past"
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return "Request not authorized"
    const expected = createHmac("sha256", Redacted.value(apiKey.secret)).update(`GET/realtime${String(expiresRaw)}`)
      .digest()
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return "Request not authorized"
    account = apiKey.accountId
    return undefined
  }

  connection.onClose(() => stop?.())
  connection.onMessage((text) => {
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      send({ success: false, ret_msg: "error:invalid json", conn_id: connId, op: "" })
      return
    }
    if (typeof message !== "object" || message === null) return
    const { args, op, req_id } = message as { op?: unknown; args?: unknown; req_id?: unknown }
    switch (op) {
      case "ping":
        send({
          ...(typeof req_id === "string" ? { req_id } : {}),
          op: "pong",
          args: [String(timers.now())],
          conn_id: connId
        })
        return
      case "auth": {
        if (account !== undefined) return reply(op, req_id, false, "Repeat auth")
        const refused = authenticate(args)
        return reply(op, req_id, refused === undefined, refused ?? "")
      }
      case "subscribe":
      case "unsubscribe": {
        if (account === undefined) return reply(op, req_id, false, "Request not authorized")
        if (!Array.isArray(args) || args.some((a) => typeof a !== "string" || parseTopic(a) === undefined)) {
          return reply(op, req_id, false, `Invalid topic :[${Array.isArray(args) ? args.join(",") : ""}]`)
        }
        for (const topic of args as Array<string>) {
          if (op === "subscribe") subscribed.set(topic, parseTopic(topic)!)
          else subscribed.delete(topic)
        }
        if (stop === undefined && subscribed.size > 0) stop = listen(account)
        return reply(op, req_id, true, "")
      }
      default:
        return reply(op, req_id, false, `error:handler not found,op:${String(op)}`)
    }
  })
}
