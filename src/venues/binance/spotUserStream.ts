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
import { endpoint } from "../../kernel/Endpoints.js"
import { hmacSha256 } from "../../kernel/Signer.js"
import type { UserFrame } from "../../kernel/UserStream.js"
import type { UserStreamOps } from "../../kernel/VenueAdapter.js"
import { fieldsOf, parseFailure } from "../../kernel/WireDecode.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import { Decimal } from "../../model/Decimal.js"
import type { Market, Markets } from "../../model/Market.js"
import { lastChange, type Order } from "../../model/Order.js"
import { spotOrder } from "./orders.js"
import type { BinanceCredentials } from "./signing.js"
import * as Shared from "./userStream.js"
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
export const myTrades = endpoint(
  "GET",
  "/api/v3/myTrades",
  Schema.Array(Schema.Struct({ ...Shared.tradeFields, ...fieldsOf(Schema.Boolean, "isBuyer", "isMaker") })),
  { weight: 20, signed: true }
)

/**
 * `GET /api/v3/allOrders` (weight 20): the symbol's orders in any state, created from `startTime`
 * (`startTime` alone: 24 hours from it; limit up to 1000).
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#all-orders-user_data
 * @since 0.1.0
 */
export const allOrders = endpoint("GET", "/api/v3/allOrders", Schema.Array(Wire.SpotOrder), {
  weight: 20,
  signed: true
})

const ExecutionReport = Schema.Struct({
  ...Shared.reportFields,
  e: Schema.Literal("executionReport"),
  ...fieldsOf(Schema.Number, "E", "O"),
  C: Schema.optional(Schema.String),
  ...fieldsOf(Decimal, "n", "Z"),
  N: Schema.NullOr(Schema.String)
})
const AccountPosition = Schema.Struct({
  e: Schema.Literal("outboundAccountPosition"),
  E: Schema.Number,
  B: Schema.Array(Schema.Struct({ a: Schema.String, f: Decimal, l: Decimal }))
})
const decodeExecution = Schema.decodeUnknownEither(ExecutionReport)
const decodeAccount = Schema.decodeUnknownEither(AccountPosition)

/** `executionReport` → the order as it now stands (a cancel's `c` is the cancel's id: `C` is the order's). */
const toOrder = (m: Market, r: typeof ExecutionReport.Type): Order => {
  const average = BigDecimal.isPositive(r.z) ? BigDecimal.divide(r.Z, r.z) : undefined
  return Shared.reportOrder("spot", m, r, {
    clientOrderId: r.C !== undefined && r.C !== "" ? r.C : r.c,
    reduceOnly: false,
    filledQuote: r.Z,
    ...(average !== undefined && average._tag === "Some" ? { averagePrice: BigDecimal.normalize(average.value) } : {}),
    createdAt: r.O,
    updatedAt: r.T
  })
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
      if (Either.isLeft(r)) return parseFailure(e, r.left)
      const m = markets.byVenueSymbol(r.right.s, "spot")
      if (m === undefined) return { _tag: "Control" }
      // `N` is null when no commission was charged.
      const feeAsset = r.right.N ?? (r.right.S === "BUY" ? m.base : m.quote)
      return Shared.reportEvents(toOrder(m, r.right), Shared.reportFill(m, r.right, { fee: r.right.n, feeAsset }))
    }
    case "outboundAccountPosition": {
      const r = decodeAccount(event)
      if (Either.isLeft(r)) return parseFailure(e, r.left)
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
  fillsSince: Shared.historySince(
    myTrades,
    "spot",
    (m, t) => Shared.tradeFill(m, t, t.isBuyer ? "buy" : "sell", t.isMaker),
    (f) => f.timestamp
  ),
  ordersSince: Shared.historySince(allOrders, "spot", spotOrder, lastChange),
  heartbeat: (id) => JSON.stringify({ id: `ping-${id}`, method: "ping" })
}
