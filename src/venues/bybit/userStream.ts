/**
 * Bybit v5 private stream: `/v5/private`, logged in with `{"op":"auth","args":[apiKey, expires,
 * signature]}` (signature: HMAC-SHA256 hex of `GET/realtime` + `expires`, an epoch-ms deadline
 * a few seconds ahead), then the all-in-one topics `order`, `execution`, `wallet` and `position`.
 * The client pings with `{"op":"ping"}` (private pong: `{"op":"pong","args":[…]}`).
 * Reconciliation reads fills from `GET /v5/execution/list` and orders from `GET /v5/order/history`.
 *
 * Checked against the official documentation on 2026-12-06:
 * https://bybit-exchange.github.io/docs/v5/ws/connect (authentication, ping/pong, private URL)
 * https://bybit-exchange.github.io/docs/v5/websocket/private/order
 * https://bybit-exchange.github.io/docs/v5/websocket/private/execution
 * https://bybit-exchange.github.io/docs/v5/websocket/private/wallet
 * https://bybit-exchange.github.io/docs/v5/websocket/private/position
 * https://bybit-exchange.github.io/docs/v5/order/execution
 * https://bybit-exchange.github.io/docs/v5/order/order-list
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { endpoint } from "../../kernel/Endpoints.js"
import { readEach } from "../../kernel/MarketGroups.js"
import type { Endpoint } from "../../kernel/RestClient.js"
import { hmacSha256 } from "../../kernel/Signer.js"
import { frameFailure, type ItemCodec, itemEvents, type UserEvent, type UserFrame } from "../../kernel/UserStream.js"
import type { UserStreamOps, VenueApi } from "../../kernel/VenueAdapter.js"
import { fieldsOf } from "../../kernel/WireDecode.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import type { Balance } from "../../model/Balance.js"
import * as Decimal from "../../model/Decimal.js"
import { type Market, type Markets, symbolsOf } from "../../model/Market.js"
import { type Fill, lastChange } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import { EpochMillisString } from "../../model/Timestamp.js"
import * as Convert from "./convert.js"
import * as Endpoints from "./endpoints.js"
import * as Orders from "./orders.js"
import type { BybitCredentials } from "./signing.js"
import * as Wire from "./wire.js"

/** How far ahead the login's `expires` is set. */
const AUTH_VALIDITY_MS = 10_000

/**
 * An execution: an item of GET /v5/execution/list and of the private `execution` topic.
 * https://bybit-exchange.github.io/docs/v5/order/execution
 * https://bybit-exchange.github.io/docs/v5/websocket/private/execution
 * @since 0.1.0
 */
export const Execution = Schema.Struct({
  ...fieldsOf(Schema.String, "symbol", "orderId", "execId", "execType"),
  ...fieldsOf(Schema.optional(Schema.String), "orderLinkId", "feeCurrency"),
  side: Wire.Side,
  ...fieldsOf(Decimal.Decimal, "execPrice", "execQty"),
  execFee: Decimal.MaybeDecimal,
  isMaker: Schema.Boolean,
  execTime: EpochMillisString
})
/** @since 0.1.0 */
export type Execution = typeof Execution.Type

/**
 * Orders in every state, newest first; `startTime` alone returns 7 days from it; limit [1, 50].
 * https://bybit-exchange.github.io/docs/v5/order/order-list (checked 2026-12-06)
 */
export const orderHistory = endpoint("GET", "/v5/order/history", Wire.Envelope(Wire.Page(Wire.Order)), { signed: true })

/**
 * Trade history, newest first; `startTime` alone returns 7 days from it; limit [1, 100].
 * https://bybit-exchange.github.io/docs/v5/order/execution (checked 2026-12-06)
 */
export const executions = endpoint("GET", "/v5/execution/list", Wire.Envelope(Wire.Page(Execution)), { signed: true })

/** A coin of the UNIFIED wallet → a balance: `locked` = spot order locks + order and position margin. */
export const toBalance = (c: Wire.Wallet["coin"][number]): Balance => {
  const locked = [c.locked, c.totalOrderIM, c.totalPositionIM].reduce<Decimal.Decimal>(
    (sum, d) => (d === undefined ? sum : BigDecimal.sum(sum, d)),
    Decimal.zero
  )
  const free = BigDecimal.max(Decimal.zero, BigDecimal.subtract(c.walletBalance, locked))
  return { asset: c.coin, free, locked, total: c.walletBalance }
}

/**
 * The fee's asset when Bybit does not name it (`feeCurrency` is absent on older payloads): on spot
 * the asset received (base for a buy, quote for a sell), on linear the settle coin.
 * https://bybit-exchange.github.io/docs/v5/enum#spot-fee-currency-instruction
 */
const feeAssetOf = (m: Market, e: Execution) =>
  e.feeCurrency !== undefined && e.feeCurrency !== ""
    ? e.feeCurrency
    : m.type === "spot"
    ? (e.side === "buy" ? m.base : m.quote)
    : (m.settle ?? m.quote)

/** A trade execution → a fill (`undefined` for funding, ADL and other non-trade executions). */
export const toFill = (m: Market, e: Execution): Fill | undefined =>
  e.execType !== "Trade" || !BigDecimal.isPositive(e.execQty) || !BigDecimal.isPositive(e.execPrice)
    ? undefined
    : {
      id: e.execId,
      orderId: e.orderId,
      ...(e.orderLinkId !== undefined && e.orderLinkId !== "" ? { clientOrderId: e.orderLinkId } : {}),
      ...symbolsOf(m),
      side: e.side,
      price: e.execPrice,
      quantity: e.execQty,
      fee: e.execFee ?? Decimal.zero,
      feeAsset: feeAssetOf(m, e),
      maker: e.isMaker,
      timestamp: e.execTime
    }

/** A position (stream: `entryPrice`; REST: `avgPrice`) → unified; flat is size zero. */
export const toPosition = (m: Market, p: Wire.Position): Position => ({
  ...symbolsOf(m),
  side: p.side === "Sell" ? "short" : "long",
  size: p.side === "Buy" || p.side === "Sell" ? p.size : Decimal.zero,
  entryPrice: p.entryPrice ?? p.avgPrice ?? Decimal.zero,
  ...(p.markPrice !== undefined ? { markPrice: p.markPrice } : {}),
  ...(p.liqPrice !== undefined ? { liquidationPrice: p.liqPrice } : {}),
  ...(p.unrealisedPnl !== undefined ? { unrealizedPnl: p.unrealisedPnl } : {}),
  ...(p.leverage !== undefined ? { leverage: p.leverage } : {}),
  ...(p.tradeMode !== undefined ? { marginMode: p.tradeMode === 1 ? "isolated" as const : "cross" as const } : {}),
  ...(typeof p.updatedTime === "number" ? { timestamp: p.updatedTime } : {})
})

/** A stream item's Schema: the REST item's, with its category. */
const inCategory = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.decodeUnknownEither(Schema.extend(item, Schema.Struct({ category: Schema.String })))
const decodeFrame = Schema.decodeUnknownEither(
  Schema.Struct({
    topic: Schema.String,
    creationTime: Schema.optional(Schema.Number),
    data: Schema.Array(Schema.Unknown)
  })
)

/**
 * One private frame → what it means. Replies carry `op` (`auth`, `subscribe`, `pong`); data frames
 * carry `topic` (`order`, `execution`, `wallet`, `position`, or a categorised `order.spot`…).
 * Items of markets the connector does not list (inverse, options) are skipped.
 * @since 0.1.0
 */
export const decode = (frame: unknown, markets: Markets): UserFrame => {
  if (typeof frame !== "object" || frame === null) return decodeFailure("not an object")
  const f = frame as Record<string, unknown>
  if (typeof f.op === "string") {
    const refused = f.op === "auth" ? f.success !== true : f.op === "subscribe" && f.success === false
    if (refused) return { _tag: "Refused", reason: typeof f.ret_msg === "string" ? f.ret_msg : `${f.op} refused` }
    return f.op === "auth" ? { _tag: "LoggedIn" } : { _tag: "Control" }
  }
  const parsed = decodeFrame(frame)
  if (Either.isLeft(parsed)) return frameFailure("frame", parsed.left)
  const topic = parsed.right.topic.split(".")[0]!
  return itemEvents(topic, parsed.right.data, codecs(markets)[topic])
}

/** The events of an item of one category: none when its market is not one the connector lists. */
const inMarket = <A extends { readonly symbol: string }>(
  markets: Markets,
  event: (m: Market, a: A) => UserEvent | undefined
) =>
(a: A & { readonly category: string }): ReadonlyArray<UserEvent> => {
  const m = Convert.marketOf(markets, a.category, a.symbol)
  const e = m === undefined ? undefined : event(m, a)
  return e === undefined ? [] : [e]
}

const decodeOrder = inCategory(Wire.Order)
const decodeExecution = inCategory(Execution)
const decodePosition = inCategory(Wire.Position)
const decodeWallet = Schema.decodeUnknownEither(Wire.Wallet)

/** What each topic's items mean. */
const codecs = (markets: Markets): Readonly<Record<string, ItemCodec<any>>> => ({
  order: {
    decode: decodeOrder,
    events: inMarket(markets, (m, o: Wire.Order) => ({ _tag: "Order", order: Orders.toOrder(m, o) }))
  },
  execution: {
    decode: decodeExecution,
    events: inMarket(markets, (m, e: Execution) => {
      const fill = toFill(m, e)
      return fill === undefined ? undefined : { _tag: "Fill", fill }
    })
  },
  wallet: {
    decode: decodeWallet,
    events: (w: Wire.Wallet) => [{ _tag: "Balances", balances: w.coin.map(toBalance), complete: false }]
  },
  position: {
    decode: decodePosition,
    events: inMarket(markets, (m, p: Wire.Position) => ({ _tag: "Position", position: toPosition(m, p) }))
  }
})

/**
 * One of Bybit's history lists from `since`, in both categories (`limit` a page, the most it gives;
 * at most 20 pages each), the items of markets the connector lists mapped, in time order.
 */
const history = <E extends { readonly result: Endpoints.Paged<{ readonly symbol: string }> }, I, A>(
  endpoint: Endpoint<E, I>,
  limit: number,
  map: (m: Market, w: E["result"]["list"][number]) => A | undefined,
  time: (a: A) => number
) =>
(api: VenueApi<{}>, markets: Markets, since: number) =>
  Effect.map(
    readEach(
      Convert.categories,
      (category) => Endpoints.pages(api, endpoint, { category, startTime: String(since), limit: String(limit) }, 20),
      (w, category) => {
        const m = Convert.marketOf(markets, category, w.symbol)
        return m === undefined ? undefined : map(m, w)
      },
      { concurrency: 2 }
    ),
    (list) => list.sort((a, b) => time(a) - time(b))
  )

// https://bybit-exchange.github.io/docs/v5/order/execution: 100 a page
const fills = history(executions, 100, toFill, (f) => f.timestamp)
// https://bybit-exchange.github.io/docs/v5/order/order-list: 50 a page
const orders = history(orderHistory, 50, Orders.toOrder, lastChange)

/**
 * The Bybit private stream for the adapter.
 * @since 0.1.0
 */
export const userStreams: UserStreamOps<BybitCredentials, {}> = {
  open: (_api, { baseUrl, credentials, now }) => {
    const expires = now + AUTH_VALIDITY_MS
    const signature = hmacSha256(credentials.secret).hex(`GET/realtime${expires}`)
    return Effect.succeed({
      url: `${baseUrl.replace(/\/+$/, "")}/v5/private`,
      login: [
        JSON.stringify({ req_id: "auth", op: "auth", args: [Redacted.value(credentials.apiKey), expires, signature] })
      ],
      subscribe: [
        JSON.stringify({ req_id: "subscribe", op: "subscribe", args: ["order", "execution", "wallet", "position"] })
      ]
    })
  },
  decode: (frame, markets) => decode(frame, markets),
  fillsSince: fills,
  ordersSince: orders,
  heartbeat: (id) => JSON.stringify({ req_id: String(id), op: "ping" })
}
