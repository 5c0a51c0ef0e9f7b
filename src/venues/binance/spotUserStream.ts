/**
 * Binance Spot private stream: the user data stream of the WebSocket API (the spot listen-key
 * mechanism was discontinued on 2026-02-20 and is not used). One connection to
 * `wss://ws-api.binance.com:443/ws-api/v3` (testnet `wss://ws-api.testnet.binance.vision/ws-api/v3`;
 * the sandbox: `<ws base>/ws-api/v3`); the login is the request
 * `{"id","method":"userDataStream.subscribe.signature","params":{"apiKey","timestamp","signature"}}`,
 * signed like REST (HMAC-SHA256 hex over the parameters sorted by name, as a query string); its
 * answer `{"id","status":200,"result":{"subscriptionId":…}}` means subscribed. Events arrive as
 * `{"subscriptionId","event":{…}}`: `executionReport` (the order, and a fill when the execution
 * type is `TRADE`), `outboundAccountPosition` (the changed balances, free and locked),
 * `balanceUpdate` (a delta: balances are read again from REST), `eventStreamTerminated` (reconnect).
 * The heartbeat is the API's `ping` request. Reconciliation reads fills from `GET /api/v3/myTrades`
 * and orders from `GET /api/v3/allOrders`, per symbol the account touched.
 *
 * Checked against the official documentation on 2026-12-06:
 * https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/user-data-stream-requests
 * https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/request-security
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream
 * https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/general-requests#test-connectivity
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-trade-list-user_data
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#all-orders-user_data
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as RestClient from "../../kernel/RestClient.js"
import { describeParseError } from "../../kernel/RestClient.js"
import { hmacSha256 } from "../../kernel/Signer.js"
import type { UserEvent, UserFrame } from "../../kernel/UserStream.js"
import type { UserStreamOps } from "../../kernel/VenueAdapter.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import { Decimal } from "../../model/Decimal.js"
import { Id } from "../../model/Id.js"
import type { Market, Markets } from "../../model/Market.js"
import { type Fill, lastChange, type Order } from "../../model/Order.js"
import { historySince } from "./family.js"
import { orderStatus, spotOrder } from "./orders.js"
import type { BinanceCredentials } from "./signing.js"
import * as Wire from "./wire.js"

/**
 * The WebSocket API's URL per environment.
 * @since 0.1.0
 */
export const wsApiUrls = {
  mainnet: "wss://ws-api.binance.com:443/ws-api/v3",
  testnet: "wss://ws-api.testnet.binance.vision/ws-api/v3"
} as const

/** The id of the login request, so its answer is told from the pings'. */
const SUBSCRIBE_ID = "lotusx-user-data-subscribe"

/**
 * The signed parameters of `userDataStream.subscribe.signature`.
 * @since 0.1.0
 */
export const subscribeParams = (credentials: BinanceCredentials, timestamp: number) => {
  const apiKey = Redacted.value(credentials.apiKey)
  const payload = `apiKey=${apiKey}&timestamp=${timestamp}`
  return { apiKey, timestamp, signature: hmacSha256(credentials.secret).hex(payload) }
}

/**
 * `GET /api/v3/myTrades` (weight 20; `startTime` alone: 24 hours from it; limit up to 1000).
 * @since 0.1.0
 */
export const myTrades = {
  method: "GET",
  path: "/api/v3/myTrades",
  weight: 20,
  signed: true,
  response: Schema.Array(Schema.Struct({
    symbol: Schema.String,
    id: Id,
    orderId: Id,
    price: Decimal,
    qty: Decimal,
    commission: Decimal,
    commissionAsset: Schema.String,
    time: Schema.Number,
    isBuyer: Schema.Boolean,
    isMaker: Schema.Boolean
  }))
} as const satisfies RestClient.Endpoint<any, any>

/**
 * `GET /api/v3/allOrders` (weight 20): the symbol's orders in any state, created from `startTime`
 * (`startTime` alone: 24 hours from it; limit up to 1000).
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#all-orders-user_data
 * @since 0.1.0
 */
export const allOrders = {
  method: "GET",
  path: "/api/v3/allOrders",
  weight: 20,
  signed: true,
  response: Schema.Array(Wire.SpotOrder)
} as const satisfies RestClient.Endpoint<any, any>

const ExecutionReport = Schema.Struct({
  e: Schema.Literal("executionReport"),
  E: Schema.Number,
  s: Schema.String,
  c: Schema.String,
  S: Schema.Literal("BUY", "SELL"),
  o: Schema.String,
  f: Schema.String,
  q: Decimal,
  p: Decimal,
  C: Schema.optional(Schema.String),
  x: Schema.String,
  X: Schema.String,
  i: Id,
  l: Decimal,
  z: Decimal,
  L: Decimal,
  n: Decimal,
  N: Schema.NullOr(Schema.String),
  T: Schema.Number,
  t: Id,
  m: Schema.Boolean,
  O: Schema.Number,
  Z: Decimal
})
const AccountPosition = Schema.Struct({
  e: Schema.Literal("outboundAccountPosition"),
  E: Schema.Number,
  B: Schema.Array(Schema.Struct({ a: Schema.String, f: Decimal, l: Decimal }))
})
const decodeExecution = Schema.decodeUnknownEither(ExecutionReport)
const decodeAccount = Schema.decodeUnknownEither(AccountPosition)

const failure = (what: string, e: Parameters<typeof describeParseError>[0]) => {
  const { detail, path } = describeParseError(e)
  return decodeFailure(`${what} ${path}: ${detail}`)
}

/** `executionReport` → the order as it now stands (a cancel's `c` is the cancel's id: `C` is the order's). */
const toOrder = (m: Market, r: typeof ExecutionReport.Type): Order => {
  const isMarket = r.o === "MARKET" || r.o === "STOP_LOSS" || r.o === "TAKE_PROFIT"
  const tif = r.f === "GTC" || r.f === "IOC" || r.f === "FOK" ? r.f : undefined
  const clientOrderId = r.C !== undefined && r.C !== "" ? r.C : r.c
  const average = BigDecimal.isPositive(r.z) ? BigDecimal.divide(r.Z, r.z) : undefined
  return {
    id: r.i,
    clientOrderId,
    symbol: m.unified,
    venueSymbol: m.symbol,
    side: r.S === "BUY" ? "buy" : "sell",
    type: isMarket ? "market" : "limit",
    ...(tif !== undefined && r.o !== "LIMIT_MAKER" && !isMarket ? { timeInForce: tif } : {}),
    postOnly: r.o === "LIMIT_MAKER",
    reduceOnly: false,
    ...(isMarket || !BigDecimal.isPositive(r.p) ? {} : { price: r.p }),
    quantity: r.q,
    filledQuantity: r.z,
    filledQuote: r.Z,
    ...(average !== undefined && average._tag === "Some" ? { averagePrice: BigDecimal.normalize(average.value) } : {}),
    status: orderStatus(r.X),
    venueStatus: r.X,
    createdAt: r.O,
    updatedAt: r.T
  }
}

const toFill = (m: Market, r: typeof ExecutionReport.Type): Fill | undefined =>
  r.x !== "TRADE" || !BigDecimal.isPositive(r.l) || !BigDecimal.isPositive(r.L)
    ? undefined
    : {
      id: r.t,
      orderId: r.i,
      clientOrderId: r.c,
      symbol: m.unified,
      venueSymbol: m.symbol,
      side: r.S === "BUY" ? "buy" : "sell",
      price: r.L,
      quantity: r.l,
      fee: r.n,
      // `N` is null when no commission was charged.
      feeAsset: r.N ?? (r.S === "BUY" ? m.base : m.quote),
      maker: r.m,
      timestamp: r.T
    }

/**
 * One frame of the WebSocket API connection → what it means.
 * @since 0.1.0
 */
export const decode = (frame: unknown, markets: Markets): UserFrame => {
  if (typeof frame !== "object" || frame === null) return decodeFailure("not an object")
  const f = frame as { id?: unknown; status?: unknown; error?: { msg?: unknown; code?: unknown }; event?: unknown }
  if (f.id !== undefined && f.status !== undefined) {
    if (f.id !== SUBSCRIBE_ID) return { _tag: "Control" }
    if (f.status === 200) return { _tag: "LoggedIn" }
    const msg = typeof f.error?.msg === "string" ? f.error.msg : `status ${String(f.status)}`
    return { _tag: "Refused", reason: typeof f.error?.code === "number" ? `${f.error.code} ${msg}` : msg }
  }
  const event = f.event
  if (typeof event !== "object" || event === null) return { _tag: "Control" }
  const e = (event as { e?: unknown }).e
  switch (e) {
    case "executionReport": {
      const r = decodeExecution(event)
      if (Either.isLeft(r)) return failure(e, r.left)
      const m = markets.byVenueSymbol(r.right.s, "spot")
      if (m === undefined) return { _tag: "Control" }
      const fill = toFill(m, r.right)
      const events: Array<UserEvent> = fill === undefined ? [] : [{ _tag: "Fill", fill }]
      events.push({ _tag: "Order", order: toOrder(m, r.right) })
      return { _tag: "Events", events }
    }
    case "outboundAccountPosition": {
      const r = decodeAccount(event)
      if (Either.isLeft(r)) return failure(e, r.left)
      return {
        _tag: "Events",
        events: [{
          _tag: "Balances",
          complete: false,
          balances: r.right.B.map((b) => ({ asset: b.a, free: b.f, locked: b.l, total: BigDecimal.sum(b.f, b.l) }))
        }]
      }
    }
    case "balanceUpdate":
      return { _tag: "Events", events: [{ _tag: "BalancesChanged" }] }
    case "eventStreamTerminated":
      return { _tag: "Terminated", reason: "the venue terminated the user data stream" }
    default:
      return { _tag: "Control" }
  }
}

/**
 * The Spot private stream for the adapter.
 * @since 0.1.0
 */
export const userStreams: UserStreamOps<BinanceCredentials, {}> = {
  open: (api, { baseUrl, credentials, now }) =>
    Effect.succeed({
      url: api.environment === "sandbox" ? `${baseUrl.replace(/\/+$/, "")}/ws-api/v3` : wsApiUrls[api.environment],
      login: [
        JSON.stringify({
          id: SUBSCRIBE_ID,
          method: "userDataStream.subscribe.signature",
          params: subscribeParams(credentials, now)
        })
      ],
      subscribe: []
    }),
  decode: (frame, markets) => decode(frame, markets),
  fillsSince: historySince(myTrades, "spot", (m, t): Fill => ({
    id: t.id,
    orderId: t.orderId,
    symbol: m.unified,
    venueSymbol: m.symbol,
    side: t.isBuyer ? "buy" : "sell",
    price: t.price,
    quantity: t.qty,
    fee: t.commission,
    feeAsset: t.commissionAsset,
    maker: t.isMaker,
    timestamp: t.time
  }), (f) => f.timestamp),
  ordersSince: historySince(allOrders, "spot", spotOrder, lastChange),
  heartbeat: (id) => JSON.stringify({ id: `ping-${id}`, method: "ping" })
}
