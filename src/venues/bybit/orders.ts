/**
 * Bybit v5 orders, spot and linear (the category comes from the market): statuses, the wire order →
 * the unified order, and the request bodies of unified operations.
 *
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * https://bybit-exchange.github.io/docs/v5/order/open-order
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { OrderAmendment, OrderRef } from "../../Exchange.js"
import type * as ClientOrderId from "../../kernel/ClientOrderId.js"
import type { PreparedOrder } from "../../kernel/VenueAdapter.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
import { type Order, orderOf, type OrderRequest, statusTable } from "../../model/Order.js"
import { at, categoryOf } from "./convert.js"
import type * as Wire from "./wire.js"

/**
 * Order status → unified status.
 * https://bybit-exchange.github.io/docs/v5/enum#orderstatus
 * @since 0.1.0
 */
export const orderStatus = statusTable({
  open: ["New"],
  pending: ["Created", "Untriggered", "Triggered"],
  partially_filled: ["PartiallyFilled"],
  filled: ["Filled"],
  canceled: ["Cancelled", "PartiallyFilledCanceled", "Deactivated"],
  rejected: ["Rejected"]
})

/**
 * A spot market order that spent its amount: Bybit ends it `PartiallyFilledCanceled` with
 * `EC_CancelForNoFullFill` (what is left cannot buy one more lot), and a market buy placed by quote
 * amount (`marketUnit: quoteCoin`, the default for spot market buys) carries that amount in `qty`.
 * It executed in full. https://bybit-exchange.github.io/docs/v5/enum#rejectreason
 */
const spentMarketOrder = (market: Market, o: Wire.Order) =>
  market.type === "spot" && o.orderType === "Market" && o.rejectReason === "EC_CancelForNoFullFill" &&
  BigDecimal.isPositive(o.cumExecQty)

/**
 * A Bybit order; an IOC/FOK/market remainder Bybit cancelled itself is `expired` (`orderOf`).
 * @since 0.1.0
 */
export const toOrder = (market: Market, o: Wire.Order): Order => {
  const spent = spentMarketOrder(market, o)
  const status = orderStatus(o.orderStatus)
  return orderOf(market, {
    id: o.orderId,
    clientOrderId: o.orderLinkId,
    side: o.side,
    type: o.orderType === "Market" ? "market" : "limit",
    timeInForce: o.timeInForce === "GTC" || o.timeInForce === "IOC" || o.timeInForce === "FOK"
      ? o.timeInForce
      : undefined,
    postOnly: o.timeInForce === "PostOnly",
    reduceOnly: o.reduceOnly === true,
    price: o.price,
    // One unit: a spent market order's quantity is what it bought (its `qty` may be a quote amount).
    quantity: spent ? o.cumExecQty : o.qty,
    filledQuantity: o.cumExecQty,
    filledQuote: o.cumExecValue,
    averagePrice: o.avgPrice,
    status: spent && status === "canceled" ? "filled" : status,
    venueStatus: o.orderStatus,
    createdAt: o.createdTime,
    updatedAt: o.updatedTime
  })
}

/**
 * `orderLinkId`: at most 36 characters of letters, digits, `-` and `_`.
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * @since 0.1.0
 */
export const clientOrderId = {
  format: { prefix: "lx-", length: 32 } satisfies ClientOrderId.ClientOrderIdFormat,
  valid: (id: string) => /^[A-Za-z0-9_-]{1,36}$/.test(id),
  rule: "Bybit allows 1–36 of A-Z a-z 0-9 - _"
}

/**
 * The body of `POST /v5/order/create` (and one item of `create-batch`, without `category`). GTC is
 * Bybit's default for limit orders and is not sent; spot market quantities are in the base coin
 * (`marketUnit: baseCoin`; Bybit's default for a spot market buy is the quote coin).
 * @since 0.1.0
 */
export const orderBody = (market: Market, request: OrderRequest, clientOrderId: string) => {
  const category = categoryOf(market)
  // Built field by field in the documented order (no spreads: they are slow on the hot path).
  const body: Record<string, string | boolean> = {
    category,
    symbol: market.symbol,
    side: request.side === "buy" ? "Buy" : "Sell",
    orderType: request.type === "market" ? "Market" : "Limit",
    qty: Decimal.format(request.quantity)
  }
  if (request.price !== undefined) body["price"] = Decimal.format(request.price)
  if (request.type === "market") {
    if (category === "spot") body["marketUnit"] = "baseCoin"
  } else if (request.postOnly === true) body["timeInForce"] = "PostOnly"
  else if (request.timeInForce === "IOC" || request.timeInForce === "FOK") body["timeInForce"] = request.timeInForce
  if (request.reduceOnly === true) body["reduceOnly"] = true
  body["orderLinkId"] = clientOrderId
  return body
}

/**
 * Which order: `orderId` or `orderLinkId`.
 * @since 0.1.0
 */
export const refParams = (ref: OrderRef) =>
  ref.id !== undefined ? { orderId: ref.id } : { orderLinkId: ref.clientOrderId }

/** Query of `GET /v5/order/realtime` for one order, and body of `POST /v5/order/cancel`. @since 0.1.0 */
export const orderQuery = (market: Market, ref: OrderRef) => ({ ...at(market), ...refParams(ref) })

/** Body of `POST /v5/order/amend`. @since 0.1.0 */
export const amendBody = (market: Market, ref: OrderRef, amendment: OrderAmendment) => ({
  ...orderQuery(market, ref),
  ...(amendment.quantity !== undefined ? { qty: Decimal.format(amendment.quantity) } : {}),
  ...(amendment.price !== undefined ? { price: Decimal.format(amendment.price) } : {})
})

/** Body of `POST /v5/order/create-batch` for orders of one category. @since 0.1.0 */
export const batchCreateBody = (items: ReadonlyArray<PreparedOrder>) => ({
  category: categoryOf(items[0]!.market),
  request: items.map(({ clientOrderId, market, request }) => {
    const { category: _, ...item } = orderBody(market, request, clientOrderId)
    return item
  })
})

/** Body of `POST /v5/order/cancel-batch` for orders of one category. @since 0.1.0 */
export const batchCancelBody = (items: ReadonlyArray<{ readonly market: Market; readonly ref: OrderRef }>) => ({
  category: categoryOf(items[0]!.market),
  request: items.map(({ market, ref }) => ({ symbol: market.symbol, ...refParams(ref) }))
})

/** Query of `GET /v5/position/list`: by symbol, or every USDT-settled position. @since 0.1.0 */
export const positionsQuery = (market?: Market) =>
  market === undefined
    ? { settleCoin: "USDT", category: "linear", limit: "200" }
    : { category: "linear", symbol: market.symbol, limit: "200" }

/** Query of `GET /v5/account/wallet-balance`. @since 0.1.0 */
export const balanceQuery = { accountType: "UNIFIED" } as const
