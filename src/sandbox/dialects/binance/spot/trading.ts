/**
 * Binance Spot SIGNED endpoints: trading (`order` POST/GET/DELETE, `order/test`, `openOrders`
 * GET/DELETE) and account (`account`, `allOrders`, `myTrades`).
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
import { fillsPage, openOrdersOf, ordersPage } from "../../kit/Orders.js"
import type { BinanceError } from "../errors.js"
import { error } from "../errors.js"
import type { Params } from "../params.js"
import * as P from "../params.js"
import type { RouteContext } from "../Route.js"
import { accountOf, route } from "../Route.js"
import { num } from "../wire.js"
import { error as spotError, fromRejection } from "./errors.js"
import { clientOrderIdOr, optionalSymbol, orderRef, symbol } from "./symbols.js"
import * as Wire from "./wire.js"

const NEW_ORDER_PARAMS = (
  "symbol side type timeInForce quantity quoteOrderQty price newClientOrderId strategyId strategyType stopPrice " +
  "trailingDelta icebergQty newOrderRespType selfTradePreventionMode pegPriceType pegOffsetValue pegOffsetType"
).split(" ")

const UNSUPPORTED_TYPES: Record<string, string> = {
  STOP_LOSS: "Stop loss orders are not supported for this symbol.",
  STOP_LOSS_LIMIT: "Stop loss limit orders are not supported for this symbol.",
  TAKE_PROFIT: "Take profit orders are not supported for this symbol.",
  TAKE_PROFIT_LIMIT: "Take profit limit orders are not supported for this symbol."
}

const rejected = (message: string): Either.Either<never, BinanceError> =>
  Either.left(spotError("NEW_ORDER_REJECTED", message))

/** A decoded new-order request, with the response type Binance will answer with. @since 0.1.0 */
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
    const orderSide = yield* P.side(p)
    const typeText = yield* P.required(p, "type")
    const unsupported = UNSUPPORTED_TYPES[typeText]
    if (unsupported !== undefined) return yield* rejected(unsupported)
    if (typeText !== "LIMIT" && typeText !== "MARKET" && typeText !== "LIMIT_MAKER") {
      return yield* Either.left(error("INVALID_ORDER_TYPE"))
    }
    yield* P.notSent(p, "stopPrice", "trailingDelta")
    if (p.has("pegPriceType") || p.has("pegOffsetValue") || p.has("pegOffsetType")) {
      return yield* rejected("Pegged orders are not supported for this symbol.")
    }
    yield* P.optionalOneOf(p, "selfTradePreventionMode", ["NONE"])
    yield* P.optionalIntegers(p, "strategyId", "strategyType")
    const respText = yield* P.optionalOneOf(p, "newOrderRespType", ["ACK", "RESULT", "FULL"])
    const { basePrecision, quotePrecision } = instrument
    let timeInForce: TimeInForce = "IOC"
    let quantity: Decimal | undefined
    let quoteQuantity: Decimal | undefined
    let price: Decimal | undefined
    if (typeText === "MARKET") {
      yield* P.notSent(p, "timeInForce", "price", "icebergQty")
      const q = yield* P.optional(p, "quantity")
      const qq = yield* P.optional(p, "quoteOrderQty")
      if (q === undefined && qq === undefined) {
        return yield* Either.left(error("MANDATORY_PARAM_EITHER", "quantity", "quoteOrderQty"))
      }
      if (q !== undefined && qq !== undefined) return yield* Either.left(error("PARAM_NOT_REQUIRED", "quoteOrderQty"))
      if (q !== undefined) quantity = yield* P.decimal("quantity", q, basePrecision)
      if (qq !== undefined) quoteQuantity = yield* P.decimal("quoteOrderQty", qq, quotePrecision)
    } else {
      if (typeText === "LIMIT") {
        timeInForce = yield* P.oneOf(p, "timeInForce", ["GTC", "IOC", "FOK"], error("INVALID_TIF"))
      } else {
        yield* P.notSent(p, "timeInForce")
        timeInForce = "GTC"
      }
      quantity = yield* P.requiredDecimal(p, "quantity", basePrecision)
      price = yield* P.requiredDecimal(p, "price", quotePrecision)
      yield* P.notSent(p, "quoteOrderQty")
    }
    if (p.has("icebergQty")) return yield* rejected("Iceberg orders are not supported for this symbol.")
    if (price !== undefined && BigDecimal.isZero(BigDecimal.multiply(price, quantity!))) {
      return yield* rejected("Price * QTY is zero or less.")
    }
    const clientOrderId = yield* clientOrderIdOr(p, "newClientOrderId", () => ctx.random.string(22))
    return {
      instrument,
      // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
      // "MARKET and LIMIT order types default to FULL, all other orders default to ACK."
      respType: respText ?? (typeText === "LIMIT_MAKER" ? "ACK" : "FULL"),
      request: {
        symbol: instrument.symbol,
        side: orderSide,
        type: typeText === "MARKET" ? "market" : "limit",
        timeInForce,
        quantity,
        quoteQuantity,
        price,
        postOnly: typeText === "LIMIT_MAKER",
        clientOrderId
      }
    }
  })

/** Counts a new order for the account's order limits and reports the counts in headers (-1015). */
const countOrder = (ctx: RouteContext): Either.Either<void, BinanceError> => {
  const { counts: [tenSeconds, day], exceeded } = ctx.limiter.orders.count(accountOf(ctx), ctx.now)
  ctx.headers["X-MBX-ORDER-COUNT-10S"] = String(tenSeconds)
  ctx.headers["X-MBX-ORDER-COUNT-1D"] = String(day)
  return exceeded === undefined ? Either.void : Either.left(spotError("TOO_MANY_ORDERS", exceeded.limit, exceeded.name))
}

/** -1127 when `startTime`..`endTime` spans more than a day. */
const withinDay = (startTime: number | undefined, endTime: number | undefined): Either.Either<void, BinanceError> =>
  startTime !== undefined && endTime !== undefined && endTime - startTime > 86_400_000
    ? Either.left(spotError("INVALID_INTERVAL", 24))
    : Either.void

const ZERO_RATE = "0.00000000"
const ORDER_REF = ["symbol", ...P.ORDER_IDS]
const bps = (rate: Decimal): number =>
  Number.parseInt(BigDecimal.scale(BigDecimal.multiply(rate, BigDecimal.fromBigInt(10000n)), 0).value.toString(), 10)

const refOf = (p: Params) => orderRef(p, P.ORDER_IDS, "origClientOrderId")

/** The signed routes. @since 0.1.0 */
export const tradingRoutes = [
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
  route("POST", "/api/v3/order", "TRADE", NEW_ORDER_PARAMS, 1, (ctx) =>
    Either.gen(function*() {
      const decoded = yield* decodeNewOrder(ctx)
      yield* countOrder(ctx)
      const placed = yield* Either.mapLeft(ctx.engine.placeOrder(accountOf(ctx), decoded.request), fromRejection)
      switch (decoded.respType) {
        case "ACK":
          return Wire.orderAck(placed.order)
        case "RESULT":
          return Wire.orderResult(placed.order)
        case "FULL":
          return Wire.orderFull(placed.order, placed.fills)
      }
    })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#test-new-order-trade
  route(
    "POST",
    "/api/v3/order/test",
    "TRADE",
    [...NEW_ORDER_PARAMS, "computeCommissionRates"],
    (p) => (p.raw("computeCommissionRates") === "true" ? 20 : 1),
    (ctx) =>
      Either.gen(function*() {
        const decoded = yield* decodeNewOrder(ctx)
        const compute = yield* P.optionalOneOf(ctx.params, "computeCommissionRates", ["true", "false"])
        // The test endpoint validates without reaching the matching engine: balance, duplicate
        // client ids and LIMIT_MAKER crossing are the matching engine's checks.
        const checked = ctx.engine.validate(accountOf(ctx), decoded.request)
        if (
          Either.isLeft(checked) &&
          !["InsufficientBalance", "WouldTake", "DuplicateClientOrderId"].includes(checked.left._tag)
        ) return yield* Either.left(fromRejection(checked.left))
        if (compute !== "true") return {}
        return {
          standardCommissionForOrder: { maker: num(ctx.engine.makerFee), taker: num(ctx.engine.takerFee) },
          specialCommissionForOrder: { maker: ZERO_RATE, taker: ZERO_RATE },
          taxCommissionForOrder: { maker: ZERO_RATE, taker: ZERO_RATE },
          discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: "BNB", discount: ZERO_RATE }
        }
      })
  ),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#query-order-user_data
  route("GET", "/api/v3/order", "USER_DATA", ORDER_REF, 4, (ctx) =>
    Either.gen(function*() {
      const instrument = yield* symbol(ctx.params, ctx.engine)
      const order = ctx.engine.findOrder(accountOf(ctx), instrument.symbol, yield* refOf(ctx.params))
      if (order === undefined) return yield* Either.left(error("NO_SUCH_ORDER"))
      return Wire.queriedOrder(order)
    })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#cancel-order-trade
  route(
    "DELETE",
    "/api/v3/order",
    "TRADE",
    [...ORDER_REF, "newClientOrderId", "cancelRestrictions"],
    1,
    (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const ref = yield* refOf(ctx.params)
        const cancelId = yield* clientOrderIdOr(ctx.params, "newClientOrderId", () => ctx.random.string(22))
        const restriction = yield* P.optional(ctx.params, "cancelRestrictions")
        if (restriction !== undefined && restriction !== "ONLY_NEW" && restriction !== "ONLY_PARTIALLY_FILLED") {
          return yield* Either.left(spotError("INVALID_CANCEL_RESTRICTIONS"))
        }
        const found = ctx.engine.findOrder(accountOf(ctx), instrument.symbol, ref)
        if (
          found !== undefined && restriction !== undefined &&
          found.status !== (restriction === "ONLY_NEW" ? "new" : "partially_filled")
        ) return yield* Either.left(spotError("CANCEL_REJECTED_RESTRICTIONS"))
        const order = yield* Either.mapLeft(
          ctx.engine.cancelOrder(accountOf(ctx), instrument.symbol, ref),
          fromRejection
        )
        return Wire.canceledOrder(order, cancelId, ctx.engine.now())
      })
  ),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#current-open-orders-user_data
  route("GET", "/api/v3/openOrders", "USER_DATA", ["symbol"], (p) => (p.has("symbol") ? 6 : 80), (ctx) =>
    Either.map(
      optionalSymbol(ctx.params, ctx.engine),
      (i) => openOrdersOf(ctx.engine, accountOf(ctx), "spot", i?.symbol).map(({ order }) => Wire.queriedOrder(order))
    )),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#cancel-all-open-orders-on-a-symbol-trade
  route("DELETE", "/api/v3/openOrders", "TRADE", ["symbol"], 1, (ctx) =>
    Either.gen(function*() {
      const instrument = yield* symbol(ctx.params, ctx.engine)
      const canceled = ctx.engine.cancelAll(accountOf(ctx), instrument.symbol)
      if (canceled.length === 0) return yield* Either.left(error("CANCEL_REJECTED"))
      const now = ctx.engine.now()
      return canceled.map((o) => Wire.canceledOrder(o, ctx.random.string(22), now))
    })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#all-orders-user_data
  route(
    "GET",
    "/api/v3/allOrders",
    "USER_DATA",
    ["symbol", "orderId", "startTime", "endTime", "limit"],
    20,
    (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const { endTime, orderId, startTime } = yield* P.optionalIntegers(ctx.params, "orderId", "startTime", "endTime")
        const n = yield* P.limit(ctx.params, 500, 1000)
        yield* withinDay(startTime, endTime)
        return ordersPage(ctx.engine, accountOf(ctx), instrument.symbol, { from: orderId, startTime, endTime }, n)
          .map(Wire.queriedOrder)
      })
  ),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-information-user_data
  route("GET", "/api/v3/account", "USER_DATA", ["omitZeroBalances"], 20, (ctx) =>
    Either.gen(function*() {
      const omit = yield* P.optionalOneOf(ctx.params, "omitZeroBalances", ["true", "false"])
      const key = ctx.key!
      const { engine } = ctx
      const balances = engine.balances(key.accountId).filter((b) =>
        omit !== "true" || !BigDecimal.isZero(BigDecimal.sum(b.free, b.locked))
      )
      return {
        makerCommission: bps(engine.makerFee),
        takerCommission: bps(engine.takerFee),
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: {
          maker: num(engine.makerFee),
          taker: num(engine.takerFee),
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
        uid: Number.parseInt(key.accountId.replace(/\D/g, ""), 10) + 354_937_000
      }
    })),
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-trade-list-user_data
  route(
    "GET",
    "/api/v3/myTrades",
    "USER_DATA",
    ["symbol", "orderId", "startTime", "endTime", "fromId", "limit"],
    (p) => (p.has("orderId") ? 5 : 20),
    (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const { endTime, fromId, orderId, startTime } = yield* P.optionalIntegers(
          ctx.params,
          "orderId",
          "startTime",
          "endTime",
          "fromId"
        )
        const n = yield* P.limit(ctx.params, 500, 1000)
        if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) {
          return yield* Either.left(spotError("COMBINATION_INVALID"))
        }
        yield* withinDay(startTime, endTime)
        const window = { from: fromId, startTime, endTime, orderId }
        return fillsPage(ctx.engine, accountOf(ctx), instrument.symbol, window, n).map(Wire.accountTrade)
      })
  )
]
