/**
 * USDⓈ-M SIGNED endpoints: `order` POST/GET/DELETE/PUT, `batchOrders` POST (≤5) / DELETE (≤10),
 * `allOpenOrders` DELETE, `openOrders`, `leverage`, `account` / `balance` / `positionRisk` (v2 and
 * v3). One-way position mode only (`positionSide` BOTH).
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { format, zero } from "../../../../model/Decimal.js"
import type { Engine, OrderRef } from "../../../engine/Engine.js"
import type { PerpInstrument } from "../../../engine/Instrument.js"
import type { AmendOrder, PlaceOrder, TimeInForce } from "../../../engine/Order.js"
import type { BinanceError } from "../errors.js"
import { error } from "../errors.js"
import type { Params } from "../params.js"
import {
  clientOrderId,
  integer,
  optional,
  optionalSymbol,
  orderRef,
  parseParams,
  required,
  requiredDecimal
} from "../params.js"
import type { Route, RouteContext } from "../Route.js"
import { accountView } from "./account.js"
import { error as usdmError, fromRejection } from "./errors.js"
import { lookup, symbol } from "./marketData.js"
import * as Wire from "./wire.js"

const NEW_ORDER_PARAMS = [
  "symbol",
  "side",
  "positionSide",
  "type",
  "timeInForce",
  "quantity",
  "reduceOnly",
  "price",
  "newClientOrderId",
  "stopPrice",
  "closePosition",
  "workingType",
  "priceProtect",
  "newOrderRespType",
  "priceMatch",
  "selfTradePreventionMode",
  "goodTillDate"
]

const STOP_TYPES = ["STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"]

interface NewOrder {
  readonly instrument: PerpInstrument
  readonly request: PlaceOrder
}

const bool = (p: Params, name: string): Either.Either<boolean, BinanceError> =>
  Either.flatMap(optional(p, name), (v) =>
    v === undefined || v === "false"
      ? Either.right(false)
      : v === "true"
      ? Either.right(true)
      : Either.left(error("ILLEGAL_CHARS", name, "^(true|false)$")))

/** Decodes a new order (`POST /fapi/v1/order` or one item of `batchOrders`). */
const decodeNewOrder = (
  p: Params,
  engine: Engine,
  random: RouteContext["random"]
): Either.Either<NewOrder, BinanceError> =>
  Either.gen(function*() {
    const instrument = yield* symbol(p, engine)
    const sideText = yield* required(p, "side")
    if (sideText !== "BUY" && sideText !== "SELL") return yield* Either.left(error("INVALID_SIDE"))
    const positionSide = yield* optional(p, "positionSide")
    if (positionSide !== undefined && positionSide !== "BOTH") {
      return yield* Either.left(usdmError("INVALID_POSITION_SIDE"))
    }
    const typeText = yield* required(p, "type")
    if (STOP_TYPES.includes(typeText)) {
      // Conditional orders are not simulated: treated as triggering at once.
      return yield* Either.left(usdmError("ORDER_WOULD_IMMEDIATELY_TRIGGER"))
    }
    if (typeText !== "LIMIT" && typeText !== "MARKET") return yield* Either.left(error("INVALID_ORDER_TYPE"))
    const reduceOnly = yield* bool(p, "reduceOnly")
    const quantity = yield* requiredDecimal(p, "quantity")
    if (!BigDecimal.isPositive(quantity)) return yield* Either.left(usdmError("QTY_LESS_THAN_ZERO"))
    let timeInForce: TimeInForce = "GTC"
    let postOnly = false
    let price = undefined
    if (typeText === "LIMIT") {
      const tif = yield* required(p, "timeInForce")
      if (tif === "GTX") postOnly = true
      else if (tif === "GTC" || tif === "IOC" || tif === "FOK") timeInForce = tif
      else return yield* Either.left(error("INVALID_TIF"))
      price = yield* requiredDecimal(p, "price")
    } else if (p.has("price")) {
      return yield* Either.left(error("PARAM_NOT_REQUIRED", "price"))
    }
    const cid = yield* optional(p, "newClientOrderId")
    const clientId = cid === undefined ? `x-${random.string(22)}` : yield* clientOrderId("newClientOrderId", cid)
    return {
      instrument,
      request: {
        symbol: instrument.symbol,
        side: sideText === "BUY" ? "buy" : "sell",
        type: typeText === "LIMIT" ? "limit" : "market",
        timeInForce: typeText === "MARKET" ? "IOC" : timeInForce,
        quantity,
        price,
        postOnly,
        reduceOnly,
        clientOrderId: clientId
      }
    }
  })

const place = (ctx: RouteContext, p: Params): Either.Either<unknown, BinanceError> =>
  Either.gen(function*() {
    const { instrument, request } = yield* decodeNewOrder(p, ctx.engine, ctx.random)
    ctx.limiter.countOrder(ctx.key!.accountId, ctx.now)
    const placed = yield* Either.mapLeft(
      ctx.engine.placeOrder(ctx.key!.accountId, request),
      (r) => fromRejection(r, format(instrument.minNotional))
    )
    const order = placed.order
    if (request.timeInForce === "FOK" && order.status === "expired" && BigDecimal.isZero(order.executedQuantity)) {
      return yield* Either.left(usdmError("FOK_ORDER_REJECT"))
    }
    return Wire.order(instrument, order)
  })

const cancel = (ctx: RouteContext, instrument: PerpInstrument, ref: OrderRef): Either.Either<unknown, BinanceError> =>
  Either.map(
    Either.mapLeft(
      ctx.engine.cancelOrder(ctx.key!.accountId, instrument.symbol, ref),
      (r) =>
        r._tag === "UnknownOrder"
          ? error("CANCEL_REJECTED")
          : fromRejection(r, format(instrument.minNotional))
    ),
    (order) => Wire.order(instrument, order)
  )

const jsonList = (name: string, raw: string): Either.Either<ReadonlyArray<unknown>, BinanceError> => {
  try {
    const parsed: unknown = JSON.parse(raw)
    return Array.isArray(parsed) ? Either.right(parsed) : Either.left(error("MANDATORY_PARAM_EMPTY_OR_MALFORMED", name))
  } catch {
    return Either.left(error("MANDATORY_PARAM_EMPTY_OR_MALFORMED", name))
  }
}

const envelope = (e: BinanceError) => ({ code: e.code, msg: e.msg })

const A = Wire.amount

/**
 * The routes; `fundedAt` is when the sandbox funded its accounts (the dialect's start).
 * @since 0.1.0
 */
export const tradingRoutes = (fundedAt: number): ReadonlyArray<Route> => [
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
  {
    method: "POST",
    path: "/fapi/v1/order",
    security: "TRADE",
    params: NEW_ORDER_PARAMS,
    weight: () => 0,
    handle: (ctx) => place(ctx, ctx.params)
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Modify-Order
  {
    method: "PUT",
    path: "/fapi/v1/order",
    security: "TRADE",
    params: ["symbol", "orderId", "origClientOrderId", "side", "quantity", "price", "priceMatch"],
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const p = ctx.params
        const instrument = yield* symbol(p, ctx.engine)
        const ref = yield* orderRef(p, "orderId")
        const side = yield* required(p, "side")
        if (side !== "BUY" && side !== "SELL") return yield* Either.left(error("INVALID_SIDE"))
        const amend: AmendOrder = {
          quantity: yield* requiredDecimal(p, "quantity"),
          price: yield* requiredDecimal(p, "price")
        }
        const existing = ctx.engine.findOrder(ctx.key!.accountId, instrument.symbol, ref)
        if (existing === undefined) return yield* Either.left(error("NO_SUCH_ORDER"))
        if ((existing.side === "buy") !== (side === "BUY")) {
          return yield* Either.left(usdmError("INVALID_POSITION_SIDE"))
        }
        const placed = yield* Either.mapLeft(
          ctx.engine.amendOrder(ctx.key!.accountId, instrument.symbol, ref, amend),
          (r) =>
            r._tag === "UnknownOrder"
              ? error("NO_SUCH_ORDER")
              : fromRejection(r, format(instrument.minNotional))
        )
        return Wire.order(instrument, placed.order)
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Query-Order
  {
    method: "GET",
    path: "/fapi/v1/order",
    security: "USER_DATA",
    params: ["symbol", "orderId", "origClientOrderId"],
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const ref = yield* orderRef(ctx.params, "orderId")
        const order = ctx.engine.findOrder(ctx.key!.accountId, instrument.symbol, ref)
        if (order === undefined) return yield* Either.left(error("NO_SUCH_ORDER"))
        return Wire.queriedOrder(instrument, order)
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Order
  {
    method: "DELETE",
    path: "/fapi/v1/order",
    security: "TRADE",
    params: ["symbol", "orderId", "origClientOrderId"],
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const ref = yield* orderRef(ctx.params, "orderId")
        return yield* cancel(ctx, instrument, ref)
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Place-Multiple-Orders
  {
    method: "POST",
    path: "/fapi/v1/batchOrders",
    security: "TRADE",
    params: ["batchOrders"],
    weight: () => 5,
    handle: (ctx) =>
      Either.gen(function*() {
        const items = yield* jsonList("batchOrders", yield* required(ctx.params, "batchOrders"))
        if (items.length === 0 || items.length > 5) {
          return yield* Either.left(usdmError("INVALID_BATCH_PLACE_ORDER_SIZE"))
        }
        return items.map((item) => {
          if (typeof item !== "object" || item === null || Array.isArray(item)) {
            return envelope(error("MANDATORY_PARAM_EMPTY_OR_MALFORMED", "batchOrders"))
          }
          const query = new URLSearchParams(
            Object.entries(item as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)])
          ).toString()
          const result = Either.flatMap(parseParams(query, ""), (p) => {
            const unknown = p.names.find((n) => !NEW_ORDER_PARAMS.includes(n))
            return unknown !== undefined ?
              Either.left(error("UNREAD_PARAMETERS", p.names.length - 1, p.names.length)) :
              place(
                ctx,
                p
              )
          })
          return Either.isRight(result) ? result.right : envelope(result.left)
        })
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Multiple-Orders
  {
    method: "DELETE",
    path: "/fapi/v1/batchOrders",
    security: "TRADE",
    params: ["symbol", "orderIdList", "origClientOrderIdList"],
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const ids = yield* optional(ctx.params, "orderIdList")
        const cids = yield* optional(ctx.params, "origClientOrderIdList")
        if (ids === undefined && cids === undefined) {
          return yield* Either.left(error("MANDATORY_PARAM_EITHER", "orderIdList", "origClientOrderIdList"))
        }
        const refs: Array<OrderRef> = []
        if (ids !== undefined) {
          for (const id of yield* jsonList("orderIdList", ids)) {
            refs.push({ orderId: yield* integer("orderIdList", String(id)) })
          }
        } else {
          for (const cid of yield* jsonList("origClientOrderIdList", cids!)) refs.push({ clientOrderId: String(cid) })
        }
        if (refs.length === 0 || refs.length > 10) {
          return yield* Either.left(usdmError("EXCEED_MAX_CANCEL_ORDER_SIZE"))
        }
        return refs.map((ref) => {
          const r = cancel(ctx, instrument, ref)
          return Either.isRight(r) ? r.right : envelope(r.left)
        })
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-All-Open-Orders
  {
    method: "DELETE",
    path: "/fapi/v1/allOpenOrders",
    security: "TRADE",
    params: ["symbol"],
    weight: () => 1,
    handle: (ctx) =>
      Either.map(symbol(ctx.params, ctx.engine), (instrument) => {
        ctx.engine.cancelAll(ctx.key!.accountId, instrument.symbol)
        return { code: 200, msg: "The operation of cancel all open order is done." }
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Current-All-Open-Orders
  {
    method: "GET",
    path: "/fapi/v1/openOrders",
    security: "USER_DATA",
    params: ["symbol"],
    weight: (p) => (p.has("symbol") ? 1 : 40),
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* optionalSymbol(lookup, ctx.params, ctx.engine)
        return ctx.engine.openOrders(ctx.key!.accountId, instrument?.symbol)
          .flatMap((o) => {
            const i = ctx.engine.instrument(o.symbol)
            return i?.kind === "perp" ? [Wire.queriedOrder(i, o)] : []
          })
      })
  },
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Change-Initial-Leverage
  {
    method: "POST",
    path: "/fapi/v1/leverage",
    security: "TRADE",
    params: ["symbol", "leverage"],
    weight: () => 1,
    handle: (ctx) =>
      Either.gen(function*() {
        const instrument = yield* symbol(ctx.params, ctx.engine)
        const leverage = yield* integer("leverage", yield* required(ctx.params, "leverage"))
        yield* Either.mapLeft(
          ctx.engine.setLeverage(ctx.key!.accountId, instrument.symbol, leverage),
          (r) => r._tag === "InsufficientBalance" ? usdmError("MARGIN_NOT_SUFFICIEN") : usdmError("INVALID_LEVERAGE")
        )
        return { leverage, maxNotionalValue: "50000000", symbol: instrument.nativeSymbol }
      })
  },
  ...(["/fapi/v2/account", "/fapi/v3/account"] as const).map((path): Route => ({
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V2
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V3
    method: "GET",
    path,
    security: "USER_DATA",
    params: [],
    weight: () => 5,
    handle: (ctx) => {
      const key = ctx.key!
      const { assets, positions } = accountView(ctx.engine, key.accountId, fundedAt)
      const total = (f: (a: (typeof assets)[number]) => BigDecimal.BigDecimal) =>
        A(assets.reduce((s, a) => BigDecimal.sum(s, f(a)), zero))
      return Either.right({
        feeTier: 0,
        canTrade: key.permissions.trade,
        canDeposit: true,
        canWithdraw: key.permissions.withdraw,
        feeBurn: false,
        updateTime: 0,
        multiAssetsMargin: false,
        tradeGroupId: -1,
        totalInitialMargin: total((a) => a.initialMargin),
        totalMaintMargin: "0.00000000",
        totalWalletBalance: total((a) => a.walletBalance),
        totalUnrealizedProfit: total((a) => a.unrealizedProfit),
        totalMarginBalance: total((a) => a.marginBalance),
        totalPositionInitialMargin: total((a) => a.positionInitialMargin),
        totalOpenOrderInitialMargin: total((a) => a.openOrderInitialMargin),
        totalCrossWalletBalance: total((a) => a.walletBalance),
        totalCrossUnPnl: total((a) => a.unrealizedProfit),
        availableBalance: total((a) => a.availableBalance),
        maxWithdrawAmount: total((a) => a.availableBalance),
        assets: assets.map((a) => ({
          asset: a.asset,
          walletBalance: A(a.walletBalance),
          unrealizedProfit: A(a.unrealizedProfit),
          marginBalance: A(a.marginBalance),
          maintMargin: "0.00000000",
          initialMargin: A(a.initialMargin),
          positionInitialMargin: A(a.positionInitialMargin),
          openOrderInitialMargin: A(a.openOrderInitialMargin),
          crossWalletBalance: A(a.walletBalance),
          crossUnPnl: A(a.unrealizedProfit),
          availableBalance: A(a.availableBalance),
          maxWithdrawAmount: A(a.availableBalance),
          marginAvailable: true,
          updateTime: a.updateTime
        })),
        positions: positions.map(({ i, p }) => ({
          symbol: i.nativeSymbol,
          positionSide: "BOTH",
          positionAmt: Wire.qty(i, p.size),
          unrealizedProfit: A(p.unrealizedPnl),
          isolatedMargin: "0",
          notional: A(BigDecimal.isNegative(p.size) ? BigDecimal.negate(p.notional) : p.notional),
          isolatedWallet: "0",
          initialMargin: A(p.margin),
          maintMargin: "0",
          positionInitialMargin: A(p.margin),
          openOrderInitialMargin: "0",
          leverage: String(p.leverage),
          isolated: false,
          entryPrice: format(p.entryPrice),
          maxNotional: "50000000",
          bidNotional: "0",
          askNotional: "0",
          updateTime: p.updatedAt
        }))
      })
    }
  })),
  ...(["/fapi/v2/balance", "/fapi/v3/balance"] as const).map((path): Route => ({
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Futures-Account-Balance-V2
    method: "GET",
    path,
    security: "USER_DATA",
    params: [],
    weight: () => 5,
    handle: (ctx) =>
      Either.right(
        accountView(ctx.engine, ctx.key!.accountId, fundedAt).assets.map((a) => ({
          accountAlias: "SgsR",
          asset: a.asset,
          balance: A(a.walletBalance),
          crossWalletBalance: A(a.walletBalance),
          crossUnPnl: A(a.unrealizedProfit),
          availableBalance: A(a.availableBalance),
          maxWithdrawAmount: A(a.availableBalance),
          marginAvailable: true,
          updateTime: a.updateTime
        }))
      )
  })),
  ...(["/fapi/v2/positionRisk", "/fapi/v3/positionRisk"] as const).map((path): Route => ({
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V2
    method: "GET",
    path,
    security: "USER_DATA",
    params: ["symbol"],
    weight: () => 5,
    handle: (ctx) =>
      Either.gen(function*() {
        const one = yield* optionalSymbol(lookup, ctx.params, ctx.engine)
        const instruments = one === undefined ? ctx.engine.perpetuals : [one]
        return instruments
          .map((i) => ({ i, p: ctx.engine.position(ctx.key!.accountId, i.symbol)! }))
          .filter(({ p }) => path.startsWith("/fapi/v2") || !BigDecimal.isZero(p.size))
          .map(({ i, p }) => Wire.positionRisk(i, p))
      })
  }))
]
