/**
 * Binance Spot SIGNED endpoints: trading (`order` POST/GET/DELETE, `order/test`, `openOrders`
 * GET/DELETE) and account (`account`, `myTrades`).
 *
 * Trading: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints
 * Account: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../../model/Decimal.js"
import type { Instrument } from "../../../engine/Instrument.js"
import type { PlaceOrder, TimeInForce } from "../../../engine/Order.js"
import type { BinanceError } from "../errors.js"
import { error } from "../errors.js"
import {
  clientOrderId,
  decimal,
  limit,
  notSent,
  optional,
  optionalInteger,
  orderRef,
  required,
  requiredDecimal
} from "../params.js"
import type { Route, RouteContext } from "../Route.js"
import { num } from "../wire.js"
import { error as spotError, fromRejection } from "./errors.js"
import { symbol } from "./symbols.js"
import * as Wire from "./wire.js"

const NEW_ORDER_PARAMS = [
  "symbol",
  "side",
  "type",
  "timeInForce",
  "quantity",
  "quoteOrderQty",
  "price",
  "newClientOrderId",
  "strategyId",
  "strategyType",
  "stopPrice",
  "trailingDelta",
  "icebergQty",
  "newOrderRespType",
  "selfTradePreventionMode",
  "pegPriceType",
  "pegOffsetValue",
  "pegOffsetType"
]

const UNSUPPORTED_TYPES: Record<string, string> = {
  STOP_LOSS: "Stop loss orders are not supported for this symbol.",
  STOP_LOSS_LIMIT: "Stop loss limit orders are not supported for this symbol.",
  TAKE_PROFIT: "Take profit orders are not supported for this symbol.",
  TAKE_PROFIT_LIMIT: "Take profit limit orders are not supported for this symbol."
}

/**
 * A decoded new-order request, with the response type Binance will answer with.
 * @since 0.1.0
 */
export interface NewOrder {
  readonly instrument: Instrument
  readonly request: PlaceOrder
  readonly respType: "ACK" | "RESULT" | "FULL"
}

/**
 * Decodes and checks the parameters of `POST /api/v3/order` (and `order/test`), in the order
 * Binance reports problems: mandatory and illegal parameters first, then the combination.
 * @since 0.1.0
 */
export const decodeNewOrder = (ctx: RouteContext): Either.Either<NewOrder, BinanceError> =>
  Either.gen(function*() {
    const p = ctx.params
    const instrument = yield* symbol(p, ctx.engine)
    const sideText = yield* required(p, "side")
    if (sideText !== "BUY" && sideText !== "SELL") return yield* Either.left(error("INVALID_SIDE"))
    const typeText = yield* required(p, "type")
    const unsupported = UNSUPPORTED_TYPES[typeText]
    if (unsupported !== undefined) return yield* Either.left(spotError("NEW_ORDER_REJECTED", unsupported))
    if (typeText !== "LIMIT" && typeText !== "MARKET" && typeText !== "LIMIT_MAKER") {
      return yield* Either.left(error("INVALID_ORDER_TYPE"))
    }
    yield* notSent(p, "stopPrice", "trailingDelta")
    if (p.has("pegPriceType") || p.has("pegOffsetValue") || p.has("pegOffsetType")) {
      return yield* Either.left(spotError("NEW_ORDER_REJECTED", "Pegged orders are not supported for this symbol."))
    }
    const stp = yield* optional(p, "selfTradePreventionMode")
    if (stp !== undefined && stp !== "NONE") {
      return yield* Either.left(error("INVALID_PARAMETER", "selfTradePreventionMode"))
    }
    yield* optionalInteger(p, "strategyId")
    yield* optionalInteger(p, "strategyType")
    const respText = yield* optional(p, "newOrderRespType")
    if (respText !== undefined && respText !== "ACK" && respText !== "RESULT" && respText !== "FULL") {
      return yield* Either.left(error("INVALID_PARAMETER", "newOrderRespType"))
    }
    const base = instrument.basePrecision
    const quotePrecision = instrument.quotePrecision
    let timeInForce: TimeInForce = "GTC"
    let quantity: Decimal | undefined
    let quoteQuantity: Decimal | undefined
    let price: Decimal | undefined
    if (typeText === "LIMIT") {
      const tif = yield* required(p, "timeInForce")
      if (tif !== "GTC" && tif !== "IOC" && tif !== "FOK") return yield* Either.left(error("INVALID_TIF"))
      timeInForce = tif
      quantity = yield* requiredDecimal(p, "quantity", base)
      price = yield* requiredDecimal(p, "price", quotePrecision)
      yield* notSent(p, "quoteOrderQty")
    } else if (typeText === "LIMIT_MAKER") {
      yield* notSent(p, "timeInForce")
      quantity = yield* requiredDecimal(p, "quantity", base)
      price = yield* requiredDecimal(p, "price", quotePrecision)
      yield* notSent(p, "quoteOrderQty")
    } else {
      yield* notSent(p, "timeInForce", "price", "icebergQty")
      const q = yield* optional(p, "quantity")
      const qq = yield* optional(p, "quoteOrderQty")
      if (q === undefined && qq === undefined) {
        return yield* Either.left(error("MANDATORY_PARAM_EITHER", "quantity", "quoteOrderQty"))
      }
      if (q !== undefined && qq !== undefined) return yield* Either.left(error("PARAM_NOT_REQUIRED", "quoteOrderQty"))
      if (q !== undefined) quantity = yield* decimal("quantity", q, base)
      if (qq !== undefined) quoteQuantity = yield* decimal("quoteOrderQty", qq, quotePrecision)
      timeInForce = "IOC"
    }
    if (p.has("icebergQty")) {
      return yield* Either.left(spotError("NEW_ORDER_REJECTED", "Iceberg orders are not supported for this symbol."))
    }
    if (price !== undefined && BigDecimal.isZero(BigDecimal.multiply(price, quantity!))) {
      return yield* Either.left(spotError("NEW_ORDER_REJECTED", "Price * QTY is zero or less."))
    }
    const clientIdText = yield* optional(p, "newClientOrderId")
    const clientId = clientIdText === undefined
      ? ctx.random.string(22)
      : yield* clientOrderId("newClientOrderId", clientIdText)
    // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
    // "MARKET and LIMIT order types default to FULL, all other orders default to ACK."
    const respType = respText ?? (typeText === "LIMIT_MAKER" ? "ACK" : "FULL")
    return {
      instrument,
      respType,
      request: {
        symbol: instrument.symbol,
        side: sideText === "BUY" ? "buy" : "sell",
        type: typeText === "MARKET" ? "market" : "limit",
        timeInForce,
        quantity,
        quoteQuantity,
        price,
        postOnly: typeText === "LIMIT_MAKER",
        clientOrderId: clientId
      }
    }
  })

const accountOf = (ctx: RouteContext): string => ctx.key!.accountId

/** Counts a new order for the account's order limits and reports the counts in headers. */
const countOrder = (ctx: RouteContext): Either.Either<void, BinanceError> => {
  const counts = ctx.limiter.countOrder(accountOf(ctx), ctx.now)
  ctx.headers["X-MBX-ORDER-COUNT-10S"] = String(counts.tenSeconds)
  ctx.headers["X-MBX-ORDER-COUNT-1D"] = String(counts.day)
  if (counts.tenSeconds > ctx.limiter.ordersPer10s) {
    return Either.left(spotError("TOO_MANY_ORDERS", ctx.limiter.ordersPer10s, "10 SECOND"))
  }
  if (counts.day > ctx.limiter.ordersPerDay) {
    return Either.left(spotError("TOO_MANY_ORDERS", ctx.limiter.ordersPerDay, "1 DAY"))
  }
  return Either.void
}

const ZERO_RATE = "0.00000000"

/**
 * The signed routes.
 * @since 0.1.0
 */
export const tradingRoutes: ReadonlyArray<Route> = [
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
  {
    method: "POST",
    path: "/api/v3/order",
    security: "TRADE",
    params: NEW_ORDER_PARAMS,
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const decoded = yield* decodeNewOrder(ctx)
        yield* countOrder(ctx)
        const placed = yield* Either.mapLeft(
          ctx.engine.placeOrder(accountOf(ctx), decoded.request),
          fromRejection
        )
        switch (decoded.respType) {
          case "ACK":
            return Wire.orderAck(placed.order)
          case "RESULT":
            return Wire.orderResult(placed.order)
          case "FULL":
            return Wire.orderFull(placed.order, placed.fills)
        }
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#test-new-order-trade
  {
    method: "POST",
    path: "/api/v3/order/test",
    security: "TRADE",
    params: [...NEW_ORDER_PARAMS, "computeCommissionRates"],
    weight: (p) => (p.raw("computeCommissionRates") === "true" ? 20 : 1),
    handle: (ctx) =>
      Either.gen(function*() {
        const decoded = yield* decodeNewOrder(ctx)
        const compute = yield* optional(ctx.params, "computeCommissionRates")
        if (compute !== undefined && compute !== "true" && compute !== "false") {
          return yield* Either.left(error("INVALID_PARAMETER", "computeCommissionRates"))
        }
        // The test endpoint validates without reaching the matching engine: balance, duplicate
        // client ids and LIMIT_MAKER crossing are the matching engine's checks.
        const checked = ctx.engine.validate(accountOf(ctx), decoded.request)
        if (
          Either.isLeft(checked) &&
          checked.left._tag !== "InsufficientBalance" && checked.left._tag !== "WouldTake" &&
          checked.left._tag !== "DuplicateClientOrderId"
        ) return yield* Either.left(fromRejection(checked.left))
        if (compute !== "true") return {}
        return {
          standardCommissionForOrder: { maker: num(ctx.engine.makerFee), taker: num(ctx.engine.takerFee) },
          specialCommissionForOrder: { maker: ZERO_RATE, taker: ZERO_RATE },
          taxCommissionForOrder: { maker: ZERO_RATE, taker: ZERO_RATE },
          discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: "BNB", discount: ZERO_RATE }
        }
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#query-order-user_data
  {
    method: "GET",
    path: "/api/v3/order",
    security: "USER_DATA",
    params: ["symbol", "orderId", "origClientOrderId"],
    weight: () => 4,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const ref = yield* orderRef(ctx.params, "origClientOrderId")
        const order = ctx.engine.findOrder(accountOf(ctx), instrument.symbol, ref)
        if (order === undefined) return yield* Either.left(error("NO_SUCH_ORDER"))
        return Wire.queriedOrder(order)
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#cancel-order-trade
  {
    method: "DELETE",
    path: "/api/v3/order",
    security: "TRADE",
    params: ["symbol", "orderId", "origClientOrderId", "newClientOrderId", "cancelRestrictions"],
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const ref = yield* orderRef(ctx.params, "origClientOrderId")
        const newId = yield* optional(ctx.params, "newClientOrderId")
        const cancelId = newId === undefined ? ctx.random.string(22) : yield* clientOrderId("newClientOrderId", newId)
        const restriction = yield* optional(ctx.params, "cancelRestrictions")
        if (restriction !== undefined && restriction !== "ONLY_NEW" && restriction !== "ONLY_PARTIALLY_FILLED") {
          return yield* Either.left(
            spotError("INVALID_CANCEL_RESTRICTIONS")
          )
        }
        const found = ctx.engine.findOrder(accountOf(ctx), instrument.symbol, ref)
        if (
          found !== undefined && restriction !== undefined &&
          (restriction === "ONLY_NEW" ? found.status !== "new" : found.status !== "partially_filled")
        ) return yield* Either.left(spotError("CANCEL_REJECTED_RESTRICTIONS"))
        const order = yield* Either.mapLeft(
          ctx.engine.cancelOrder(accountOf(ctx), instrument.symbol, ref),
          fromRejection
        )
        return Wire.canceledOrder(order, cancelId, ctx.engine.now())
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#current-open-orders-user_data
  {
    method: "GET",
    path: "/api/v3/openOrders",
    security: "USER_DATA",
    params: ["symbol"],
    weight: (p) => (p.has("symbol") ? 6 : 80),
    handle: (ctx) =>
      Either.gen(function*() {
        const symbolText = yield* optional(ctx.params, "symbol")
        const instrument = symbolText === undefined ? undefined : yield* symbol(ctx.params, ctx.engine)
        return ctx.engine.openOrders(accountOf(ctx), instrument?.symbol).map(Wire.queriedOrder)
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#cancel-all-open-orders-on-a-symbol-trade
  {
    method: "DELETE",
    path: "/api/v3/openOrders",
    security: "TRADE",
    params: ["symbol"],
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const canceled = ctx.engine.cancelAll(accountOf(ctx), instrument.symbol)
        if (canceled.length === 0) return yield* Either.left(error("CANCEL_REJECTED"))
        const now = ctx.engine.now()
        return canceled.map((o) => Wire.canceledOrder(o, ctx.random.string(22), now))
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#all-orders-user_data
  {
    method: "GET",
    path: "/api/v3/allOrders",
    security: "USER_DATA",
    params: ["symbol", "orderId", "startTime", "endTime", "limit"],
    weight: () => 20,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const orderId = yield* optionalInteger(ctx.params, "orderId")
        const startTime = yield* optionalInteger(ctx.params, "startTime")
        const endTime = yield* optionalInteger(ctx.params, "endTime")
        const n = yield* limit(ctx.params, 500, 1000)
        if (startTime !== undefined && endTime !== undefined && endTime - startTime > 86_400_000) {
          return yield* Either.left(spotError("INVALID_INTERVAL", 24))
        }
        const orders = ctx.engine.orders(accountOf(ctx)).filter((o) =>
          o.symbol === instrument.symbol &&
          (orderId === undefined || o.orderId >= orderId) &&
          (startTime === undefined || o.createdAt >= startTime) &&
          (endTime === undefined || o.createdAt <= endTime)
        )
        const selected = orderId !== undefined || startTime !== undefined ? orders.slice(0, n) : orders.slice(-n)
        return selected.map(Wire.queriedOrder)
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-information-user_data
  {
    method: "GET",
    path: "/api/v3/account",
    security: "USER_DATA",
    params: ["omitZeroBalances"],
    weight: () => 20,
    handle: (ctx) =>
      Either.gen(function*() {
        const omit = yield* optional(ctx.params, "omitZeroBalances")
        if (omit !== undefined && omit !== "true" && omit !== "false") {
          return yield* Either.left(error("INVALID_PARAMETER", "omitZeroBalances"))
        }
        const key = ctx.key!
        const account = ctx.engine.ledger.accounts.get(key.accountId)!
        const balances = ctx.engine.balances(key.accountId).filter((b) =>
          omit !== "true" || !BigDecimal.isZero(BigDecimal.sum(b.free, b.locked))
        )
        const bps = (rate: Decimal) =>
          Number.parseInt(
            BigDecimal.scale(BigDecimal.multiply(rate, BigDecimal.fromBigInt(10000n)), 0).value.toString(),
            10
          )
        return {
          makerCommission: bps(ctx.engine.makerFee),
          takerCommission: bps(ctx.engine.takerFee),
          buyerCommission: 0,
          sellerCommission: 0,
          commissionRates: {
            maker: num(ctx.engine.makerFee),
            taker: num(ctx.engine.takerFee),
            buyer: ZERO_RATE,
            seller: ZERO_RATE
          },
          canTrade: key.permissions.trade,
          canWithdraw: key.permissions.withdraw,
          canDeposit: true,
          brokered: false,
          requireSelfTradePrevention: false,
          preventSor: false,
          updateTime: ctx.now,
          accountType: "SPOT",
          balances: balances.map((b) => ({ asset: b.asset, free: num(b.free), locked: num(b.locked) })),
          permissions: ["SPOT"],
          uid: Number.parseInt(account.id.replace(/\D/g, ""), 10) + 354_937_000
        }
      })
  },
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-trade-list-user_data
  {
    method: "GET",
    path: "/api/v3/myTrades",
    security: "USER_DATA",
    params: ["symbol", "orderId", "startTime", "endTime", "fromId", "limit"],
    weight: (p) => (p.has("orderId") ? 5 : 20),
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const orderId = yield* optionalInteger(ctx.params, "orderId")
        const startTime = yield* optionalInteger(ctx.params, "startTime")
        const endTime = yield* optionalInteger(ctx.params, "endTime")
        const fromId = yield* optionalInteger(ctx.params, "fromId")
        const n = yield* limit(ctx.params, 500, 1000)
        if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) {
          return yield* Either.left(spotError("COMBINATION_INVALID"))
        }
        if (startTime !== undefined && endTime !== undefined && endTime - startTime > 86_400_000) {
          return yield* Either.left(spotError("INVALID_INTERVAL", 24))
        }
        const fills = ctx.engine.fills(accountOf(ctx), instrument.symbol).filter((f) =>
          (orderId === undefined || f.orderId === orderId) &&
          (fromId === undefined || f.tradeId >= fromId) &&
          (startTime === undefined || f.time >= startTime) &&
          (endTime === undefined || f.time <= endTime)
        )
        const selected = fromId !== undefined || startTime !== undefined ? fills.slice(0, n) : fills.slice(-n)
        return selected.map(Wire.accountTrade)
      })
  }
]
