/**
 * Bybit v5 signed endpoints of the dialect: orders (create, create-batch, amend, cancel,
 * cancel-batch, cancel-all, realtime), wallet balance, positions, API key info.
 *
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * https://bybit-exchange.github.io/docs/v5/order/batch-place
 * https://bybit-exchange.github.io/docs/v5/order/amend-order
 * https://bybit-exchange.github.io/docs/v5/order/cancel-order
 * https://bybit-exchange.github.io/docs/v5/order/batch-cancel
 * https://bybit-exchange.github.io/docs/v5/order/cancel-all
 * https://bybit-exchange.github.io/docs/v5/order/open-order
 * https://bybit-exchange.github.io/docs/v5/account/wallet-balance
 * https://bybit-exchange.github.io/docs/v5/position
 * https://bybit-exchange.github.io/docs/v5/user/apikey-info
 *
 * Linear (USDT perpetuals) maps the wire symbol to the engine's perpetual (`BTCUSDT` →
 * `perp:BTCUSDT`); positions, margin (UNIFIED wallet `totalOrderIM` / `totalPositionIM`),
 * `reduceOnly` and funding come from the engine. Amend is the engine's amend (the `orderId` stays).
 * A linear `PostOnly` order that would take liquidity is accepted and then cancelled, as on Bybit
 * (`rejectReason: EC_PostOnlyWillTakeLiquidity`); spot rejects it with 170218.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { createHash } from "node:crypto"
import type { Decimal } from "../../../model/Decimal.js"
import { parse as parseDecimal } from "../../../model/Decimal.js"
import type { Engine, Position } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { Fill, Order, PlaceOrder, Rejection } from "../../engine/Order.js"
import { averagePrice } from "../kit/Orders.js"
import { venueCanceled } from "../kit/VenueCanceled.js"
import type { BybitError } from "./errors.js"
import * as Errors from "./errors.js"
import type { Route, RouteContext } from "./Route.js"
import { route } from "./Route.js"
import { listOf, num, resolve, wireSymbol } from "./wire.js"

type Category = "spot" | "linear"
const LINK_ID = /^[A-Za-z0-9_-]{1,36}$/

const str = (o: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const v = o[name]
  return typeof v === "string" ? v : undefined
}

/**
 * One page of a Bybit list, newest first: `limit` (1 to `max`, default `dflt`) items from the
 * `cursor` (an offset here; opaque to clients), and the cursor of the next page ("" at the end).
 */
const newestFirst = <A, B>(
  items: ReadonlyArray<A>,
  q: Record<string, string>,
  max: number,
  dflt: number,
  render: (a: A) => B
): { readonly list: ReadonlyArray<B>; readonly nextPageCursor: string } => {
  const limit = q.limit !== undefined && /^\d{1,3}$/.test(q.limit)
    ? Math.min(max, Math.max(1, Number.parseInt(q.limit, 10)))
    : dflt
  const at = q.cursor !== undefined && /^\d{1,9}$/.test(q.cursor) ? Number.parseInt(q.cursor, 10) : 0
  const newest = [...items].reverse()
  return {
    list: newest.slice(at, at + limit).map(render),
    nextPageCursor: at + limit < newest.length ? String(at + limit) : ""
  }
}

/**
 * The time window of Bybit's history queries: `startTime`..`endTime`; one of them: 7 days from or
 * up to it; both absent: the last 7 days.
 */
const sevenDays = (q: Record<string, string>, now: number): { readonly from: number; readonly to: number } => {
  const start = q.startTime !== undefined && /^\d{1,16}$/.test(q.startTime)
    ? Number.parseInt(q.startTime, 10)
    : undefined
  const end = q.endTime !== undefined && /^\d{1,16}$/.test(q.endTime) ? Number.parseInt(q.endTime, 10) : undefined
  const week = 7 * 24 * 3_600_000
  const to = end ?? (start !== undefined ? start + week : now)
  return { from: start ?? to - week, to }
}

const categoryOf = (o: Readonly<Record<string, unknown>>): Either.Either<Category, BybitError> => {
  const c = str(o, "category")
  if (c === "spot" || c === "linear") return Either.right(c)
  return Either.left(Errors.params(c === undefined ? "category is required" : `category "${c}" is not supported`))
}

const instrumentOf = (
  ctx: RouteContext,
  o: Readonly<Record<string, unknown>>,
  c: Category
): Either.Either<Instrument, BybitError> => {
  const s = str(o, "symbol")
  if (s === undefined || s === "") return Either.left(Errors.params("symbol is required"))
  const i = resolve(ctx.engine, s, c)
  if (i === undefined) {
    return Either.left(c === "spot" ? Errors.error("INVALID_SYMBOL") : Errors.params("symbol invalid"))
  }
  return Either.right(i)
}

const decimalField = (
  o: Readonly<Record<string, unknown>>,
  name: string
): Either.Either<Decimal | undefined, BybitError> => {
  const v = o[name]
  if (v === undefined) return Either.right(undefined)
  if (typeof v !== "string" || !/^\d+(\.\d+)?$/.test(v)) return Either.left(Errors.params(`${name} invalid`))
  return Either.mapLeft(parseDecimal(v), () => Errors.params(`${name} invalid`))
}

/** A history request (`/v5/order/history`, `/v5/execution/list`): its category, symbol and 7-day window. */
const historyOf = (ctx: RouteContext) =>
  Either.gen(function*() {
    const q = Object.fromEntries(ctx.params)
    const c = yield* categoryOf(q)
    const instrument = q.symbol === undefined ? undefined : yield* instrumentOf(ctx, q, c)
    return { q, c, instrument, ...sevenDays(q, ctx.now) }
  })

/** Whether an engine symbol is an instrument of the category. */
const inCategory = (ctx: RouteContext, symbol: string, c: Category): boolean => {
  const i = ctx.engine.instrument(symbol)
  return i !== undefined && (i.kind === "spot") === (c === "spot")
}

/** Engine rejections (filter failures aside) → Bybit codes, `[spot, linear]`. */
const REJECTED: Record<Exclude<Rejection["_tag"], "FilterFailure">, readonly [BybitError, BybitError]> = {
  InsufficientBalance: [Errors.error("BALANCE_INSUFFICIENT"), Errors.error("INSUFFICIENT_AVAILABLE")],
  WouldTake: [Errors.error("POST_ONLY_REJECTED"), Errors.error("POST_ONLY_REJECTED")],
  DuplicateClientOrderId: [Errors.error("DUPLICATE_LINK_ID"), Errors.error("DUPLICATE_LINK_ID")],
  UnknownOrder: [Errors.error("SPOT_ORDER_NOT_EXISTS"), Errors.error("ORDER_NOT_EXISTS")],
  MarketClosed: [Errors.error("NOT_OPEN"), Errors.error("NOT_OPEN")],
  UnknownSymbol: [Errors.error("INVALID_SYMBOL"), Errors.params("symbol invalid")],
  NoLiquidity: [Errors.error("VALUE_TOO_SMALL"), Errors.error("VALUE_TOO_SMALL")],
  ReduceOnlyRejected: [Errors.error("REDUCE_ONLY_RULE"), Errors.error("REDUCE_ONLY_RULE")],
  UnknownAccount: [Errors.error("INVALID_KEY"), Errors.error("INVALID_KEY")]
}

/** Filter failures → Bybit answers, `[spot, linear]`: linear has no per-filter codes of its own on the error page, a parameter error (10001). */
const FILTERS: Record<string, readonly [BybitError, BybitError]> = {
  PRICE_FILTER: [Errors.error("PRICE_DECIMALS"), Errors.params("price invalid")],
  LOT_SIZE: [Errors.error("QUANTITY_DECIMALS"), Errors.params("qty invalid")]
}
const MIN_NOTIONAL = [Errors.error("VALUE_TOO_SMALL"), Errors.params("order value below minNotionalValue")] as const

/** Engine rejections → Bybit codes of the category. */
const rejection = (c: Category, r: Rejection): BybitError =>
  (r._tag === "FilterFailure" ? FILTERS[r.filter] ?? MIN_NOTIONAL : REJECTED[r._tag])[c === "spot" ? 0 : 1]

/**
 * Decodes one create request (`category` given separately for batch items).
 * @since 0.1.0
 */
export const decodeCreate = (
  ctx: RouteContext,
  o: Readonly<Record<string, unknown>>,
  c: Category
): Either.Either<PlaceOrder, BybitError> =>
  Either.gen(function*() {
    const i = yield* instrumentOf(ctx, o, c)
    const side = str(o, "side")
    if (side !== "Buy" && side !== "Sell") return yield* Either.left(Errors.params("side invalid"))
    const type = str(o, "orderType")
    if (type !== "Limit" && type !== "Market") return yield* Either.left(Errors.params("orderType invalid"))
    const qty = yield* decimalField(o, "qty")
    if (qty === undefined || !BigDecimal.isPositive(qty)) return yield* Either.left(Errors.params("qty invalid"))
    const price = yield* decimalField(o, "price")
    const tifText = str(o, "timeInForce") ?? (type === "Market" ? "IOC" : "GTC")
    if (tifText !== "GTC" && tifText !== "IOC" && tifText !== "FOK" && tifText !== "PostOnly") {
      return yield* Either.left(Errors.params("timeInForce invalid"))
    }
    if (type === "Limit" && price === undefined) return yield* Either.left(Errors.params("price is required"))
    const reduceOnly = o.reduceOnly
    if (reduceOnly !== undefined && typeof reduceOnly !== "boolean") {
      return yield* Either.left(Errors.params("reduceOnly invalid"))
    }
    if (reduceOnly === true && c === "spot") {
      return yield* Either.left(Errors.params("reduceOnly is not supported on spot"))
    }
    const link = str(o, "orderLinkId")
    if (link !== undefined && !LINK_ID.test(link)) return yield* Either.left(Errors.params("orderLinkId invalid"))
    const unit = str(o, "marketUnit") ?? (side === "Buy" ? "quoteCoin" : "baseCoin")
    if (unit !== "baseCoin" && unit !== "quoteCoin") return yield* Either.left(Errors.params("marketUnit invalid"))
    const quoteQty = c === "spot" && type === "Market" && unit === "quoteCoin"
    return {
      symbol: i.symbol,
      side: side === "Buy" ? "buy" : "sell",
      type: type === "Market" ? "market" : "limit",
      timeInForce: type === "Market" ? "IOC" : tifText === "PostOnly" ? "GTC" : tifText,
      ...(quoteQty ? { quoteQuantity: qty } : { quantity: qty }),
      price: type === "Limit" ? price : undefined,
      postOnly: tifText === "PostOnly",
      clientOrderId: link ?? "",
      ...(reduceOnly === true ? { reduceOnly: true } : {})
    } satisfies PlaceOrder
  })

const place = (ctx: RouteContext, o: Readonly<Record<string, unknown>>, c: Category) =>
  Either.gen(function*() {
    const request = yield* decodeCreate(ctx, o, c)
    const withId = request.clientOrderId === "" ? { ...request, clientOrderId: `sb${ctx.random.string(20)}` } : request
    const result = ctx.engine.placeOrder(ctx.key!.accountId, withId)
    if (c === "linear" && Either.isLeft(result) && result.left._tag === "WouldTake") {
      return venueCancelPostOnly(ctx, withId, request.clientOrderId)
    }
    const placed = yield* Either.mapLeft(result, (r) => rejection(c, r))
    return {
      orderId: String(placed.order.orderId),
      orderLinkId: request.clientOrderId === "" ? "" : placed.order.clientOrderId
    }
  })

const HEX = "0123456789abcdef"

/** A Bybit linear order id: a UUID. */
const uuid = (ctx: RouteContext) => {
  const h = ctx.random.string(32, HEX)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * A linear post-only order that would take: accepted, then cancelled by the venue. Its state is
 * kept by the dialect (the engine never held it) for `/v5/order/realtime`.
 */
const venueCancelPostOnly = (ctx: RouteContext, request: PlaceOrder, link: string) => {
  const id = uuid(ctx)
  ctx.venueCancels.add({
    id,
    rejectReason: "EC_PostOnlyWillTakeLiquidity",
    order: venueCanceled(ctx.key!.accountId, request, ctx.now)
  })
  return { orderId: id, orderLinkId: link }
}

/** Engine status → Bybit `orderStatus`. https://bybit-exchange.github.io/docs/v5/enum#orderstatus */
const status = (o: Order): string => {
  switch (o.status) {
    case "new":
      return "New"
    case "partially_filled":
      return "PartiallyFilled"
    case "filled":
      return "Filled"
    case "canceled":
    case "expired":
      return BigDecimal.isPositive(o.executedQuantity) ? "PartiallyFilledCanceled" : "Cancelled"
  }
}

/**
 * An order as `/v5/order/realtime` writes it.
 * @since 0.1.0
 */
export const renderOrder = (
  o: Order,
  c: Category,
  symbol: string,
  venue?: { readonly id: string; readonly rejectReason: string }
) => {
  const avg = averagePrice(o)
  const qty = o.quoteQuantity !== undefined && o.type === "market" ? o.quoteQuantity : o.quantity
  const leaves = o.status === "new" || o.status === "partially_filled"
    ? BigDecimal.subtract(o.quantity, o.executedQuantity)
    : BigDecimal.fromBigInt(0n)
  return {
    orderId: venue?.id ?? String(o.orderId),
    orderLinkId: linkOf(o),
    blockTradeId: "",
    symbol,
    price: o.price === undefined ? "0" : num(o.price),
    qty: num(qty),
    side: o.side === "buy" ? "Buy" : "Sell",
    isLeverage: c === "spot" ? "0" : "",
    positionIdx: 0,
    orderStatus: status(o),
    cancelType: venue !== undefined
      ? "UNKNOWN"
      : o.status === "canceled"
      ? "CancelByUser"
      : o.status === "expired" && o.reduceOnly
      ? "CancelByReduceOnly"
      : "UNKNOWN",
    rejectReason: venue?.rejectReason ?? "EC_NoError",
    avgPrice: avg === undefined ? "" : num(avg),
    leavesQty: num(leaves),
    leavesValue: o.price === undefined ? "0" : num(BigDecimal.multiply(leaves, o.price)),
    cumExecQty: num(o.executedQuantity),
    cumExecValue: num(o.cumulativeQuote),
    cumExecFee: "0",
    timeInForce: o.postOnly ? "PostOnly" : o.timeInForce,
    orderType: o.type === "market" ? "Market" : "Limit",
    stopOrderType: "",
    orderIv: "",
    ...(c === "spot" && o.type === "market"
      ? { marketUnit: o.quoteQuantity !== undefined ? "quoteCoin" : "baseCoin" }
      : {}),
    triggerPrice: "0",
    takeProfit: "0",
    stopLoss: "0",
    tpTriggerBy: "",
    slTriggerBy: "",
    triggerDirection: 0,
    triggerBy: "",
    lastPriceOnCreated: "",
    reduceOnly: o.reduceOnly,
    closeOnTrigger: false,
    smpType: "None",
    smpGroup: 0,
    smpOrderId: "",
    tpslMode: "",
    tpLimitPrice: "",
    slLimitPrice: "",
    placeType: "",
    createdTime: String(o.createdAt),
    updatedTime: String(o.updatedAt)
  }
}

/** The `orderLinkId` as the client sent it ("" when the dialect generated one). */
export const linkOf = (o: Order) =>
  o.clientOrderId.startsWith("sb") && o.clientOrderId.length === 22 ? "" : o.clientOrderId

/** An order found for a request: an engine order, or one the venue cancelled itself. */
interface Found {
  readonly order: Order
  readonly venue?: { readonly id: string; readonly rejectReason: string } | undefined
}

const render = (ctx: RouteContext, f: Found, c: Category) => {
  const i = ctx.engine.instrument(f.order.symbol)
  return renderOrder(f.order, c, i === undefined ? f.order.symbol : wireSymbol(i), f.venue)
}

/** The order a request names (`orderId` wins over `orderLinkId`), on any symbol of the category. */
const findOrder = (
  ctx: RouteContext,
  o: Readonly<Record<string, unknown>>,
  c: Category,
  symbol?: string
): Found | undefined => {
  const id = str(o, "orderId")
  const link = str(o, "orderLinkId")
  const symbols = symbol !== undefined ? [symbol] : listOf(ctx.engine, c).map((i) => i.symbol)
  const orderId = id !== undefined && /^\d{1,16}$/.test(id) ? Number.parseInt(id, 10) : undefined
  const ref = orderId !== undefined
    ? { orderId, clientOrderId: link }
    : id === undefined && link !== undefined
    ? { clientOrderId: link }
    : undefined
  if (ref !== undefined) {
    for (const s of symbols) {
      const found = ctx.engine.findOrder(ctx.key!.accountId, s, ref)
      if (found !== undefined) return { order: found }
    }
  }
  if (c !== "linear" || (id === undefined && link === undefined)) return undefined
  const venue = ctx.venueCancels.find(ctx.key!.accountId, symbols, { id, link })
  return venue === undefined
    ? undefined
    : { order: venue.order, venue: { id: venue.id, rejectReason: venue.rejectReason } }
}

const cancel = (ctx: RouteContext, o: Readonly<Record<string, unknown>>, c: Category) =>
  Either.gen(function*() {
    const i = yield* instrumentOf(ctx, o, c)
    if (str(o, "orderId") === undefined && str(o, "orderLinkId") === undefined) {
      return yield* Either.left(Errors.params("orderId or orderLinkId is required"))
    }
    const found = findOrder(ctx, o, c, i.symbol)
    if (found === undefined || found.venue !== undefined) {
      return yield* Either.left(rejection(c, { _tag: "UnknownOrder" }))
    }
    const canceled = yield* Either.mapLeft(
      ctx.engine.cancelOrder(ctx.key!.accountId, i.symbol, { orderId: found.order.orderId }),
      (r) => rejection(c, r)
    )
    return { orderId: String(canceled.orderId), orderLinkId: linkOf(canceled) }
  })

const requestList = (
  ctx: RouteContext,
  max: number
): Either.Either<ReadonlyArray<Record<string, unknown>>, BybitError> => {
  const list = ctx.body.request
  if (!Array.isArray(list) || list.length === 0) return Either.left(Errors.params("request is required"))
  if (list.length > max) return Either.left(Errors.params(`the number of orders exceeds the limit ${max}`))
  if (list.some((x) => typeof x !== "object" || x === null)) return Either.left(Errors.params("request invalid"))
  return Either.right(list as ReadonlyArray<Record<string, unknown>>)
}

const batchLimit = (c: Category) => (c === "spot" ? 10 : 20)

/**
 * A position as `/v5/position/list` writes it (one-way mode, cross margin under UTA). The engine
 * has no liquidation, so `liqPrice` is `""` (what Bybit writes when there is none to show).
 * https://bybit-exchange.github.io/docs/v5/position
 */
export const renderPosition = (ctx: { readonly engine: Engine }, p: Position) => {
  const i = ctx.engine.instrument(p.symbol)!
  const flat = BigDecimal.isZero(p.size)
  const size = BigDecimal.abs(p.size)
  return {
    positionIdx: 0,
    riskId: 1,
    riskLimitValue: "2000000",
    symbol: wireSymbol(i),
    side: flat ? "" : BigDecimal.isPositive(p.size) ? "Buy" : "Sell",
    size: num(size),
    avgPrice: num(p.entryPrice),
    positionValue: num(BigDecimal.multiply(p.entryPrice, size)),
    tradeMode: 0,
    positionStatus: "Normal",
    autoAddMargin: 0,
    adlRankIndicator: flat ? 0 : 2,
    leverage: String(p.leverage),
    positionBalance: num(p.margin),
    markPrice: num(p.markPrice),
    liqPrice: "",
    bustPrice: "",
    positionMM: "0",
    positionIM: num(p.margin),
    tpslMode: "Full",
    takeProfit: "0",
    stopLoss: "0",
    trailingStop: "0",
    sessionAvgPrice: "",
    unrealisedPnl: num(p.unrealizedPnl),
    curRealisedPnl: num(BigDecimal.sum(p.realizedPnl, p.funding)),
    cumRealisedPnl: num(BigDecimal.sum(p.realizedPnl, p.funding)),
    isReduceOnly: false,
    mmrSysUpdatedTime: "",
    leverageSysUpdatedTime: "",
    createdTime: String(p.updatedAt),
    updatedTime: String(p.updatedAt),
    seq: ctx.engine.updateId(p.symbol) ?? -1
  }
}

/**
 * The UNIFIED wallet as `/v5/account/wallet-balance` (and the private `wallet` topic) writes it.
 * @since 0.1.0
 */
export const renderWallet = (engine: Engine, account: string, coinFilter?: ReadonlyArray<string>) => {
  const zero = BigDecimal.fromBigInt(0n)
  const sum = (ds: ReadonlyArray<Decimal>) => ds.reduce((a, d) => BigDecimal.sum(a, d), zero)
  const positions = engine.positions(account)
  const settleOf = (symbol: string) => {
    const i = engine.instrument(symbol)
    return i?.kind === "perp" ? i.settle : undefined
  }
  // The engine locks one amount per asset; UNIFIED splits it: `locked` (spot open orders),
  // `totalOrderIM` (linear open orders' margin), `totalPositionIM` (positions' margin).
  const coins = engine.balances(account)
    .filter((b) => coinFilter === undefined || coinFilter.includes(b.asset))
    .map((b) => {
      const total = BigDecimal.sum(b.free, b.locked)
      const held = positions.filter((p) => settleOf(p.symbol) === b.asset)
      const orderIM = sum(
        engine.openOrders(account).filter((o) => settleOf(o.symbol) === b.asset).map((o) => o.locked)
      )
      const positionIM = sum(held.map((p) => p.margin))
      const upl = sum(held.map((p) => p.unrealizedPnl))
      const spotLocked = BigDecimal.max(zero, BigDecimal.subtract(b.locked, BigDecimal.sum(orderIM, positionIM)))
      return {
        coin: b.asset,
        equity: num(BigDecimal.sum(total, upl)),
        usdValue: "",
        walletBalance: num(total),
        free: "",
        locked: num(spotLocked),
        spotHedgingQty: "0",
        borrowAmount: "0",
        availableToWithdraw: "",
        accruedInterest: "0",
        totalOrderIM: num(orderIM),
        totalPositionIM: num(positionIM),
        totalPositionMM: "0",
        unrealisedPnl: num(upl),
        cumRealisedPnl: num(sum(held.map((p) => BigDecimal.sum(p.realizedPnl, p.funding)))),
        bonus: "0",
        marginCollateral: true,
        collateralSwitch: true,
        availableToBorrow: ""
      }
    })
  return {
    list: [{
      accountType: "UNIFIED",
      accountIMRate: "0",
      accountMMRate: "0",
      totalEquity: "",
      totalWalletBalance: "",
      totalMarginBalance: "",
      totalAvailableBalance: "",
      totalPerpUPL: "0",
      totalInitialMargin: "0",
      totalMaintenanceMargin: "0",
      accountLTV: "0",
      coin: coins
    }]
  }
}

/** A UUID-shaped execution id, unique across symbols, the same for every rendering of a fill. */
const executionId = (fill: Fill) => {
  const h = createHash("sha256").update(`${fill.symbol}:${fill.tradeId}:${fill.accountId}`).digest("hex")
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/**
 * One account's execution as `/v5/execution/list` (and, with `category`, the private `execution`
 * topic) writes it. `feeCurrency` is the asset the engine charged.
 * https://bybit-exchange.github.io/docs/v5/order/execution (checked 2026-12-06)
 * https://bybit-exchange.github.io/docs/v5/websocket/private/execution
 * @since 0.1.0
 */
export const renderExecution = (engine: Engine, fill: Fill) => {
  const i = engine.instrument(fill.symbol)
  const order = engine.orders(fill.accountId).find((o) => o.orderId === fill.orderId)
  return {
    symbol: i === undefined ? fill.symbol : wireSymbol(i),
    orderId: String(fill.orderId),
    orderLinkId: order === undefined ? "" : linkOf(order),
    side: fill.side === "buy" ? "Buy" : "Sell",
    orderPrice: order?.price === undefined ? "0" : num(order.price),
    orderQty: order === undefined ? "0" : num(order.quantity),
    leavesQty: order === undefined ? "0" : num(BigDecimal.subtract(order.quantity, order.executedQuantity)),
    createType: "CreateByUser",
    orderType: order?.type === "market" ? "Market" : "Limit",
    stopOrderType: "",
    execFee: num(fill.commission),
    execId: executionId(fill),
    execPrice: num(fill.price),
    execQty: num(fill.quantity),
    execPnl: "0",
    execType: "Trade",
    execValue: num(fill.quote),
    execTime: String(fill.time),
    isMaker: fill.maker,
    feeRate: num(fill.maker ? engine.makerFee : engine.takerFee),
    feeCurrency: fill.commissionAsset,
    tradeIv: "",
    markIv: "",
    markPrice: "",
    indexPrice: "",
    underlyingPrice: "",
    blockTradeId: "",
    closedSize: "",
    seq: engine.updateId(fill.symbol) ?? 0
  }
}

/**
 * A batch endpoint: each item of the request's list through `one`; `result.list` has `entry` per
 * item, `retExtInfo.list` its `{code, msg}`.
 */
const batch = <A>(
  one: (ctx: RouteContext, item: Readonly<Record<string, unknown>>, c: Category) => Either.Either<A, BybitError>,
  entry: (c: Category, item: Readonly<Record<string, unknown>>, r: Either.Either<A, BybitError>, now: number) => unknown
) =>
(ctx: RouteContext) =>
  Either.gen(function*() {
    const c = yield* categoryOf(ctx.body)
    const results = (yield* requestList(ctx, batchLimit(c))).map((item) => [item, one(ctx, item, c)] as const)
    ctx.ext.value = {
      list: results.map(([, r]) => Either.isRight(r) ? { code: 0, msg: "OK" } : { code: r.left.code, msg: r.left.msg })
    }
    return { list: results.map(([item, r]) => entry(c, item, r, ctx.now)) }
  })

/**
 * The signed routes.
 * @since 0.1.0
 */
export const tradingRoutes: ReadonlyArray<Route> = [
  route(
    "POST",
    "/v5/order/create",
    "trade",
    (ctx) => Either.flatMap(categoryOf(ctx.body), (c) => place(ctx, ctx.body, c))
  ),
  route(
    "POST",
    "/v5/order/create-batch",
    "trade",
    batch(place, (c, item, r, now) =>
      Either.isRight(r)
        ? { category: c, symbol: str(item, "symbol"), ...r.right, createAt: String(now) }
        : {
          category: c,
          symbol: str(item, "symbol") ?? "",
          orderId: "",
          orderLinkId: str(item, "orderLinkId") ?? "",
          createAt: ""
        })
  ),
  route("POST", "/v5/order/amend", "trade", (ctx) =>
    Either.gen(function*() {
      const c = yield* categoryOf(ctx.body)
      const i = yield* instrumentOf(ctx, ctx.body, c)
      const found = findOrder(ctx, ctx.body, c, i.symbol)
      const order = found?.venue === undefined ? found?.order : undefined
      if (order === undefined || (order.status !== "new" && order.status !== "partially_filled")) {
        return yield* Either.left(rejection(c, { _tag: "UnknownOrder" }))
      }
      const qty = yield* decimalField(ctx.body, "qty")
      const price = yield* decimalField(ctx.body, "price")
      if (qty === undefined && price === undefined) return yield* Either.left(Errors.params("nothing to amend"))
      // The engine's amend keeps the order id (as Bybit does) and requeues the order.
      const amended = yield* Either.mapLeft(
        ctx.engine.amendOrder(ctx.key!.accountId, i.symbol, { orderId: order.orderId }, {
          price,
          quantity: qty
        }),
        (r) => rejection(c, r)
      )
      return { orderId: String(amended.order.orderId), orderLinkId: linkOf(amended.order) }
    })),
  route(
    "POST",
    "/v5/order/cancel",
    "trade",
    (ctx) => Either.flatMap(categoryOf(ctx.body), (c) => cancel(ctx, ctx.body, c))
  ),
  route(
    "POST",
    "/v5/order/cancel-batch",
    "trade",
    batch(cancel, (c, item, r) => ({
      category: c,
      symbol: str(item, "symbol") ?? "",
      ...(Either.isRight(r)
        ? r.right
        : { orderId: str(item, "orderId") ?? "", orderLinkId: str(item, "orderLinkId") ?? "" })
    }))
  ),
  route("POST", "/v5/order/cancel-all", "trade", (ctx) =>
    Either.gen(function*() {
      const c = yield* categoryOf(ctx.body)
      const settle = str(ctx.body, "settleCoin")
      const base = str(ctx.body, "baseCoin")
      const symbols = str(ctx.body, "symbol") !== undefined
        ? [(yield* instrumentOf(ctx, ctx.body, c)).symbol]
        : c === "linear" && (settle !== undefined || base !== undefined)
        ? ctx.engine.perpetuals.filter((i) =>
          (settle === undefined || i.settle === settle) && (base === undefined || i.base === base)
        ).map((i) => i.symbol)
        : c === "spot"
        ? ctx.engine.instruments.map((i) => i.symbol)
        : yield* Either.left(Errors.params("symbol, baseCoin or settleCoin is required"))
      const canceled = symbols.flatMap((s) => ctx.engine.cancelAll(ctx.key!.accountId, s))
      return {
        list: canceled.map((o) => ({ orderId: String(o.orderId), orderLinkId: linkOf(o) })),
        success: "1"
      }
    })),
  route("GET", "/v5/order/realtime", "signed", (ctx) =>
    Either.gen(function*() {
      const q = Object.fromEntries(ctx.params)
      const c = yield* categoryOf(q)
      const symbol = q.symbol
      const instrument = symbol === undefined ? undefined : yield* instrumentOf(ctx, q, c)
      if (c === "linear" && symbol === undefined && q.settleCoin === undefined && q.baseCoin === undefined) {
        return yield* Either.left(Errors.params("symbol, baseCoin or settleCoin is required"))
      }
      if (q.orderId !== undefined || q.orderLinkId !== undefined) {
        const found = findOrder(ctx, q, c, instrument?.symbol)
        return { category: c, list: found === undefined ? [] : [render(ctx, found, c)], nextPageCursor: "" }
      }
      const open = ctx.engine.openOrders(ctx.key!.accountId, instrument?.symbol).filter((o) => {
        const i = ctx.engine.instrument(o.symbol)
        return i !== undefined && (i.kind === "spot") === (c === "spot") &&
          (q.settleCoin === undefined || (i.kind === "perp" && i.settle === q.settleCoin)) &&
          (q.baseCoin === undefined || i.base === q.baseCoin)
      })
      return { category: c, ...newestFirst(open, q, 50, 20, (o) => render(ctx, { order: o }, c)) }
    })),
  // https://bybit-exchange.github.io/docs/v5/order/order-list: orders in every state, newest first;
  // `startTime` alone: 7 days from it (both absent: the last 7 days); limit [1, 50], default 20.
  route("GET", "/v5/order/history", "signed", (ctx) =>
    Either.gen(function*() {
      const { c, from, instrument, q, to } = yield* historyOf(ctx)
      const orders = ctx.engine.orders(ctx.key!.accountId).filter((o) =>
        inCategory(ctx, o.symbol, c) && o.createdAt >= from && o.createdAt <= to &&
        (instrument === undefined || o.symbol === instrument.symbol)
      )
      return { category: c, ...newestFirst(orders, q, 50, 20, (o) => render(ctx, { order: o }, c)) }
    })),
  route("GET", "/v5/execution/list", "signed", (ctx) =>
    Either.gen(function*() {
      const { c, from, instrument, q, to } = yield* historyOf(ctx)
      const fills = ctx.engine.fills(ctx.key!.accountId, instrument?.symbol).filter((f) =>
        inCategory(ctx, f.symbol, c) && f.time >= from && f.time <= to &&
        (q.orderId === undefined || String(f.orderId) === q.orderId)
      )
      return { category: c, ...newestFirst(fills, q, 100, 50, (f) => renderExecution(ctx.engine, f)) }
    })),
  route("GET", "/v5/account/wallet-balance", "signed", (ctx) =>
    Either.gen(function*() {
      const accountType = ctx.params.get("accountType")
      if (accountType !== "UNIFIED") return yield* Either.left(Errors.params("accountType only support UNIFIED"))
      return renderWallet(ctx.engine, ctx.key!.accountId, ctx.params.get("coin")?.split(","))
    })),
  route("GET", "/v5/position/list", "signed", (ctx) =>
    Either.gen(function*() {
      const q = Object.fromEntries(ctx.params)
      const c = yield* categoryOf(q)
      if (c !== "linear") {
        return yield* Either.left(Errors.params("category only support linear or inverse or option"))
      }
      if (q.symbol === undefined && q.settleCoin === undefined && q.baseCoin === undefined) {
        return yield* Either.left(Errors.params("symbol or settleCoin is required"))
      }
      const account = ctx.key!.accountId
      // With `symbol`: that position even when flat; with `settleCoin`: the non-empty ones.
      const list = q.symbol !== undefined
        ? [ctx.engine.position(account, (yield* instrumentOf(ctx, q, c)).symbol)!]
        : ctx.engine.positions(account).filter((p) => {
          const i = ctx.engine.instrument(p.symbol)
          return i?.kind === "perp" && !BigDecimal.isZero(p.size) &&
            (q.settleCoin === undefined || i.settle === q.settleCoin) &&
            (q.baseCoin === undefined || i.base === q.baseCoin)
        })
      return {
        category: c,
        list: list.map((p) => renderPosition(ctx, p)),
        nextPageCursor: ""
      }
    })),
  route("GET", "/v5/user/query-api", "signed", (ctx) => {
    const key = ctx.key!
    return Either.right({
      id: String(ctx.engine.ledger.keys.size),
      note: "sandbox",
      apiKey: key.key,
      readOnly: key.permissions.trade ? 0 : 1,
      secret: "",
      permissions: {
        ContractTrade: key.permissions.trade ? ["Order", "Position"] : [],
        Spot: key.permissions.trade ? ["SpotTrade"] : [],
        Wallet: key.permissions.withdraw ? ["AccountTransfer", "Withdraw"] : ["AccountTransfer"],
        Options: [],
        // "Unified account has this permission by default" (the sandbox's accounts are UTA).
        Derivatives: ["DerivativesTrade"],
        Earn: [],
        CopyTrading: [],
        BlockTrade: [],
        Exchange: [],
        NFT: [],
        Affiliate: []
      },
      ips: ["*"],
      type: 1,
      deadlineDay: -1,
      expiredAt: "",
      createdAt: new Date(ctx.engine.ledger.accounts.get(key.accountId)?.createdAt ?? ctx.now).toISOString(),
      unified: 0,
      uta: 1,
      userID: Number.parseInt(key.accountId.replace(/\D/g, ""), 10) + 100_000_000,
      inviterID: 0,
      vipLevel: "No VIP",
      mktMakerLevel: "0",
      affiliateID: 0,
      rsaPublicKey: "",
      isMaster: true,
      parentUid: "0",
      kycLevel: "LEVEL_DEFAULT",
      kycRegion: ""
    })
  })
]
