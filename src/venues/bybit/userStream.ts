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
import type { TradingError } from "../../Exchange.js"
import * as Paging from "../../kernel/Paging.js"
import { hmacSha256 } from "../../kernel/Signer.js"
import { frameFailure, type ItemCodec, itemEvents, type UserEvent, type UserFrame } from "../../kernel/UserStream.js"
import type { UserStreamOps } from "../../kernel/VenueAdapter.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import type { Balance } from "../../model/Balance.js"
import * as Decimal from "../../model/Decimal.js"
import { type Market, type Markets, symbolsOf } from "../../model/Market.js"
import { type Fill, lastChange } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import type { Category } from "./convert.js"
import * as Endpoints from "./endpoints.js"
import * as Orders from "./orders.js"
import type { BybitCredentials } from "./signing.js"
import * as Wire from "./wire.js"

/** How far ahead the login's `expires` is set. */
const AUTH_VALIDITY_MS = 10_000

/**
 * The login frame's signature payload.
 * @since 0.1.0
 */
export const authPayload = (expires: number): string => `GET/realtime${expires}`

/**
 * The topics subscribed (all-in-one: every category).
 * @since 0.1.0
 */
export const topics = ["order", "execution", "wallet", "position"] as const

/** The market of a wire symbol in a category. */
const marketOf = (markets: Markets, category: string, symbol: string): Market | undefined =>
  category === "spot"
    ? markets.byVenueSymbol(symbol, "spot")
    : category === "linear"
    ? markets.byVenueSymbol(symbol, "perp")
    : undefined

/** A coin of the UNIFIED wallet → a balance: `locked` = spot order locks + order and position margin. */
export const toBalance = (c: {
  readonly coin: string
  readonly walletBalance: Decimal.Decimal
  readonly locked?: Decimal.Decimal | undefined
  readonly totalOrderIM?: Decimal.Decimal | undefined
  readonly totalPositionIM?: Decimal.Decimal | undefined
}): Balance => {
  const locked = [c.locked, c.totalOrderIM, c.totalPositionIM].reduce<Decimal.Decimal>(
    (sum, d) => (d === undefined ? sum : BigDecimal.sum(sum, d)),
    Decimal.zero
  )
  const free = BigDecimal.max(Decimal.zero, BigDecimal.subtract(c.walletBalance, locked))
  return { asset: c.coin, free, locked, total: c.walletBalance }
}

/** An execution (stream or `/v5/execution/list`). */
type Execution = typeof Wire.Execution.Type

/**
 * The fee's asset when Bybit does not name it (`feeCurrency` is absent on older payloads): on spot
 * the asset received (base for a buy, quote for a sell), on linear the settle coin.
 * https://bybit-exchange.github.io/docs/v5/enum#spot-fee-currency-instruction
 */
const feeAssetOf = (m: Market, e: Execution) =>
  e.feeCurrency !== undefined && e.feeCurrency !== ""
    ? e.feeCurrency
    : m.type === "spot"
    ? (e.side === "Buy" ? m.base : m.quote)
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
      side: e.side === "Buy" ? "buy" : "sell",
      price: e.execPrice,
      quantity: e.execQty,
      fee: e.execFee ?? Decimal.zero,
      feeAsset: feeAssetOf(m, e),
      maker: e.isMaker,
      timestamp: e.execTime
    }

const StreamPosition = Schema.Struct({
  symbol: Schema.String,
  side: Schema.Literal("Buy", "Sell", "", "None"),
  size: Decimal.Decimal,
  entryPrice: Schema.optional(Wire.MaybeDecimal),
  avgPrice: Schema.optional(Wire.MaybeDecimal),
  markPrice: Schema.optional(Wire.MaybeDecimal),
  liqPrice: Schema.optional(Wire.MaybeDecimal),
  unrealisedPnl: Schema.optional(Wire.MaybeDecimal),
  leverage: Schema.optional(Wire.MaybeDecimal),
  tradeMode: Schema.optional(Schema.Number),
  updatedTime: Schema.optional(Schema.Union(Wire.MillisString, Schema.Literal("")))
})

/** A position (stream: `entryPrice`; REST: `avgPrice`) → unified; flat is size zero. */
export const toPosition = (m: Market, p: typeof StreamPosition.Type): Position => ({
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

const StreamOrder = Schema.extend(Wire.Order, Schema.Struct({ category: Schema.String }))
const StreamExecution = Schema.extend(Wire.Execution, Schema.Struct({ category: Schema.String }))
const StreamPositionInCategory = Schema.extend(StreamPosition, Schema.Struct({ category: Schema.String }))

const Frame = Schema.Struct({
  topic: Schema.String,
  creationTime: Schema.optional(Schema.Number),
  data: Schema.Array(Schema.Unknown)
})
const decodeFrame = Schema.decodeUnknownEither(Frame)
const decodeOrder = Schema.decodeUnknownEither(StreamOrder)
const decodeExecution = Schema.decodeUnknownEither(StreamExecution)
const decodeWallet = Schema.decodeUnknownEither(Wire.Wallet)
const decodePosition = Schema.decodeUnknownEither(StreamPositionInCategory)

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
    if (f.op === "auth") {
      return f.success === true
        ? { _tag: "LoggedIn" }
        : { _tag: "Refused", reason: typeof f.ret_msg === "string" ? f.ret_msg : "auth failed" }
    }
    if (f.op === "subscribe" && f.success === false) {
      return { _tag: "Refused", reason: typeof f.ret_msg === "string" ? f.ret_msg : "subscription refused" }
    }
    return { _tag: "Control" }
  }
  const parsed = decodeFrame(frame)
  if (Either.isLeft(parsed)) return frameFailure("frame", parsed.left)
  const topic = parsed.right.topic.split(".")[0]!
  return itemEvents(topic, parsed.right.data, codecs(markets)[topic])
}

/** What each topic's items mean; items of markets the connector does not list give none. */
const codecs = (markets: Markets): Readonly<Record<string, ItemCodec<any>>> => ({
  order: {
    decode: decodeOrder,
    events: (o: typeof StreamOrder.Type): ReadonlyArray<UserEvent> => {
      const m = marketOf(markets, o.category, o.symbol)
      return m === undefined ? [] : [{ _tag: "Order", order: Orders.toOrder(m, o) }]
    }
  },
  execution: {
    decode: decodeExecution,
    events: (e: typeof StreamExecution.Type): ReadonlyArray<UserEvent> => {
      const m = marketOf(markets, e.category, e.symbol)
      const fill = m === undefined ? undefined : toFill(m, e)
      return fill === undefined ? [] : [{ _tag: "Fill", fill }]
    }
  },
  wallet: {
    decode: decodeWallet,
    events: (w: typeof Wire.Wallet.Type) => [{ _tag: "Balances", balances: w.coin.map(toBalance), complete: false }]
  },
  position: {
    decode: decodePosition,
    events: (p: typeof StreamPositionInCategory.Type): ReadonlyArray<UserEvent> => {
      const m = marketOf(markets, p.category, p.symbol)
      return m === undefined ? [] : [{ _tag: "Position", position: toPosition(m, p) }]
    }
  }
})

/** Every page (at most 20) of one of Bybit's cursor-paged history lists. */
const pages = <W, E>(
  read: (query: Record<string, string>) => Effect.Effect<{ readonly result: Wire.PageOf<W> }, E>,
  query: Record<string, string>
): Effect.Effect<ReadonlyArray<W>, E> =>
  Paging.collect(20, (cursor) =>
    Effect.map(
      read(cursor ? { ...query, cursor } : query),
      (r) => ({ items: r.result.list, next: r.result.nextPageCursor })
    ))

/**
 * One of Bybit's history lists from `since`, one category, `limit` a page (the most it gives), each
 * item of a market the connector lists mapped.
 */
const historyOf = <W extends { readonly symbol: string }, A>(
  read: (query: Record<string, string>) => Effect.Effect<{ readonly result: Wire.PageOf<W> }, TradingError>,
  limit: number,
  map: (m: Market, w: W) => A | undefined
) =>
(markets: Markets, category: Category, since: number) =>
  Effect.map(
    pages(read, { category, startTime: String(since), limit: String(limit) }),
    (list) =>
      list.flatMap((w) => {
        const m = marketOf(markets, category, w.symbol)
        const a = m === undefined ? undefined : map(m, w)
        return a === undefined ? [] : [a]
      })
  )

/** Both categories of one history, in time order. */
const bothCategories = <A, E>(
  read: (category: Category) => Effect.Effect<ReadonlyArray<A>, E>,
  time: (a: A) => number
): Effect.Effect<ReadonlyArray<A>, E> =>
  Effect.map(
    Effect.all([read("spot"), read("linear")], { concurrency: 2 }),
    ([spot, linear]) => [...spot, ...linear].sort((a, b) => time(a) - time(b))
  )

/**
 * The Bybit private stream for the adapter.
 * @since 0.1.0
 */
export const userStreams: UserStreamOps<BybitCredentials, {}> = {
  open: (_api, { baseUrl, credentials, now }) => {
    const expires = now + AUTH_VALIDITY_MS
    const signature = hmacSha256(credentials.secret).hex(authPayload(expires))
    return Effect.succeed({
      url: `${baseUrl.replace(/\/+$/, "")}/v5/private`,
      login: [
        JSON.stringify({ req_id: "auth", op: "auth", args: [Redacted.value(credentials.apiKey), expires, signature] })
      ],
      subscribe: [JSON.stringify({ req_id: "subscribe", op: "subscribe", args: topics })]
    })
  },
  decode: (frame, markets) => decode(frame, markets),
  fillsSince: (api, markets, since) => {
    // https://bybit-exchange.github.io/docs/v5/order/execution: 100 a page
    const executions = historyOf((query) => api.rest.request(Endpoints.executions, { query }), 100, toFill)
    return bothCategories((c) => executions(markets, c, since), (f) => f.timestamp)
  },
  ordersSince: (api, markets, since) => {
    // https://bybit-exchange.github.io/docs/v5/order/order-list: 50 a page
    const history = historyOf((query) => api.rest.request(Endpoints.orderHistory, { query }), 50, Orders.toOrder)
    return bothCategories((c) => history(markets, c, since), lastChange)
  },
  heartbeat: (id) => JSON.stringify({ req_id: String(id), op: "ping" })
}
