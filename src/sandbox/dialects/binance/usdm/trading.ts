/**
 * USDⓈ-M SIGNED order endpoints: `order` POST/GET/DELETE/PUT, `batchOrders` POST (≤5) / DELETE
 * (≤10), `allOpenOrders` DELETE, `openOrders`, `allOrders`, `leverage`. One-way position mode only
 * (`positionSide` BOTH).
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { format } from "../../../../model/Decimal.js"
import type { OrderRef } from "../../../engine/Engine.js"
import type { PerpInstrument } from "../../../engine/Instrument.js"
import type { Rejection } from "../../../engine/Order.js"
import { openOrdersOf, ordersPage } from "../../kit/Orders.js"
import type { BinanceError } from "../errors.js"
import { error } from "../errors.js"
import type { Params } from "../params.js"
import * as P from "../params.js"
import type { RouteContext } from "../Route.js"
import { accountOf, route } from "../Route.js"
import { error as usdmError, fromRejection } from "./errors.js"
import { clientOrderIdOr, optionalSymbol, orderRef, symbol } from "./marketData.js"
import * as Wire from "./wire.js"

const NEW_ORDER_PARAMS = (
  "symbol side positionSide type timeInForce quantity reduceOnly price newClientOrderId stopPrice closePosition " +
  "workingType priceProtect newOrderRespType priceMatch selfTradePreventionMode goodTillDate"
).split(" ")

const STOP_TYPES = ["STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"]
const ORDER_REF = ["symbol", ...P.ORDER_IDS]
const BOOLEAN = error("ILLEGAL_CHARS", "reduceOnly", "^(true|false)$")

const rejection = (instrument: PerpInstrument, unknownOrder: BinanceError) => (r: Rejection): BinanceError =>
  r._tag === "UnknownOrder" ? unknownOrder : fromRejection(r, format(instrument.minNotional))

/** A new order (`POST /fapi/v1/order` or one item of `batchOrders`): decoded, placed, rendered. */
const place = (ctx: RouteContext, p: Params): Either.Either<unknown, BinanceError> =>
  Either.gen(function*() {
    const instrument = yield* symbol(p, ctx.engine)
    const orderSide = yield* P.side(p)
    yield* P.optionalOneOf(p, "positionSide", ["BOTH"], usdmError("INVALID_POSITION_SIDE"))
    const type = yield* P.required(p, "type")
    // Conditional orders are not simulated: treated as triggering at once.
    if (STOP_TYPES.includes(type)) return yield* Either.left(usdmError("ORDER_WOULD_IMMEDIATELY_TRIGGER"))
    if (type !== "LIMIT" && type !== "MARKET") return yield* Either.left(error("INVALID_ORDER_TYPE"))
    const reduceOnly = (yield* P.optionalOneOf(p, "reduceOnly", ["true", "false"], BOOLEAN)) === "true"
    const quantity = yield* P.requiredDecimal(p, "quantity")
    if (!BigDecimal.isPositive(quantity)) return yield* Either.left(usdmError("QTY_LESS_THAN_ZERO"))
    const tif = type === "LIMIT"
      ? yield* P.oneOf(p, "timeInForce", ["GTC", "IOC", "FOK", "GTX"], error("INVALID_TIF"))
      : "IOC"
    if (type === "MARKET" && p.has("price")) return yield* Either.left(error("PARAM_NOT_REQUIRED", "price"))
    const price = type === "LIMIT" ? yield* P.requiredDecimal(p, "price") : undefined
    const clientOrderId = yield* clientOrderIdOr(p, "newClientOrderId", () => `x-${ctx.random.string(22)}`)
    ctx.limiter.orders.count(accountOf(ctx), ctx.now)
    const request = {
      symbol: instrument.symbol,
      side: orderSide,
      type: type === "LIMIT" ? "limit" as const : "market" as const,
      timeInForce: tif === "GTX" ? "GTC" as const : tif,
      quantity,
      price,
      postOnly: tif === "GTX",
      reduceOnly,
      clientOrderId
    }
    const placed = yield* Either.mapLeft(
      ctx.engine.placeOrder(accountOf(ctx), request),
      rejection(instrument, error("CANCEL_REJECTED"))
    )
    const order = placed.order
    if (tif === "FOK" && order.status === "expired" && BigDecimal.isZero(order.executedQuantity)) {
      return yield* Either.left(usdmError("FOK_ORDER_REJECT"))
    }
    return Wire.order(instrument, order)
  })

const cancel = (ctx: RouteContext, instrument: PerpInstrument, ref: OrderRef): Either.Either<unknown, BinanceError> =>
  Either.map(
    Either.mapLeft(
      ctx.engine.cancelOrder(accountOf(ctx), instrument.symbol, ref),
      rejection(instrument, error("CANCEL_REJECTED"))
    ),
    (order) => Wire.order(instrument, order)
  )

const jsonList = (name: string, raw: string): Either.Either<ReadonlyArray<unknown>, BinanceError> => {
  const malformed = Either.left(error("MANDATORY_PARAM_EMPTY_OR_MALFORMED", name))
  try {
    const parsed: unknown = JSON.parse(raw)
    return Array.isArray(parsed) ? Either.right(parsed) : malformed
  } catch {
    return malformed
  }
}

/** A batch item's answer: its result, or its error in the envelope. */
const item = (result: Either.Either<unknown, BinanceError>): unknown =>
  Either.isRight(result) ? result.right : { code: result.left.code, msg: result.left.msg }

/** The order routes. @since 0.1.0 */
export const tradingRoutes = [
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
  route("POST", "/fapi/v1/order", "TRADE", NEW_ORDER_PARAMS, 0, (ctx) => place(ctx, ctx.params)),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Modify-Order
  route(
    "PUT",
    "/fapi/v1/order",
    "TRADE",
    [...ORDER_REF, "side", "quantity", "price", "priceMatch"],
    1,
    (ctx) =>
      Either.gen(function*() {
        const p = ctx.params
        const instrument = yield* symbol(p, ctx.engine)
        const ref = yield* orderRef(p, P.ORDER_IDS)
        const orderSide = yield* P.side(p)
        const amend = { quantity: yield* P.requiredDecimal(p, "quantity"), price: yield* P.requiredDecimal(p, "price") }
        const existing = ctx.engine.findOrder(accountOf(ctx), instrument.symbol, ref)
        if (existing === undefined) return yield* Either.left(error("NO_SUCH_ORDER"))
        if (existing.side !== orderSide) return yield* Either.left(usdmError("INVALID_POSITION_SIDE"))
        const placed = yield* Either.mapLeft(
          ctx.engine.amendOrder(accountOf(ctx), instrument.symbol, ref, amend),
          rejection(instrument, error("NO_SUCH_ORDER"))
        )
        return Wire.order(instrument, placed.order)
      })
  ),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Query-Order
  route("GET", "/fapi/v1/order", "USER_DATA", ORDER_REF, 1, (ctx) =>
    Either.gen(function*() {
      const instrument = yield* symbol(ctx.params, ctx.engine)
      const order = ctx.engine.findOrder(accountOf(ctx), instrument.symbol, yield* orderRef(ctx.params, P.ORDER_IDS))
      if (order === undefined) return yield* Either.left(error("NO_SUCH_ORDER"))
      return Wire.queriedOrder(instrument, order)
    })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Order
  route("DELETE", "/fapi/v1/order", "TRADE", ORDER_REF, 1, (ctx) =>
    Either.gen(function*() {
      const instrument = yield* symbol(ctx.params, ctx.engine)
      return yield* cancel(ctx, instrument, yield* orderRef(ctx.params, P.ORDER_IDS))
    })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Place-Multiple-Orders
  route("POST", "/fapi/v1/batchOrders", "TRADE", ["batchOrders"], 5, (ctx) =>
    Either.gen(function*() {
      const items = yield* jsonList("batchOrders", yield* P.required(ctx.params, "batchOrders"))
      if (items.length === 0 || items.length > 5) return yield* Either.left(usdmError("INVALID_BATCH_PLACE_ORDER_SIZE"))
      return items.map((one) => {
        if (typeof one !== "object" || one === null || Array.isArray(one)) {
          return item(Either.left(error("MANDATORY_PARAM_EMPTY_OR_MALFORMED", "batchOrders")))
        }
        const query = new URLSearchParams(
          Object.entries(one as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)])
        ).toString()
        return item(Either.flatMap(P.parseParams(query, ""), (p) =>
          p.names.some((n) => !NEW_ORDER_PARAMS.includes(n))
            ? Either.left(error("UNREAD_PARAMETERS", p.names.length - 1, p.names.length))
            : place(ctx, p)))
      })
    })),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Multiple-Orders
  route(
    "DELETE",
    "/fapi/v1/batchOrders",
    "TRADE",
    ["symbol", "orderIdList", "origClientOrderIdList"],
    1,
    (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const ids = yield* P.optional(ctx.params, "orderIdList")
        const cids = yield* P.optional(ctx.params, "origClientOrderIdList")
        if (ids === undefined && cids === undefined) {
          return yield* Either.left(error("MANDATORY_PARAM_EITHER", "orderIdList", "origClientOrderIdList"))
        }
        const refs: Array<OrderRef> = []
        if (ids !== undefined) {
          for (const id of yield* jsonList("orderIdList", ids)) {
            refs.push({ orderId: yield* P.integer("orderIdList", String(id)) })
          }
        } else {
          for (const cid of yield* jsonList("origClientOrderIdList", cids!)) refs.push({ clientOrderId: String(cid) })
        }
        if (refs.length === 0 || refs.length > 10) return yield* Either.left(usdmError("EXCEED_MAX_CANCEL_ORDER_SIZE"))
        return refs.map((ref) => item(cancel(ctx, instrument, ref)))
      })
  ),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-All-Open-Orders
  route(
    "DELETE",
    "/fapi/v1/allOpenOrders",
    "TRADE",
    ["symbol"],
    1,
    (ctx) =>
      Either.map(symbol(ctx.params, ctx.engine), (instrument) => {
        ctx.engine.cancelAll(accountOf(ctx), instrument.symbol)
        return { code: 200, msg: "The operation of cancel all open order is done." }
      })
  ),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Current-All-Open-Orders
  route("GET", "/fapi/v1/openOrders", "USER_DATA", ["symbol"], (p) => (p.has("symbol") ? 1 : 40), (ctx) =>
    Either.map(
      optionalSymbol(ctx.params, ctx.engine),
      (i) =>
        openOrdersOf(ctx.engine, accountOf(ctx), "perp", i?.symbol).map((o) => Wire.queriedOrder(o.instrument, o.order))
    )),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/All-Orders
  // (`startTime` alone: 7 days from it; the spot dialect answers the same route for /api/v3)
  route(
    "GET",
    "/fapi/v1/allOrders",
    "USER_DATA",
    ["symbol", "orderId", "startTime", "endTime", "limit"],
    5,
    (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const { endTime, orderId, startTime } = yield* P.optionalIntegers(ctx.params, "orderId", "startTime", "endTime")
        const n = yield* P.limit(ctx.params, 500, 1000)
        const week = startTime === undefined ? undefined : startTime + 7 * 86_400_000
        const window = { from: orderId, startTime, endTime: endTime ?? week }
        return ordersPage(ctx.engine, accountOf(ctx), instrument.symbol, window, n).map((o) =>
          Wire.queriedOrder(instrument, o)
        )
      })
  ),
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Change-Initial-Leverage
  route("POST", "/fapi/v1/leverage", "TRADE", ["symbol", "leverage"], 1, (ctx) =>
    Either.gen(function*() {
      const instrument = yield* symbol(ctx.params, ctx.engine)
      const leverage = yield* P.integer("leverage", yield* P.required(ctx.params, "leverage"))
      yield* Either.mapLeft(
        ctx.engine.setLeverage(accountOf(ctx), instrument.symbol, leverage),
        (r) => usdmError(r._tag === "InsufficientBalance" ? "MARGIN_NOT_SUFFICIEN" : "INVALID_LEVERAGE")
      )
      return { leverage, maxNotionalValue: "50000000", symbol: instrument.nativeSymbol }
    }))
]
