/**
 * Binance Spot's user data stream, on the WebSocket API at `/ws-api/v3`: `ping`,
 * `userDataStream.subscribe.signature` (signed like REST: HMAC-SHA256 hex over the other
 * parameters sorted by name; -2015 for an unknown key, -1021 outside the validity window, -1022
 * for a bad signature) and `userDataStream.unsubscribe`. Events arrive as
 * `{"subscriptionId","event"}`: `executionReport` (`NEW`, `TRADE` with fee and fee asset,
 * `CANCELED`, `EXPIRED`), then `outboundAccountPosition`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/user-data-stream-requests (2026-12-06)
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream
 *
 * @since 0.1.0
 */
import { format as num } from "../../../../model/Decimal.js"
import type { Engine } from "../../../engine/Engine.js"
import type { WsConnection } from "../../../server/WsConnection.js"
import * as Signing from "../../kit/Signing.js"
import type { BinanceError } from "../errors.js"
import { error } from "../errors.js"
import type { Execution, MakeUserData } from "../userData.js"
import { onExecution } from "../userData.js"
import { orderStatus, side } from "../wire.js"
import { orderType } from "./wire.js"

const ZERO = "0.00000000"

/** A Spot `executionReport`. @since 0.1.0 */
export const executionReport = ({ fill, order: o, x }: Execution, now: number) => ({
  e: "executionReport",
  E: now,
  s: o.symbol,
  c: o.clientOrderId,
  S: side(o.side),
  o: orderType(o),
  f: o.timeInForce,
  q: num(o.quantity),
  p: o.price === undefined ? ZERO : num(o.price),
  P: ZERO,
  F: ZERO,
  g: -1,
  C: "",
  x,
  X: orderStatus(o.status),
  r: "NONE",
  i: o.orderId,
  l: fill === undefined ? ZERO : num(fill.quantity),
  z: num(o.executedQuantity),
  L: fill === undefined ? ZERO : num(fill.price),
  n: fill === undefined ? "0" : num(fill.commission),
  N: fill === undefined ? null : fill.commissionAsset,
  T: fill?.time ?? o.updatedAt,
  t: fill?.tradeId ?? -1,
  v: 3,
  I: o.orderId * 2 + (fill === undefined ? 0 : 1),
  w: o.status === "new" || o.status === "partially_filled",
  m: fill?.maker ?? false,
  M: false,
  O: o.createdAt,
  Z: num(o.cumulativeQuote),
  Y: fill === undefined ? ZERO : num(fill.quote),
  Q: ZERO,
  W: o.createdAt,
  V: "EXPIRE_MAKER"
})

/** Spot `outboundAccountPosition`: every asset of the account. @since 0.1.0 */
export const accountPosition = (engine: Engine, accountId: string, now: number) => ({
  e: "outboundAccountPosition",
  E: now,
  u: now,
  B: engine.balances(accountId).map((b) => ({ a: b.asset, f: num(b.free), l: num(b.locked) }))
})

const wsError = (id: unknown, e: BinanceError) => ({ id, status: e.status, error: { code: e.code, msg: e.msg } })

/** The payload of a WebSocket API request: its parameters but `signature`, sorted by name. */
const signedPayload = (params: Record<string, unknown>): string =>
  Object.keys(params).filter((k) => k !== "signature").sort().map((k) => `${k}=${String(params[k])}`).join("&")

/** Takes over `/ws-api/v3` connections (the user data stream requests and `ping`). @since 0.1.0 */
export const userData: MakeUserData = ({ engine, timers }) => ({
  routes: [],
  connect: (connection: WsConnection) => {
    if (connection.path !== "/ws-api/v3") return false
    const send = (m: unknown) => connection.send(JSON.stringify(m))
    const ok = (id: unknown, result: unknown) => send({ id, status: 200, result, rateLimits: [] })
    const stops = new Map<number, () => void>()
    let nextSubscription = 0
    connection.onClose(() => {
      for (const stop of stops.values()) stop()
      stops.clear()
    })
    const subscribe = (accountId: string) => {
      const id = nextSubscription++
      stops.set(
        id,
        onExecution(engine, accountId, "spot", (r) => {
          const now = timers.now()
          send({ subscriptionId: id, event: executionReport(r, now) })
          send({ subscriptionId: id, event: accountPosition(engine, accountId, now) })
        })
      )
      return id
    }
    connection.onMessage((text) => {
      let request: { id?: unknown; method?: unknown; params?: unknown }
      try {
        request = JSON.parse(text)
      } catch {
        return send(wsError(null, { code: -1100, msg: "Illegal characters found in a parameter.", status: 400 }))
      }
      const { id, method } = request
      const params = (typeof request.params === "object" && request.params !== null ? request.params : {}) as Record<
        string,
        unknown
      >
      switch (method) {
        case "ping":
          return ok(id, {})
        case "userDataStream.subscribe.signature": {
          const key = typeof params.apiKey === "string" ? engine.apiKey(params.apiKey) : undefined
          if (key === undefined) return send(wsError(id, error("REJECTED_MBX_KEY")))
          const timestamp = typeof params.timestamp === "number" ? params.timestamp : Number.NaN
          const recvWindow = typeof params.recvWindow === "number" ? params.recvWindow : 5000
          if (!Number.isSafeInteger(timestamp) || Signing.timing(timestamp, timers.now(), recvWindow) !== "ok") {
            return send(wsError(id, error("INVALID_TIMESTAMP")))
          }
          const signature = params.signature
          if (typeof signature !== "string" || !Signing.hmacSha256HexMatches(key, signedPayload(params), signature)) {
            return send(wsError(id, error("INVALID_SIGNATURE")))
          }
          return ok(id, { subscriptionId: subscribe(key.accountId) })
        }
        case "userDataStream.unsubscribe": {
          const sub = typeof params.subscriptionId === "number" ? params.subscriptionId : undefined
          for (const [n, stop] of stops) {
            if (sub === undefined || sub === n) {
              stop()
              stops.delete(n)
            }
          }
          return ok(id, {})
        }
        default:
          return send(wsError(id, { code: -1102, msg: `Unknown method '${String(method)}'.`, status: 400 }))
      }
    })
    return true
  }
})
