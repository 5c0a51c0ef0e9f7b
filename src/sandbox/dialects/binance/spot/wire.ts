/**
 * Renders the engine's records in Binance Spot's wire format: decimals as strings with 8 decimals,
 * enums in upper case, field names as in the docs.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
 * https://developers.binance.com/docs/binance-spot-api-docs/enums
 *
 * @since 0.1.0
 */
import { zero } from "../../../../model/Decimal.js"
import type { Instrument } from "../../../engine/Instrument.js"
import type { Fill, Order, Trade } from "../../../engine/Order.js"
import { level, num, orderStatus, recentTrade, side, tradeEvent } from "../wire.js"

/** `LIMIT`, `LIMIT_MAKER` or `MARKET`. @since 0.1.0 */
export const orderType = (order: Order): string =>
  order.type === "market" ? "MARKET" : order.postOnly ? "LIMIT_MAKER" : "LIMIT"

/** Binance reports GTC for MARKET and LIMIT_MAKER orders. */
const timeInForce = (order: Order): string => (order.type === "limit" && !order.postOnly ? order.timeInForce : "GTC")

const orderBody = (order: Order) => ({
  price: num(order.price ?? zero),
  origQty: num(order.quantity),
  executedQty: num(order.executedQuantity),
  cummulativeQuoteQty: num(order.cumulativeQuote),
  status: orderStatus(order.status),
  timeInForce: timeInForce(order),
  type: orderType(order),
  side: side(order.side),
  origQuoteOrderQty: num(order.quoteQuantity ?? zero),
  selfTradePreventionMode: "NONE"
})

/** The `ACK` response of `POST /api/v3/order`. @since 0.1.0 */
export const orderAck = (order: Order) => ({
  symbol: order.symbol,
  orderId: order.orderId,
  orderListId: -1,
  clientOrderId: order.clientOrderId,
  transactTime: order.createdAt
})

/** The `RESULT` response of `POST /api/v3/order`. @since 0.1.0 */
export const orderResult = (order: Order) => ({
  ...orderAck(order),
  ...orderBody(order),
  workingTime: order.createdAt
})

/** The `FULL` response of `POST /api/v3/order`: `RESULT` plus the taker fills. @since 0.1.0 */
export const orderFull = (order: Order, fills: ReadonlyArray<Fill>) => ({
  ...orderResult(order),
  fills: fills.map((f) => ({
    price: num(f.price),
    qty: num(f.quantity),
    commission: num(f.commission),
    commissionAsset: f.commissionAsset,
    tradeId: f.tradeId
  }))
})

/** An order as `GET /api/v3/order` and `GET /api/v3/openOrders` return it. @since 0.1.0 */
export const queriedOrder = (order: Order) => ({
  symbol: order.symbol,
  orderId: order.orderId,
  orderListId: -1,
  clientOrderId: order.clientOrderId,
  ...orderBody(order),
  stopPrice: num(zero),
  icebergQty: num(zero),
  time: order.createdAt,
  updateTime: order.updatedAt,
  isWorking: true,
  workingTime: order.createdAt
})

/** A canceled order as `DELETE /api/v3/order` returns it. @since 0.1.0 */
export const canceledOrder = (order: Order, cancelClientOrderId: string, transactTime: number) => ({
  symbol: order.symbol,
  origClientOrderId: order.clientOrderId,
  orderId: order.orderId,
  orderListId: -1,
  clientOrderId: cancelClientOrderId,
  transactTime,
  ...orderBody(order)
})

/** An account trade (`GET /api/v3/myTrades`). @since 0.1.0 */
export const accountTrade = (fill: Fill) => ({
  symbol: fill.symbol,
  id: fill.tradeId,
  orderId: fill.orderId,
  orderListId: -1,
  price: num(fill.price),
  qty: num(fill.quantity),
  quoteQty: num(fill.quote),
  commission: num(fill.commission),
  commissionAsset: fill.commissionAsset,
  time: fill.time,
  isBuyer: fill.side === "buy",
  isMaker: fill.maker,
  isBestMatch: true
})

/** A public trade (`GET /api/v3/trades`). @since 0.1.0 */
export const publicTrade = (trade: Trade) => ({
  ...recentTrade(level([trade.price, trade.quantity]), trade),
  isBestMatch: true
})

/** A trade as `GET /api/v3/aggTrades` lists it: its `aggTrade` event but `e`, `E` and `s`. @since 0.1.0 */
export const aggTrade = (trade: Trade) => {
  const { E: _E, e: _e, s: _s, ...fields } = tradeEvent("aggTrade", 0, "", level([trade.price, trade.quantity]), trade)
  return { ...fields, M: true }
}

const STATUS: Record<Instrument["status"], string> = { trading: "TRADING", break: "BREAK", halted: "HALT" }

/**
 * A symbol of `GET /api/v3/exchangeInfo` with its filters
 * (https://developers.binance.com/docs/binance-spot-api-docs/filters).
 * @since 0.1.0
 */
export const symbolInfo = (i: Instrument) => ({
  symbol: i.symbol,
  status: STATUS[i.status],
  baseAsset: i.base,
  baseAssetPrecision: i.basePrecision,
  quoteAsset: i.quote,
  quotePrecision: i.quotePrecision,
  quoteAssetPrecision: i.quotePrecision,
  baseCommissionPrecision: 8,
  quoteCommissionPrecision: 8,
  orderTypes: ["LIMIT", "LIMIT_MAKER", "MARKET"],
  icebergAllowed: false,
  ocoAllowed: false,
  otoAllowed: false,
  quoteOrderQtyMarketAllowed: true,
  allowTrailingStop: false,
  cancelReplaceAllowed: false,
  amendAllowed: false,
  pegInstructionsAllowed: false,
  isSpotTradingAllowed: true,
  isMarginTradingAllowed: false,
  filters: [
    { filterType: "PRICE_FILTER", minPrice: num(i.minPrice), maxPrice: num(i.maxPrice), tickSize: num(i.tickSize) },
    { filterType: "LOT_SIZE", minQty: num(i.minQuantity), maxQty: num(i.maxQuantity), stepSize: num(i.lotStep) },
    {
      filterType: "NOTIONAL",
      minNotional: num(i.minNotional),
      applyMinToMarket: true,
      maxNotional: num(i.maxNotional),
      applyMaxToMarket: false,
      avgPriceMins: 5
    }
  ],
  permissions: [],
  permissionSets: [["SPOT"]],
  defaultSelfTradePreventionMode: "NONE",
  allowedSelfTradePreventionModes: ["NONE"]
})
