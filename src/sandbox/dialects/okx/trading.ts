/**
 * OKX v5 signed endpoints of the dialect: place (`/trade/order`, `/trade/batch-orders`), cancel
 * (`/trade/cancel-order`, `/trade/cancel-batch-orders`), amend, order details, pending orders, and
 * the account's balance, positions and configuration.
 *
 * Sizes: SWAP `sz` is in contracts of `ctVal`, turned into the engine's base units (a size that is
 * not a whole number of `lotSz` contracts: 51121). `tdMode` must be `cash` for SPOT and `cross` or
 * `isolated` for SWAP. The account is in net mode (`posSide` `net` or absent). `ordType`: `limit`,
 * `market`, `post_only`, `ioc`, `fok`; a SPOT market buy is sized in the quote currency unless
 * `tgtCcy: base_ccy`. A post-only order that would take liquidity is accepted and then cancelled
 * (`state: canceled`, `cancelSource: "31"`).
 *
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-multiple-orders
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-order
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-multiple-orders
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-amend-order
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-list
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-history-last-7-days
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-days
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-months
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { isMultipleOf, parse as parseDecimal } from "../../../model/Decimal.js"
import type { Engine, Position } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import { lockAssetOf } from "../../engine/Instrument.js"
import type { Balance } from "../../engine/Ledger.js"
import type { Fill, Order, PlaceOrder, Rejection } from "../../engine/Order.js"
import { venueCanceled } from "../kit/VenueCanceled.js"
import type { OkxError } from "./errors.js"
import * as Errors from "./errors.js"
import { contractValue, fromWire, instId, instType, instTypeParam, listed, num, resolve, toWire } from "./marketData.js"
import type { Route, RouteAnswer, RouteContext } from "./Route.js"
import { route } from "./Route.js"
import type { DialectState } from "./state.js"

type Item = readonly [sCode: string, sMsg: string]
type Fields = Readonly<Record<string, unknown>>
const CL_ORD_ID = /^[A-Za-z0-9]{1,32}$/
const BATCH_MAX = 20

const str = (o: Fields, name: string): string | undefined => {
  const v = o[name]
  return typeof v === "string" ? v : undefined
}

const decimal = (o: Fields, name: string): Either.Either<Decimal | undefined, Item> => {
  const v = o[name]
  if (v === undefined || v === "") return Either.right(undefined)
  if (typeof v !== "string" || !/^\d+(\.\d+)?$/.test(v)) return Either.left(Errors.item.param(name))
  return Either.mapLeft(parseDecimal(v), () => Errors.item.param(name))
}

const instrumentOf = (ctx: RouteContext, o: Fields): Either.Either<Instrument, Item> => {
  const id = str(o, "instId")
  if (id === undefined || id === "") return Either.left(Errors.item.param("instId"))
  const i = resolve(ctx.engine, id)
  return i === undefined ? Either.left(Errors.item.instrument) : Either.right(i)
}

/** Engine rejections → OKX item codes. */
const rejection = (i: Instrument, side: "buy" | "sell", r: Rejection, op: "place" | "cancel" | "amend"): Item => {
  switch (r._tag) {
    case "InsufficientBalance":
      return Errors.item.insufficient(lockAssetOf(i, side))
    case "DuplicateClientOrderId":
      return Errors.item.duplicate
    case "UnknownOrder":
      return op === "amend" ? Errors.item.amendNotExist : Errors.item.cancelled
    case "MarketClosed":
      return Errors.item.suspended
    case "UnknownSymbol":
      return Errors.item.instrument
    case "NoLiquidity":
      return Errors.item.noLiquidity
    case "ReduceOnlyRejected":
      return Errors.item.reduceOnly
    case "UnknownAccount":
      return ["50114", "Invalid authorization"]
    case "WouldTake":
      return Errors.item.price
    case "FilterFailure":
      return r.filter === "PRICE_FILTER"
        ? Errors.item.param("px")
        : r.filter === "LOT_SIZE"
        ? Errors.item.lotSize
        : Errors.item.minSize
  }
}

/** Decodes one placement. */
const decodePlace = (
  ctx: RouteContext,
  o: Fields
): Either.Either<{ i: Instrument; request: PlaceOrder; given: string | undefined }, Item> =>
  Either.gen(function*() {
    const i = yield* instrumentOf(ctx, o)
    const side = str(o, "side")
    if (side !== "buy" && side !== "sell") return yield* Either.left(Errors.item.param("side"))
    const tdMode = str(o, "tdMode")
    if (tdMode === undefined) return yield* Either.left(Errors.item.param("tdMode"))
    if (i.kind === "spot" ? tdMode !== "cash" : tdMode !== "cross" && tdMode !== "isolated") {
      return yield* Either.left(Errors.item.param("tdMode"))
    }
    const posSide = str(o, "posSide")
    if (posSide !== undefined && posSide !== "" && posSide !== "net") {
      return yield* Either.left(Errors.item.param("posSide"))
    }
    const ordType = str(o, "ordType")
    if (ordType === undefined || !["limit", "market", "post_only", "ioc", "fok"].includes(ordType)) {
      return yield* Either.left(Errors.item.param("ordType"))
    }
    const sz = yield* decimal(o, "sz")
    if (sz === undefined || !BigDecimal.isPositive(sz)) return yield* Either.left(Errors.item.param("sz"))
    const px = yield* decimal(o, "px")
    if (ordType !== "market" && px === undefined) return yield* Either.left(Errors.item.param("px"))
    const lot = toWire(i, i.lotStep)
    if (i.kind === "perp" && !isMultipleOf(sz, lot)) return yield* Either.left(Errors.item.lotSize)
    const reduceOnly = o.reduceOnly
    if (
      reduceOnly !== undefined && typeof reduceOnly !== "boolean" && reduceOnly !== "true" && reduceOnly !== "false"
    ) {
      return yield* Either.left(Errors.item.param("reduceOnly"))
    }
    const reduce = reduceOnly === true || reduceOnly === "true"
    if (reduce && i.kind === "spot") return yield* Either.left(Errors.item.reduceOnly)
    const given = str(o, "clOrdId")
    if (given !== undefined && given !== "" && !CL_ORD_ID.test(given)) {
      return yield* Either.left(Errors.item.param("clOrdId"))
    }
    const tgtCcy = str(o, "tgtCcy") ?? (side === "buy" ? "quote_ccy" : "base_ccy")
    if (tgtCcy !== "base_ccy" && tgtCcy !== "quote_ccy") return yield* Either.left(Errors.item.param("tgtCcy"))
    const quoteSized = i.kind === "spot" && ordType === "market" && tgtCcy === "quote_ccy"
    const clientOrderId = given === undefined || given === "" ? `sb${ctx.random.string(24)}` : given
    if (given === undefined || given === "") ctx.state.madeUpIds.add(clientOrderId)
    return {
      i,
      given,
      request: {
        symbol: i.symbol,
        side,
        type: ordType === "market" ? "market" : "limit",
        timeInForce: ordType === "ioc" || ordType === "market" ? "IOC" : ordType === "fok" ? "FOK" : "GTC",
        ...(quoteSized ? { quoteQuantity: sz } : { quantity: fromWire(i, sz) }),
        price: ordType === "market" ? undefined : px,
        postOnly: ordType === "post_only",
        clientOrderId,
        ...(reduce ? { reduceOnly: true } : {})
      } satisfies PlaceOrder
    }
  })

const itemOk = (ctx: RouteContext, ordId: string, clOrdId: string, msg = "") => ({
  ordId,
  clOrdId: ctx.state.madeUpIds.has(clOrdId) ? "" : clOrdId,
  tag: "",
  ts: String(ctx.now),
  sCode: "0",
  sMsg: msg
})
const itemFail = (ctx: RouteContext, clOrdId: string | undefined, [sCode, sMsg]: Item) => ({
  ordId: "",
  clOrdId: clOrdId ?? "",
  tag: "",
  ts: String(ctx.now),
  sCode,
  sMsg
})

const placeOne = (ctx: RouteContext, o: Fields) => {
  const decoded = decodePlace(ctx, o)
  if (Either.isLeft(decoded)) return itemFail(ctx, str(o, "clOrdId"), decoded.left)
  const { given, i, request } = decoded.right
  const result = ctx.engine.placeOrder(ctx.key!.accountId, request)
  if (Either.isLeft(result)) {
    if (result.left._tag === "WouldTake") return venueCancel(ctx, request)
    return itemFail(ctx, given, rejection(i, request.side, result.left, "place"))
  }
  return itemOk(ctx, String(result.right.order.orderId), result.right.order.clientOrderId, "Order placed")
}

/** A post-only order that would take: accepted, then cancelled by the venue (`cancelSource` 31). */
const venueCancel = (ctx: RouteContext, request: PlaceOrder) => {
  const ordId = `9${ctx.random.string(17, "0123456789")}`
  const order = venueCanceled(ctx.key!.accountId, request, ctx.now)
  ctx.state.venueCancelled.push({ ordId, order, cancelSource: "31" })
  return itemOk(ctx, ordId, request.clientOrderId, "Order placed")
}

/** The answer of a single-order operation: `code` "1" with the item when it failed. */
const single = (item: { sCode: string }): RouteAnswer =>
  item.sCode === "0" ? { data: [item] } : { data: [item], code: "1", msg: "All operations failed" }

/** The answer of a batch: "0" all succeeded, "1" all failed, "2" partly. */
const batch = (items: ReadonlyArray<{ sCode: string }>): RouteAnswer => {
  const failed = items.filter((x) => x.sCode !== "0").length
  return failed === 0
    ? { data: items }
    : failed === items.length
    ? { data: items, code: "1", msg: "All operations failed" }
    : { data: items, code: "2", msg: "Bulk operation partially succeeded" }
}

const objectBody = (ctx: RouteContext): Either.Either<Fields, OkxError> =>
  typeof ctx.body === "object" && ctx.body !== null && !Array.isArray(ctx.body)
    ? Either.right(ctx.body as Fields)
    : Either.left(Errors.jsonSyntax)

const arrayBody = (ctx: RouteContext): Either.Either<ReadonlyArray<Fields>, OkxError> => {
  if (!Array.isArray(ctx.body) || ctx.body.some((x) => typeof x !== "object" || x === null)) {
    return Either.left(Errors.jsonSyntax)
  }
  if (ctx.body.length === 0) return Either.left(Errors.empty("data"))
  if (ctx.body.length > BATCH_MAX) {
    return Either.left(Errors.error("51111", `Maximum ${BATCH_MAX} orders can be placed in bulk`))
  }
  return Either.right(ctx.body as ReadonlyArray<Fields>)
}

/** An order found by `ordId` or `clOrdId` (the venue-cancelled ones too). */
const find = (
  ctx: RouteContext,
  i: Instrument,
  o: Fields
): { order: Order; ordId: string; cancelSource?: string } | undefined => {
  const ordId = str(o, "ordId")
  const clOrdId = str(o, "clOrdId")
  const id = ordId !== undefined && /^\d{1,15}$/.test(ordId) ? Number.parseInt(ordId, 10) : undefined
  const ref = id !== undefined
    ? { orderId: id }
    : ordId === undefined && clOrdId !== undefined
    ? { clientOrderId: clOrdId }
    : undefined
  if (ref !== undefined) {
    const found = ctx.engine.findOrder(ctx.key!.accountId, i.symbol, ref)
    if (found !== undefined) return { order: found, ordId: String(found.orderId) }
  }
  const venue = ctx.state.findCancelled(ctx.key!.accountId, i.symbol, ordId, clOrdId)
  return venue === undefined ? undefined : { order: venue.order, ordId: venue.ordId, cancelSource: venue.cancelSource }
}

const cancelOne = (ctx: RouteContext, o: Fields) => {
  const i = instrumentOf(ctx, o)
  if (Either.isLeft(i)) return itemFail(ctx, str(o, "clOrdId"), i.left)
  if (str(o, "ordId") === undefined && str(o, "clOrdId") === undefined) {
    return itemFail(ctx, undefined, ["51003", "Either client order ID or order ID is required."])
  }
  const found = find(ctx, i.right, o)
  if (found === undefined || found.cancelSource !== undefined) {
    return itemFail(ctx, str(o, "clOrdId"), Errors.item.cancelled)
  }
  const canceled = ctx.engine.cancelOrder(ctx.key!.accountId, i.right.symbol, { orderId: found.order.orderId })
  return Either.isLeft(canceled)
    ? itemFail(ctx, str(o, "clOrdId"), rejection(i.right, found.order.side, canceled.left, "cancel"))
    : itemOk(ctx, String(canceled.right.orderId), canceled.right.clientOrderId)
}

/**
 * An order as `/trade/order` and `/trade/orders-pending` write it.
 * @since 0.1.0
 */
export const renderOrder = (
  ctx: { readonly state: DialectState; readonly engine: Engine },
  i: Instrument,
  order: Order,
  ordId: string,
  cancelSource = ""
) => {
  const ordType = order.type === "market"
    ? "market"
    : order.postOnly
    ? "post_only"
    : order.timeInForce === "IOC"
    ? "ioc"
    : order.timeInForce === "FOK"
    ? "fok"
    : "limit"
  const state = order.status === "new"
    ? "live"
    : order.status === "partially_filled" || order.status === "filled"
    ? order.status
    : "canceled"
  const filled = order.executedQuantity
  const avg = BigDecimal.isZero(filled) ? undefined : BigDecimal.unsafeDivide(order.cumulativeQuote, filled)
  const quoteSized = order.quoteQuantity !== undefined
  const fills = order.orderId === 0
    ? []
    : ctx.engine.fills(order.accountId, order.symbol).filter((f) => f.orderId === order.orderId)
  return {
    instType: instType(i),
    instId: instId(i),
    tgtCcy: i.kind === "spot" && order.type === "market" ? (quoteSized ? "quote_ccy" : "base_ccy") : "",
    ccy: "",
    ordId,
    clOrdId: ctx.state.madeUpIds.has(order.clientOrderId) ? "" : order.clientOrderId,
    tag: "",
    px: order.price === undefined ? "" : num(order.price),
    pxUsd: "",
    pxVol: "",
    pxType: "",
    sz: num(quoteSized ? order.quoteQuantity! : toWire(i, order.quantity)),
    pnl: "0",
    ordType,
    side: order.side,
    posSide: i.kind === "perp" ? "net" : "",
    tdMode: i.kind === "perp" ? "cross" : "cash",
    accFillSz: num(toWire(i, filled)),
    fillPx: "",
    tradeId: "",
    fillSz: "0",
    fillTime: "",
    avgPx: avg === undefined ? "" : num(avg),
    state,
    lever: i.kind === "perp" ? "20" : "",
    attachAlgoClOrdId: "",
    tpTriggerPx: "",
    tpTriggerPxType: "",
    tpOrdPx: "",
    slTriggerPx: "",
    slTriggerPxType: "",
    slOrdPx: "",
    stpId: "",
    stpMode: "cancel_maker",
    feeCcy: fills[0]?.commissionAsset ?? (i.kind === "perp" ? i.settle : order.side === "buy" ? i.base : i.quote),
    fee: num(BigDecimal.negate(fills.reduce((sum, f) => BigDecimal.sum(sum, f.commission), BigDecimal.fromBigInt(0n)))),
    rebateCcy: "",
    rebate: "0",
    source: "",
    category: "normal",
    reduceOnly: order.reduceOnly ? "true" : "false",
    isTpLimit: "false",
    cancelSource,
    cancelSourceReason: cancelSource === "31" ? "The post-only order will take liquidity in taker orders" : "",
    quickMgnType: "",
    algoClOrdId: "",
    algoId: "",
    uTime: String(order.updatedAt),
    cTime: String(order.createdAt)
  }
}

/**
 * The account's OKX user id (`uid` of `/account/config` and of the private channels' `arg`).
 * @since 0.1.0
 */
export const uidOf = (accountId: string): string => accountId.replace(/\D/g, "") || "1"

/**
 * One currency of `/account/balance` and of the `account` channel: `cashBal` = `eq` the total,
 * `availBal` = `availEq` what is free, `frozenBal` = `ordFrozen` what orders and positions hold.
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-account-channel
 * @since 0.1.0
 */
export const balanceDetail = (b: Balance, now: number) => {
  const cash = BigDecimal.sum(b.free, b.locked)
  return {
    ccy: b.asset,
    eq: num(cash),
    cashBal: num(cash),
    availBal: num(b.free),
    availEq: num(b.free),
    frozenBal: num(b.locked),
    ordFrozen: num(b.locked),
    upl: "0",
    uTime: String(now)
  }
}

/**
 * The account around its currencies (account-level figures in USD are not simulated: `""`).
 * @since 0.1.0
 */
export const accountRow = (details: ReadonlyArray<ReturnType<typeof balanceDetail>>, now: number) => ({
  totalEq: "",
  adjEq: "",
  imr: "",
  mmr: "",
  notionalUsd: "",
  uTime: String(now),
  details
})

/**
 * A SWAP position of `/account/positions` and of the `positions` channel: `pos` in contracts,
 * signed (net mode); `"0"` once closed.
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-positions-channel
 * @since 0.1.0
 */
export const positionRow = (i: Instrument, p: Position) => ({
  instType: "SWAP",
  instId: instId(i),
  mgnMode: "cross",
  posId: String(p.updatedAt),
  posSide: "net",
  pos: num(toWire(i, p.size)),
  posCcy: "",
  availPos: num(toWire(i, BigDecimal.abs(p.size))),
  avgPx: BigDecimal.isZero(p.size) ? "" : num(p.entryPrice),
  markPx: num(p.markPrice),
  upl: num(p.unrealizedPnl),
  lever: String(p.leverage),
  liqPx: "",
  imr: num(p.margin),
  margin: "",
  mmr: "0",
  notionalUsd: num(p.notional),
  ccy: i.kind === "perp" ? i.settle : "",
  ctVal: num(contractValue(i)),
  cTime: String(p.updatedAt),
  uTime: String(p.updatedAt)
})

/**
 * A fill of `/trade/fills` and `/trade/fills-history`: `fillSz` in contracts for SWAP, `fee`
 * negative when charged, `execType` `M`/`T`; `billId` is the fill's place in the account's
 * history (what `after`/`before` page by).
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-days
 * @since 0.1.0
 */
export const fillRow = (
  ctx: { readonly state: DialectState },
  i: Instrument,
  f: Fill,
  billId: number,
  order?: Order
) => ({
  instType: instType(i),
  instId: instId(i),
  tradeId: String(f.tradeId),
  ordId: String(f.orderId),
  clOrdId: order === undefined || ctx.state.madeUpIds.has(order.clientOrderId) ? "" : order.clientOrderId,
  billId: String(billId),
  subType: i.kind === "perp" ? "" : f.side === "buy" ? "1" : "2",
  tag: "",
  fillPx: num(f.price),
  fillSz: num(toWire(i, f.quantity)),
  fillIdxPx: "",
  fillPnl: "0",
  fillPxVol: "",
  fillPxUsd: "",
  fillMarkVol: "",
  fillFwdPx: "",
  fillMarkPx: "",
  side: f.side,
  posSide: i.kind === "perp" ? "net" : "",
  execType: f.maker ? "M" : "T",
  feeCcy: f.commissionAsset,
  fee: num(BigDecimal.negate(f.commission)),
  ts: String(f.time),
  fillTime: String(f.time),
  feeRate: "",
  tradeQuoteCcy: i.kind === "spot" ? i.quote : ""
})

/** The account's fills of `/trade/fills` (`history`: `/trade/fills-history`), newest first. */
const fillsRoute = (path: string, history: boolean, requests: number): Route =>
  route("GET", path, "signed", [requests, "user"], (ctx) =>
    Either.gen(function*() {
      const q = (name: string) => {
        const v = ctx.params.get(name)
        return v === undefined || v === "" ? undefined : v
      }
      const t = q("instType")
      if (history && t === undefined) return yield* Either.left(Errors.empty("instType"))
      const numeric = (name: string) =>
        Either.gen(function*() {
          const v = q(name)
          if (v === undefined) return undefined
          if (!/^\d{1,16}$/.test(v)) return yield* Either.left(Errors.error("51000", `Parameter ${name} error`))
          return Number.parseInt(v, 10)
        })
      const after = yield* numeric("after")
      const before = yield* numeric("before")
      const begin = yield* numeric("begin")
      const end = yield* numeric("end")
      const limit = Math.min(100, (yield* numeric("limit")) ?? 100)
      const id = q("instId")
      const ordId = q("ordId")
      const orders = ctx.engine.orders(ctx.key!.accountId)
      const rows: Array<ReturnType<typeof fillRow>> = []
      const all = ctx.engine.fills(ctx.key!.accountId)
      for (let k = all.length - 1; k >= 0 && rows.length < limit; k--) {
        const f = all[k]!
        const billId = k + 1
        const i = ctx.engine.instrument(f.symbol)
        if (i === undefined) continue
        if (t !== undefined && instType(i) !== t) continue
        if (id !== undefined && instId(i) !== id) continue
        if (ordId !== undefined && String(f.orderId) !== ordId) continue
        if (after !== undefined && billId >= after) continue
        if (before !== undefined && billId <= before) continue
        if (begin !== undefined && f.time < begin) continue
        if (end !== undefined && f.time > end) continue
        rows.push(fillRow(ctx, i, f, billId, orders.find((o) => o.orderId === f.orderId)))
      }
      return rows
    }))

/**
 * `/trade/orders-history`: the account's finished orders (`filled`, `canceled`) of one instrument
 * type, newest first; `begin`/`end` filter on `cTime`, `after`/`before` page by `ordId`, `limit`
 * ≤ 100.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-history-last-7-days
 */
const ordersHistoryRoute: Route = route(
  "GET",
  "/api/v5/trade/orders-history",
  "signed",
  [40, "user"],
  (ctx) =>
    Either.gen(function*() {
      const t = yield* instTypeParam(ctx, true)
      const q = (name: string) => {
        const v = ctx.params.get(name)
        if (v === undefined || v === "") return Either.right(undefined)
        return /^\d{1,19}$/.test(v) ? Either.right(Number.parseInt(v, 10)) : Either.left(Errors.param(name))
      }
      const after = yield* q("after")
      const before = yield* q("before")
      const begin = yield* q("begin")
      const end = yield* q("end")
      const limit = Math.min(100, (yield* q("limit")) ?? 100)
      const id = ctx.params.get("instId")
      const state = ctx.params.get("state")
      return ctx.engine.orders(ctx.key!.accountId)
        .flatMap((o) => {
          const i = ctx.engine.instrument(o.symbol)
          if (i === undefined || instType(i) !== t || (id !== undefined && id !== "" && instId(i) !== id)) return []
          if (o.status === "new" || o.status === "partially_filled") return []
          if (after !== undefined && o.orderId >= after) return []
          if (before !== undefined && o.orderId <= before) return []
          if ((begin !== undefined && o.createdAt < begin) || (end !== undefined && o.createdAt > end)) return []
          const row = renderOrder(ctx, i, o, String(o.orderId))
          return state === undefined || state === "" || state === row.state ? [{ id: o.orderId, row }] : []
        })
        .sort((a, b) => b.id - a.id)
        .slice(0, limit)
        .map((x) => x.row)
    })
)

const trade = [60, "instrument"] as const
const batchTrade = [300, "instrument"] as const

/**
 * The signed routes.
 * @since 0.1.0
 */
export const tradingRoutes: ReadonlyArray<Route> = [
  fillsRoute("/api/v5/trade/fills", false, 60),
  ordersHistoryRoute,
  fillsRoute("/api/v5/trade/fills-history", true, 10),
  route(
    "POST",
    "/api/v5/trade/order",
    "trade",
    trade,
    (ctx) => Either.map(objectBody(ctx), (o) => single(placeOne(ctx, o)))
  ),
  route(
    "POST",
    "/api/v5/trade/batch-orders",
    "trade",
    batchTrade,
    (ctx) => Either.map(arrayBody(ctx), (list) => batch(list.map((o) => placeOne(ctx, o))))
  ),
  route(
    "POST",
    "/api/v5/trade/cancel-order",
    "trade",
    trade,
    (ctx) => Either.map(objectBody(ctx), (o) => single(cancelOne(ctx, o)))
  ),
  route(
    "POST",
    "/api/v5/trade/cancel-batch-orders",
    "trade",
    batchTrade,
    (ctx) => Either.map(arrayBody(ctx), (list) => batch(list.map((o) => cancelOne(ctx, o))))
  ),
  route("POST", "/api/v5/trade/amend-order", "trade", trade, (ctx) =>
    Either.map(objectBody(ctx), (o) => {
      const clOrdId = str(o, "clOrdId")
      const amend = Either.gen(function*() {
        const i = yield* instrumentOf(ctx, o)
        const newSz = yield* decimal(o, "newSz")
        const newPx = yield* decimal(o, "newPx")
        if (newSz === undefined && newPx === undefined) {
          return yield* Either.left(["51500", "Either order price or amount is required"] as const)
        }
        if (newSz !== undefined && i.kind === "perp" && !isMultipleOf(newSz, toWire(i, i.lotStep))) {
          return yield* Either.left(Errors.item.lotSize)
        }
        const found = find(ctx, i, o)
        if (found === undefined || found.cancelSource !== undefined) {
          return yield* Either.left(Errors.item.amendNotExist)
        }
        const placed = yield* Either.mapLeft(
          ctx.engine.amendOrder(ctx.key!.accountId, i.symbol, { orderId: found.order.orderId }, {
            ...(newPx !== undefined ? { price: newPx } : {}),
            ...(newSz !== undefined ? { quantity: fromWire(i, newSz) } : {})
          }),
          (r) => rejection(i, found.order.side, r, "amend")
        )
        return { ...itemOk(ctx, String(placed.order.orderId), placed.order.clientOrderId), reqId: "" }
      })
      return single(Either.isRight(amend) ? amend.right : { ...itemFail(ctx, clOrdId, amend.left), reqId: "" })
    })),
  route("GET", "/api/v5/trade/order", "signed", [60, "user"], (ctx) =>
    Either.gen(function*() {
      const id = ctx.params.get("instId")
      if (id === undefined || id === "") return yield* Either.left(Errors.empty("instId"))
      const i = resolve(ctx.engine, id)
      if (i === undefined) return yield* Either.left(Errors.instrumentUnknown)
      const fields = Object.fromEntries(ctx.params)
      if (fields.ordId === undefined && fields.clOrdId === undefined) {
        return yield* Either.left(Errors.error("51003", "Either client order ID or order ID is required.", 400))
      }
      const found = find(ctx, i, fields)
      if (found === undefined) return yield* Either.left(Errors.error(...Errors.item.notExist))
      return [renderOrder(ctx, i, found.order, found.ordId, found.cancelSource)]
    })),
  route("GET", "/api/v5/trade/orders-pending", "signed", [60, "user"], (ctx) => {
    const t = ctx.params.get("instType")
    const id = ctx.params.get("instId")
    const limitText = ctx.params.get("limit")
    const limit = limitText === undefined || !/^\d{1,3}$/.test(limitText)
      ? 100
      : Math.min(100, Number.parseInt(limitText, 10))
    const afterText = ctx.params.get("after")
    const after = afterText !== undefined && /^\d{1,15}$/.test(afterText) ? Number.parseInt(afterText, 10) : undefined
    const instruments = listed(ctx.engine).filter((i) =>
      (t === undefined || t === "" || instType(i) === t) && (id === undefined || id === "" || instId(i) === id)
    )
    const bySymbol = new Map(instruments.map((i) => [i.symbol, i]))
    return Either.right(
      ctx.engine.openOrders(ctx.key!.accountId)
        .filter((o) => bySymbol.has(o.symbol) && (after === undefined || o.orderId < after))
        .sort((a, b) => b.orderId - a.orderId)
        .slice(0, limit)
        .map((o) => renderOrder(ctx, bySymbol.get(o.symbol)!, o, String(o.orderId)))
    )
  }),
  route("GET", "/api/v5/account/balance", "signed", [10, "user"], (ctx) => {
    const wanted = ctx.params.get("ccy")?.split(",").filter((c) => c !== "")
    const details = ctx.engine.balances(ctx.key!.accountId)
      .filter((b) => wanted === undefined || wanted.length === 0 || wanted.includes(b.asset))
      .map((b) => balanceDetail(b, ctx.now))
    return Either.right([accountRow(details, ctx.now)])
  }),
  route("GET", "/api/v5/account/positions", "signed", [10, "user"], (ctx) => {
    const ids = ctx.params.get("instId")?.split(",").filter((s) => s !== "")
    const t = ctx.params.get("instType")
    return Either.right(
      ctx.engine.positions(ctx.key!.accountId).flatMap((p) => {
        const i = ctx.engine.instrument(p.symbol)
        if (i === undefined || i.kind !== "perp" || BigDecimal.isZero(p.size)) return []
        if (ids !== undefined && ids.length > 0 && !ids.includes(instId(i))) return []
        if (t !== undefined && t !== "" && t !== "SWAP") return []
        return [positionRow(i, p)]
      })
    )
  }),
  route("GET", "/api/v5/account/config", "signed", [5, "user"], (ctx) => {
    const p = ctx.key!.permissions
    const perm = ["read_only", ...(p.trade ? ["trade"] : []), ...(p.withdraw ? ["withdraw"] : [])].join(",")
    return Either.right([{
      uid: uidOf(ctx.key!.accountId),
      mainUid: uidOf(ctx.key!.accountId),
      acctLv: "2",
      posMode: "net_mode",
      autoLoan: false,
      greeksType: "PA",
      level: "Lv1",
      levelTmp: "",
      ctIsoMode: "automatic",
      mgnIsoMode: "automatic",
      roleType: "0",
      spotRoleType: "0",
      opAuth: "0",
      kycLv: "2",
      label: "sandbox",
      ip: "",
      perm,
      liquidationGear: "-1",
      enableSpotBorrow: false,
      spotBorrowAutoRepay: false,
      type: "0"
    }])
  })
]
