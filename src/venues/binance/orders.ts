/**
 * Binance orders, Spot and USDⓈ-M: statuses, wire order → unified order, and the request parameters
 * of a unified order.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { DecodeError } from "../../errors/ExchangeError.js"
import type { OrderRef, TradingError } from "../../Exchange.js"
import type { ClientOrderIdFormat } from "../../kernel/ClientOrderId.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
import * as OrderModel from "../../model/Order.js"
import type { Order, OrderRequest } from "../../model/Order.js"
import { classify } from "./usdmErrors.js"
import * as Wire from "./wire.js"

/**
 * Order status → unified status (the two products share the names; USDⓈ-M has no `PENDING_*`).
 * https://developers.binance.com/docs/binance-spot-api-docs/enums#order-status-status
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/common-definition#order-status-status
 * @since 0.1.0
 */
export const orderStatus = OrderModel.statusTable({
  open: ["NEW"],
  pending: ["PENDING_NEW"],
  partially_filled: ["PARTIALLY_FILLED"],
  filled: ["FILLED"],
  canceled: ["CANCELED", "PENDING_CANCEL"],
  rejected: ["REJECTED"],
  expired: ["EXPIRED", "EXPIRED_IN_MATCH"]
})

/** A unified time in force, from the venue's (`GTX` and the others are not one). @since 0.1.0 */
export const timeInForce = (tif: string | undefined) =>
  tif === "GTC" || tif === "IOC" || tif === "FOK" ? tif : undefined

/**
 * Whether an order type is a market order: Spot `MARKET`, `STOP_LOSS`, `TAKE_PROFIT`; USDⓈ-M
 * `MARKET` and the `*_MARKET` triggers.
 * @since 0.1.0
 */
export const isMarketType = (product: "spot" | "usdm", type: string): boolean =>
  product === "spot"
    ? type === "MARKET" || type === "STOP_LOSS" || type === "TAKE_PROFIT"
    : type === "MARKET" || type.endsWith("_MARKET")

/**
 * Whether an order is post-only: Spot type `LIMIT_MAKER`, USDⓈ-M time in force `GTX`.
 * @since 0.1.0
 */
export const isPostOnly = (product: "spot" | "usdm", type: string, tif: string | undefined): boolean =>
  product === "spot" ? type === "LIMIT_MAKER" : tif === "GTX"

/** The fields every order has; optional ones are set after, on this object (no spreads: they are slow on the hot path). */
const base = (
  market: Market,
  o: Wire.SpotOrder | Wire.UsdmOrder,
  clientOrderId: string,
  postOnly: boolean,
  reduceOnly: boolean,
  isMarket: boolean,
  filledQuote: BigDecimal.BigDecimal
): { -readonly [K in keyof Order]: Order[K] } => ({
  id: o.orderId,
  clientOrderId,
  symbol: market.unified,
  venueSymbol: market.symbol,
  side: o.side === "BUY" ? "buy" : "sell",
  type: isMarket ? "market" : "limit",
  postOnly,
  reduceOnly,
  quantity: o.origQty,
  filledQuantity: o.executedQty,
  filledQuote,
  status: orderStatus(o.status),
  venueStatus: o.status
})

/**
 * A Spot order. `LIMIT_MAKER` is post-only; the average price is the quote filled over the
 * quantity filled.
 * @since 0.1.0
 */
export const spotOrder = (market: Market, o: Wire.SpotOrder): Order => {
  const isMarket = isMarketType("spot", o.type)
  const tif = timeInForce(o.timeInForce)
  const order = base(
    market,
    o,
    o.origClientOrderId ?? o.clientOrderId,
    o.type === "LIMIT_MAKER",
    false,
    isMarket,
    o.cummulativeQuoteQty
  )
  if (tif !== undefined && o.type !== "LIMIT_MAKER") order.timeInForce = tif
  if (!isMarket && BigDecimal.isPositive(o.price)) order.price = o.price
  if (BigDecimal.isPositive(o.executedQty)) {
    const average = BigDecimal.divide(o.cummulativeQuoteQty, o.executedQty)
    if (Option.isSome(average)) order.averagePrice = BigDecimal.normalize(average.value)
  }
  const createdAt = o.time ?? o.transactTime
  const updatedAt = o.updateTime ?? o.transactTime
  if (createdAt !== undefined) order.createdAt = createdAt
  if (updatedAt !== undefined) order.updatedAt = updatedAt
  return order
}

/**
 * A USDⓈ-M order. Time in force `GTX` is post-only.
 * @since 0.1.0
 */
export const usdmOrder = (market: Market, o: Wire.UsdmOrder): Order => {
  const isMarket = isMarketType("usdm", o.type)
  const tif = timeInForce(o.timeInForce)
  const order = base(market, o, o.clientOrderId, o.timeInForce === "GTX", o.reduceOnly, isMarket, o.cumQuote)
  if (tif !== undefined && !isMarket) order.timeInForce = tif
  if (!isMarket && BigDecimal.isPositive(o.price)) order.price = o.price
  if (BigDecimal.isPositive(o.avgPrice)) order.averagePrice = o.avgPrice
  const createdAt = o.time ?? o.updateTime
  if (createdAt !== undefined) order.createdAt = createdAt
  if (o.updateTime !== undefined) order.updatedAt = o.updateTime
  return order
}

/**
 * The client order id format, both products: `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 * @since 0.1.0
 */
export const clientOrderId = {
  format: { prefix: "lx-", length: 32 } satisfies ClientOrderIdFormat,
  valid: (id: string) => /^[.A-Z:/a-z0-9_-]{1,36}$/.test(id),
  rule: "Binance allows 1–36 of A-Z a-z 0-9 . : / _ -"
}

/** Whether a string is a Binance order id (what `orderIdList` takes). @since 0.1.0 */
export const isOrderId = (id: string): boolean => /^[0-9]{1,20}$/.test(id)

/**
 * `orderId` or `origClientOrderId`, with the symbol.
 * @since 0.1.0
 */
export const refQuery = (market: Market, ref: OrderRef) =>
  ref.id !== undefined
    ? { symbol: market.symbol, orderId: ref.id }
    : { symbol: market.symbol, origClientOrderId: ref.clientOrderId }

/**
 * The parameters of `POST /api/v3/order` (Spot: post-only is type `LIMIT_MAKER`) or
 * `POST /fapi/v1/order` (USDⓈ-M: post-only is time in force `GTX`; reduce-only) for a validated
 * unified order. A market order has no time in force.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * @since 0.1.0
 */
export const orderParams = (
  product: "spot" | "usdm",
  market: Market,
  request: OrderRequest,
  clientOrderId: string
): Readonly<Record<string, string>> => {
  const limit = request.type === "limit"
  const makerType = product === "spot" && limit && request.postOnly === true
  return {
    symbol: market.symbol,
    side: request.side === "buy" ? "BUY" : "SELL",
    type: makerType ? "LIMIT_MAKER" : limit ? "LIMIT" : "MARKET",
    ...(limit && !makerType
      ? { timeInForce: request.postOnly === true ? "GTX" : request.timeInForce ?? "GTC" }
      : {}),
    quantity: Decimal.format(request.quantity),
    ...(limit && request.price !== undefined ? { price: Decimal.format(request.price) } : {}),
    ...(request.reduceOnly === true ? { reduceOnly: "true" } : {}),
    newClientOrderId: clientOrderId,
    newOrderRespType: "RESULT"
  }
}

/**
 * The body of `POST /fapi/v1/batchOrders`: `batchOrders` = a JSON array of order parameter objects.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Place-Multiple-Orders
 * @since 0.1.0
 */
export const batchPlaceParams = (items: ReadonlyArray<Readonly<Record<string, string>>>) => ({
  batchOrders: JSON.stringify(items)
})

/**
 * The query of `DELETE /fapi/v1/batchOrders` for refs of one symbol and one kind: `orderIdList`
 * (a JSON array of integers) or `origClientOrderIdList` (a JSON array of strings).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Multiple-Orders
 * @since 0.1.0
 */
export const batchCancelParams = (
  market: Market,
  refs: { readonly ids: ReadonlyArray<string> } | { readonly clientOrderIds: ReadonlyArray<string> }
): Readonly<Record<string, string>> =>
  "ids" in refs
    ? { symbol: market.symbol, orderIdList: `[${refs.ids.join(",")}]` }
    : { symbol: market.symbol, origClientOrderIdList: JSON.stringify(refs.clientOrderIds) }

/**
 * The parameters of `PUT /fapi/v1/order`: `symbol`, the order, and the required `side`, `quantity`
 * and `price`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Modify-Order
 * @since 0.1.0
 */
export const amendParams = (
  market: Market,
  ref: OrderRef,
  order: { readonly side: "buy" | "sell"; readonly quantity: Decimal.Decimal; readonly price: Decimal.Decimal }
): Readonly<Record<string, string>> => ({
  ...refQuery(market, ref),
  side: order.side === "buy" ? "BUY" : "SELL",
  quantity: Decimal.format(order.quantity),
  price: Decimal.format(order.price)
})

const decodeOrder = Schema.decodeUnknownEither(Wire.UsdmOrder)
const decodeEnvelope = Schema.decodeUnknownEither(Wire.ErrorEnvelope)

/**
 * One item of a USDⓈ-M batch response: an order, or `{code, msg}` mapped through the error table.
 * @since 0.1.0
 */
export const batchItem = (market: Market, raw: unknown, endpoint: string): Either.Either<Order, TradingError> => {
  const envelope = decodeEnvelope(raw)
  if (Either.isRight(envelope) && envelope.right.code < 0) {
    return Either.left(classify({ code: envelope.right.code, msg: envelope.right.msg, endpoint }))
  }
  const order = decodeOrder(raw)
  if (Either.isRight(order)) return Either.right(usdmOrder(market, order.right))
  return Either.left(
    new DecodeError({
      venue: "binance-usdm",
      endpoint,
      path: "batch item",
      detail: "neither an order nor an error envelope",
      snippet: JSON.stringify(raw).slice(0, 200),
      outcome: "ambiguous"
    })
  )
}
