/**
 * Binance user data streams of the sandbox, served from the engine, both products:
 *
 * (Wrapped around the dialects by `withUserData`, registered in `dialects/registry.ts`.)
 *
 * - Spot: the WebSocket API at `/ws-api/v3` (`ping`, `userDataStream.subscribe.signature` signed
 *   like REST: HMAC-SHA256 hex over the other parameters sorted by name; `-2015` for an unknown key,
 *   `-1021` outside the validity window, `-1022` for a bad signature). Events arrive as
 *   `{"subscriptionId","event"}`: `executionReport` (`NEW`, `TRADE` with fee and fee asset,
 *   `CANCELED`, `EXPIRED`) and `outboundAccountPosition`.
 * - USDⓈ-M: listen keys (`POST/PUT/DELETE /fapi/v1/listenKey`, 60 minutes each, one per account;
 *   POST returns the active key, extended) and the stream at `/ws/<listenKey>`:
 *   `ORDER_TRADE_UPDATE`, `ACCOUNT_UPDATE` (wallet balance and position), `listenKeyExpired` when the
 *   key runs out or the `listenKeyExpiry` fault fires. `LIST_SUBSCRIPTIONS` is answered.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/user-data-stream-requests (2026-12-06)
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Connect
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Balance-and-Position-Update
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-User-Data-Stream-Expired
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"
import { format } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Fill, Order } from "../../engine/Order.js"
import type { Random } from "../../engine/Random.js"
import type { Faults } from "../../faults/Faults.js"
import type { Dialect, HttpRequest, HttpResponse } from "../../server/Dialect.js"
import { json } from "../../server/Dialect.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"

const num = (d: BigDecimal.BigDecimal) => format(d)
const zero = BigDecimal.fromBigInt(0n)

/** The engine symbol as Binance writes it (`perp:BTCUSDT` → `BTCUSDT`). */
const wire = (engine: Engine, symbol: string) => {
  const i = engine.instrument(symbol)
  return i?.kind === "perp" ? i.nativeSymbol : symbol
}

const STATUS: Record<Order["status"], string> = {
  new: "NEW",
  partially_filled: "PARTIALLY_FILLED",
  filled: "FILLED",
  canceled: "CANCELED",
  expired: "EXPIRED"
}

/**
 * What an engine event means on a user data stream: the execution type to report and its fill, or
 * nothing (a maker's order update whose fill was already reported as `TRADE`).
 */
const execution = (
  e: { readonly _tag: "AccountFill"; readonly fill: Fill } | {
    readonly _tag: "OrderUpdated"
    readonly order: Order
    readonly fill?: Fill | undefined
  },
  engine: Engine
): { order: Order; x: string; fill: Fill | undefined } | undefined => {
  if (e._tag === "AccountFill") {
    const order = engine.orders(e.fill.accountId).find((o) => o.orderId === e.fill.orderId)
    return order === undefined ? undefined : { order, x: "TRADE", fill: e.fill }
  }
  if (e.fill !== undefined) return undefined
  const o = e.order
  switch (o.status) {
    case "new":
      return BigDecimal.isZero(o.executedQuantity) ? { order: o, x: "NEW", fill: undefined } : undefined
    case "canceled":
      return { order: o, x: "CANCELED", fill: undefined }
    case "expired":
      return { order: o, x: "EXPIRED", fill: undefined }
    default:
      return undefined
  }
}

const clientId = (o: Order) => o.clientOrderId

/**
 * A Spot `executionReport`.
 * @since 0.1.0
 */
export const executionReport = (engine: Engine, o: Order, x: string, fill: Fill | undefined, now: number) => ({
  e: "executionReport",
  E: now,
  s: wire(engine, o.symbol),
  c: clientId(o),
  S: o.side === "buy" ? "BUY" : "SELL",
  o: o.type === "market" ? "MARKET" : o.postOnly ? "LIMIT_MAKER" : "LIMIT",
  f: o.timeInForce,
  q: num(o.quantity),
  p: o.price === undefined ? "0.00000000" : num(o.price),
  P: "0.00000000",
  F: "0.00000000",
  g: -1,
  C: "",
  x,
  X: STATUS[o.status],
  r: "NONE",
  i: o.orderId,
  l: fill === undefined ? "0.00000000" : num(fill.quantity),
  z: num(o.executedQuantity),
  L: fill === undefined ? "0.00000000" : num(fill.price),
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
  Y: fill === undefined ? "0.00000000" : num(fill.quote),
  Q: "0.00000000",
  W: o.createdAt,
  V: "EXPIRE_MAKER"
})

/**
 * A USDⓈ-M `ORDER_TRADE_UPDATE`.
 * @since 0.1.0
 */
export const orderTradeUpdate = (engine: Engine, o: Order, x: string, fill: Fill | undefined, now: number) => {
  const avg = BigDecimal.isPositive(o.executedQuantity)
    ? num(BigDecimal.round(BigDecimal.unsafeDivide(o.cumulativeQuote, o.executedQuantity), { scale: 8 }))
    : "0"
  return {
    e: "ORDER_TRADE_UPDATE",
    E: now,
    T: fill?.time ?? o.updatedAt,
    o: {
      s: wire(engine, o.symbol),
      c: clientId(o),
      S: o.side === "buy" ? "BUY" : "SELL",
      o: o.type === "market" ? "MARKET" : "LIMIT",
      f: o.postOnly ? "GTX" : o.timeInForce,
      q: num(o.quantity),
      p: o.price === undefined ? "0" : num(o.price),
      ap: avg,
      sp: "0",
      x,
      X: STATUS[o.status],
      i: o.orderId,
      l: fill === undefined ? "0" : num(fill.quantity),
      z: num(o.executedQuantity),
      L: fill === undefined ? "0" : num(fill.price),
      ...(fill === undefined ? {} : { N: fill.commissionAsset, n: num(fill.commission) }),
      T: fill?.time ?? o.updatedAt,
      t: fill?.tradeId ?? 0,
      b: "0",
      a: "0",
      m: fill?.maker ?? false,
      R: o.reduceOnly,
      wt: "CONTRACT_PRICE",
      ot: o.type === "market" ? "MARKET" : "LIMIT",
      ps: "BOTH",
      cp: false,
      rp: "0",
      pP: false,
      si: 0,
      ss: 0,
      V: "EXPIRE_MAKER",
      pm: "NONE",
      gtd: 0
    }
  }
}

/**
 * A USDⓈ-M `ACCOUNT_UPDATE` for one perpetual: the settle asset's wallet balance and the position.
 * @since 0.1.0
 */
export const accountUpdate = (engine: Engine, accountId: string, symbol: string, now: number) => {
  const i = engine.instrument(symbol)
  if (i?.kind !== "perp") return undefined
  const b = engine.balances(accountId).find((x) => x.asset === i.settle)
  const wb = b === undefined ? zero : BigDecimal.sum(b.free, b.locked)
  const p = engine.position(accountId, symbol)
  return {
    e: "ACCOUNT_UPDATE",
    E: now,
    T: now,
    a: {
      m: "ORDER",
      B: [{ a: i.settle, wb: num(wb), cw: num(wb), bc: "0" }],
      P: p === undefined ? [] : [{
        s: i.nativeSymbol,
        pa: num(p.size),
        ep: num(p.entryPrice),
        bep: num(p.entryPrice),
        cr: num(p.realizedPnl),
        up: num(p.unrealizedPnl),
        mt: "cross",
        iw: "0",
        ps: "BOTH"
      }]
    }
  }
}

/**
 * Spot `outboundAccountPosition`: every asset of the account.
 * @since 0.1.0
 */
export const accountPosition = (engine: Engine, accountId: string, now: number) => ({
  e: "outboundAccountPosition",
  E: now,
  u: now,
  B: engine.balances(accountId).map((b) => ({ a: b.asset, f: num(b.free), l: num(b.locked) }))
})

// ---- Spot: the WebSocket API -------------------------------------------------------------------

const wsError = (id: unknown, status: number, code: number, msg: string) => ({ id, status, error: { code, msg } })

/**
 * Takes over a `/ws-api/v3` connection (the user data stream requests and `ping`).
 * @since 0.1.0
 */
export const connectSpotApi = (
  options: { readonly engine: Engine; readonly timers: Timers },
  connection: WsConnection
): void => {
  const { engine, timers } = options
  const send = (m: unknown) => connection.send(JSON.stringify(m))
  const stops = new Map<number, () => void>()
  let nextSubscription = 0
  connection.onClose(() => {
    for (const stop of stops.values()) stop()
    stops.clear()
  })
  const subscribe = (accountId: string) => {
    const id = nextSubscription++
    const stop = engine.subscribe((e) => {
      if (e._tag !== "AccountFill" && e._tag !== "OrderUpdated") return
      const owner = e._tag === "AccountFill" ? e.fill.accountId : e.order.accountId
      if (
        owner !== accountId ||
        engine.instrument(e._tag === "AccountFill" ? e.fill.symbol : e.order.symbol)?.kind !== "spot"
      ) return
      const r = execution(e, engine)
      if (r === undefined) return
      const now = timers.now()
      send({ subscriptionId: id, event: executionReport(engine, r.order, r.x, r.fill, now) })
      send({ subscriptionId: id, event: accountPosition(engine, accountId, now) })
    })
    stops.set(id, stop)
    return id
  }
  connection.onMessage((text) => {
    let request: { id?: unknown; method?: unknown; params?: unknown }
    try {
      request = JSON.parse(text)
    } catch {
      return send(wsError(null, 400, -1100, "Illegal characters found in a parameter."))
    }
    const { id, method } = request
    const params = (typeof request.params === "object" && request.params !== null ? request.params : {}) as Record<
      string,
      unknown
    >
    switch (method) {
      case "ping":
        return send({ id, status: 200, result: {}, rateLimits: [] })
      case "userDataStream.subscribe.signature": {
        const key = typeof params.apiKey === "string" ? engine.apiKey(params.apiKey) : undefined
        if (key === undefined) return send(wsError(id, 401, -2015, "Invalid API-key, IP, or permissions for action."))
        const timestamp = typeof params.timestamp === "number" ? params.timestamp : Number.NaN
        const recvWindow = typeof params.recvWindow === "number" ? params.recvWindow : 5000
        const now = timers.now()
        if (!Number.isSafeInteger(timestamp) || timestamp >= now + 1000 || now - timestamp > recvWindow) {
          return send(wsError(id, 400, -1021, "Timestamp for this request is outside of the recvWindow."))
        }
        const signature = params.signature
        const payload = Object.keys(params).filter((k) => k !== "signature").sort().map((k) =>
          `${k}=${String(params[k])}`
        )
          .join("&")
        const expected = createHmac("sha256", Redacted.value(key.secret)).update(payload).digest()
        if (
          typeof signature !== "string" || !/^[0-9a-fA-F]{64}$/.test(signature) ||
          !timingSafeEqual(expected, Buffer.from(signature, "hex"))
        ) {
          return send(wsError(id, 400, -1022, "Signature for this request is not valid."))
        }
        return send({ id, status: 200, result: { subscriptionId: subscribe(key.accountId) }, rateLimits: [] })
      }
      case "userDataStream.unsubscribe": {
        const sub = typeof params.subscriptionId === "number" ? params.subscriptionId : undefined
        for (const [n, stop] of stops) {
          if (sub === undefined || sub === n) {
            stop()
            stops.delete(n)
          }
        }
        return send({ id, status: 200, result: {}, rateLimits: [] })
      }
      default:
        return send(wsError(id, 400, -1102, `Unknown method '${String(method)}'.`))
    }
  })
}

// ---- USDⓈ-M: listen keys -----------------------------------------------------------------------

const VALIDITY_MS = 60 * 60_000
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/**
 * The listen keys of one dialect: one per account, valid 60 minutes from creation or the last
 * keep-alive.
 * @since 0.1.0
 */
export class ListenKeys {
  private readonly byKey = new Map<string, { accountId: string; validUntil: number }>()
  constructor(private readonly random: Random, private readonly now: () => number) {}

  /** The account's active key, extended, or a new one. */
  create(accountId: string): string {
    const now = this.now()
    for (const [key, k] of this.byKey) {
      if (k.accountId === accountId && k.validUntil > now) {
        k.validUntil = now + VALIDITY_MS
        return key
      }
    }
    const key = this.random.string(64, KEY_ALPHABET)
    this.byKey.set(key, { accountId, validUntil: now + VALIDITY_MS })
    return key
  }

  /** Extends the account's key; `false` when it has none (`-1125`). */
  keepAlive(accountId: string): string | undefined {
    const now = this.now()
    for (const [key, k] of this.byKey) {
      if (k.accountId === accountId && k.validUntil > now) {
        k.validUntil = now + VALIDITY_MS
        return key
      }
    }
    return undefined
  }

  close(accountId: string): void {
    for (const [key, k] of this.byKey) if (k.accountId === accountId) this.byKey.delete(key)
  }

  /** The account of a valid key. */
  account(key: string): string | undefined {
    const k = this.byKey.get(key)
    return k !== undefined && k.validUntil > this.now() ? k.accountId : undefined
  }

  /** Fault: the key expires now. */
  expire(key: string): void {
    const k = this.byKey.get(key)
    if (k !== undefined) k.validUntil = this.now()
  }
}

/**
 * Takes over a `/ws/<listenKey>` connection of the USDⓈ-M dialect.
 * @since 0.1.0
 */
export const connectListenKeyStream = (
  options: {
    readonly engine: Engine
    readonly timers: Timers
    readonly faults: Faults
    readonly listenKeys: ListenKeys
    readonly venue: string
  },
  connection: WsConnection,
  listenKey: string
): void => {
  const { engine, faults, listenKeys, timers } = options
  const accountId = listenKeys.account(listenKey)
  if (accountId === undefined) {
    connection.close(1008, "invalid listen key")
    return
  }
  const send = (m: unknown) => connection.send(JSON.stringify(m))
  connection.onMessage((text) => {
    try {
      const m = JSON.parse(text) as { method?: unknown; id?: unknown }
      if (m.method === "LIST_SUBSCRIPTIONS") send({ result: [], id: m.id })
    } catch {
      // not a request: ignored, as Binance does
    }
  })
  connection.own(engine.subscribe((e) => {
    if (e._tag !== "AccountFill" && e._tag !== "OrderUpdated") return
    const owner = e._tag === "AccountFill" ? e.fill.accountId : e.order.accountId
    const symbol = e._tag === "AccountFill" ? e.fill.symbol : e.order.symbol
    if (owner !== accountId || engine.instrument(symbol)?.kind !== "perp") return
    const r = execution(e, engine)
    if (r === undefined) return
    const now = timers.now()
    if (r.fill !== undefined) {
      const update = accountUpdate(engine, accountId, symbol, now)
      if (update !== undefined) send(update)
    }
    send(orderTradeUpdate(engine, r.order, r.x, r.fill, now))
  }))
  connection.own(timers.every(100, () => {
    const forced = faults.take(["listenKeyExpiry"], { venue: options.venue, path: connection.path })
    if (forced !== undefined) listenKeys.expire(listenKey)
    if (listenKeys.account(listenKey) === undefined) {
      send({ e: "listenKeyExpired", E: timers.now(), listenKey })
      connection.close(1000, "listen key expired")
    }
  }))
}

// ---- REST: listen keys and trade lists ---------------------------------------------------------

const errorResponse = (status: number, code: number, msg: string): HttpResponse => json(status, { code, msg })

const header = (request: HttpRequest, name: string) => {
  const v = request.headers[name]
  return typeof v === "string" ? v : undefined
}

/** A `USER_DATA` request's key, validity window and signature, as Binance checks them. */
const verifySigned = (engine: Engine, request: HttpRequest, now: number) => {
  const key = engine.apiKey(header(request, "x-mbx-apikey") ?? "")
  if (key === undefined) return errorResponse(401, -2015, "Invalid API-key, IP, or permissions for action.")
  const params = new URLSearchParams(request.rawQuery)
  const timestamp = params.get("timestamp")
  const recvWindow = params.get("recvWindow")
  const ts = timestamp !== null && /^\d{1,16}$/.test(timestamp) ? Number.parseInt(timestamp, 10) : Number.NaN
  const window = recvWindow !== null && /^\d{1,5}$/.test(recvWindow) ? Number.parseInt(recvWindow, 10) : 5000
  if (!Number.isSafeInteger(ts)) return errorResponse(400, -1102, "Mandatory parameter 'timestamp' was not sent.")
  if (ts >= now + 1000 || now - ts > window) {
    return errorResponse(400, -1021, "Timestamp for this request is outside of the recvWindow.")
  }
  const signature = params.get("signature") ?? ""
  const payload = request.rawQuery.split("&").filter((p) => p.split("=", 1)[0] !== "signature").join("&")
  const expected = createHmac("sha256", Redacted.value(key.secret)).update(payload).digest()
  if (!/^[0-9a-fA-F]{64}$/.test(signature) || !timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
    return errorResponse(400, -1022, "Signature for this request is not valid.")
  }
  return { accountId: key.accountId, params }
}

/** The account's fills of one symbol from `startTime` (oldest first), at most `limit`. */
const tradeList = (
  engine: Engine,
  accountId: string,
  params: URLSearchParams,
  kind: "perp",
  windowMs: number,
  now: number
) => {
  const wanted = params.get("symbol")
  const instrument = wanted === null
    ? undefined
    : engine.perpetuals.find((p) => p.nativeSymbol === wanted)
  if (instrument === undefined || instrument.kind !== kind) {
    return errorResponse(400, -1121, "Invalid symbol.")
  }
  const start = params.get("startTime")
  const from = start !== null && /^\d{1,16}$/.test(start) ? Number.parseInt(start, 10) : now - windowMs
  const limitText = params.get("limit")
  const limit = limitText !== null && /^\d{1,4}$/.test(limitText)
    ? Math.min(1000, Math.max(1, Number.parseInt(limitText, 10)))
    : 500
  return engine.fills(accountId, instrument.symbol).filter((f) => f.time >= from && f.time < from + windowMs)
    .slice(0, limit)
}

/**
 * `GET /fapi/v1/userTrades` (USDⓈ-M; `startTime` alone: 7 days from it) and the listen-key
 * endpoints (USDⓈ-M, API key only); `undefined` for any other request (the Spot dialect has its own
 * `myTrades`).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Account-Trade-List
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Start-User-Data-Stream
 * @since 0.1.0
 */
export const handleRest = (
  product: "spot" | "usdm",
  engine: Engine,
  listenKeys: ListenKeys | undefined,
  request: HttpRequest
): HttpResponse | undefined => {
  const now = engine.now()
  if (product !== "usdm") return undefined
  if (request.method === "GET" && request.path === "/fapi/v1/userTrades") {
    const v = verifySigned(engine, request, now)
    if ("status" in v) return v
    const list = tradeList(engine, v.accountId, v.params, "perp", 7 * 24 * 3_600_000, now)
    if (!Array.isArray(list)) return list
    return json(
      200,
      list.map((f) => ({
        buyer: f.side === "buy",
        commission: num(f.commission),
        commissionAsset: f.commissionAsset,
        id: f.tradeId,
        maker: f.maker,
        orderId: f.orderId,
        price: num(f.price),
        qty: num(f.quantity),
        quoteQty: num(f.quote),
        realizedPnl: "0",
        side: f.side === "buy" ? "BUY" : "SELL",
        positionSide: "BOTH",
        symbol: wire(engine, f.symbol),
        time: f.time
      }))
    )
  }
  if (request.path !== "/fapi/v1/listenKey" || listenKeys === undefined) return undefined
  const key = engine.apiKey(header(request, "x-mbx-apikey") ?? "")
  if (key === undefined) return errorResponse(401, -2015, "Invalid API-key, IP, or permissions for action.")
  switch (request.method) {
    case "POST":
      return json(200, { listenKey: listenKeys.create(key.accountId) })
    case "PUT": {
      const extended = listenKeys.keepAlive(key.accountId)
      return extended === undefined
        ? errorResponse(400, -1125, "This listenKey does not exist.")
        : json(200, { listenKey: extended })
    }
    case "DELETE":
      listenKeys.close(key.accountId)
      return json(200, {})
    default:
      return undefined
  }
}

/**
 * A Binance dialect with its user data streams: the REST endpoints above, `/ws-api/v3` (Spot) and
 * `/ws/<listenKey>` (USDⓈ-M); every other request and connection goes to the dialect.
 * @since 0.1.0
 */
export const withUserData = (
  product: "spot" | "usdm",
  deps: { readonly engine: Engine; readonly timers: Timers; readonly faults: Faults; readonly random: Random },
  dialect: Dialect
): Dialect => {
  const listenKeys = product === "usdm" ? new ListenKeys(deps.random, deps.engine.now) : undefined
  return {
    ...dialect,
    handle: (request) => {
      const answer = handleRest(product, deps.engine, listenKeys, request)
      return answer === undefined ? dialect.handle(request) : Effect.succeed(answer)
    },
    connect: (connection) => {
      if (product === "spot" && connection.path === "/ws-api/v3") return connectSpotApi(deps, connection)
      const key = /^\/ws\/([A-Za-z0-9]{64})$/.exec(connection.path)?.[1]
      if (listenKeys !== undefined && key !== undefined) {
        return connectListenKeyStream({ ...deps, listenKeys, venue: dialect.venue }, connection, key)
      }
      return dialect.connect(connection)
    }
  }
}
