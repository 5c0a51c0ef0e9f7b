/**
 * USDⓈ-M renderings of the engine's records: instruments (`exchangeInfo`), orders, positions,
 * balances. Prices and quantities are written with the instrument's precision, as USDⓈ-M does.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V2
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../../model/Decimal.js"
import { decimalPlaces, format, formatFixed } from "../../../../model/Decimal.js"
import type { Position } from "../../../engine/Engine.js"
import type { PerpInstrument } from "../../../engine/Instrument.js"
import type { Order } from "../../../engine/Order.js"
import { averagePrice } from "../../kit/Orders.js"
import { orderStatus, side } from "../wire.js"

/** Price digits of an instrument. @since 0.1.0 */
export const pricePrecision = (i: PerpInstrument): number => decimalPlaces(i.tickSize)
/** Quantity digits of an instrument. @since 0.1.0 */
export const quantityPrecision = (i: PerpInstrument): number => decimalPlaces(i.lotStep)

/** A price in the instrument's precision. @since 0.1.0 */
export const px = (i: PerpInstrument, d: Decimal): string => formatFixed(d, pricePrecision(i))
/** A quantity in the instrument's precision. @since 0.1.0 */
export const qty = (i: PerpInstrument, d: Decimal): string => formatFixed(d, quantityPrecision(i))
/** A book level `[price, quantity]` in the instrument's precision. @since 0.1.0 */
export const level =
  (i: PerpInstrument) => ([p, q]: readonly [Decimal, Decimal]): [string, string] => [px(i, p), qty(i, q)]
/** An amount of the margin asset (8 digits). @since 0.1.0 */
export const amount = (d: Decimal): string => formatFixed(d, 8)

const tif = (order: Order): string => order.postOnly ? "GTX" : order.timeInForce

/** An order as `POST/GET/DELETE /fapi/v1/order` answer it. @since 0.1.0 */
export const order = (i: PerpInstrument, o: Order) => {
  const type = o.type === "limit" ? "LIMIT" : "MARKET"
  const avg = averagePrice(o)
  return {
    orderId: o.orderId,
    symbol: i.nativeSymbol,
    status: orderStatus(o.status),
    clientOrderId: o.clientOrderId,
    price: px(i, o.price ?? BigDecimal.make(0n, 0)),
    avgPrice: avg === undefined ? "0.00" : format(avg),
    origQty: qty(i, o.quantity),
    executedQty: qty(i, o.executedQuantity),
    cumQty: qty(i, o.executedQuantity),
    cumQuote: amount(o.cumulativeQuote),
    timeInForce: tif(o),
    type,
    reduceOnly: o.reduceOnly,
    closePosition: false,
    side: side(o.side),
    positionSide: "BOTH",
    stopPrice: "0.00",
    workingType: "CONTRACT_PRICE",
    priceProtect: false,
    origType: type,
    priceMatch: "NONE",
    selfTradePreventionMode: "EXPIRE_MAKER",
    goodTillDate: 0,
    updateTime: o.updatedAt
  }
}

/** An order as `GET /fapi/v1/order` and `openOrders` answer it (with `time`). @since 0.1.0 */
export const queriedOrder = (i: PerpInstrument, o: Order) => ({ ...order(i, o), time: o.createdAt })

/** A futures symbol of `exchangeInfo`. @since 0.1.0 */
export const symbolInfo = (i: PerpInstrument) => ({
  symbol: i.nativeSymbol,
  pair: i.nativeSymbol,
  contractType: "PERPETUAL",
  deliveryDate: 4133404800000,
  onboardDate: 1569398400000,
  status: i.status === "trading" ? "TRADING" : "SETTLING",
  maintMarginPercent: "2.5000",
  requiredMarginPercent: "5.0000",
  baseAsset: i.base,
  quoteAsset: i.quote,
  marginAsset: i.settle,
  pricePrecision: pricePrecision(i),
  quantityPrecision: quantityPrecision(i),
  baseAssetPrecision: 8,
  quotePrecision: 8,
  underlyingType: "COIN",
  underlyingSubType: [],
  settlePlan: 0,
  triggerProtect: "0.0500",
  liquidationFee: "0.012500",
  marketTakeBound: "0.05",
  maxMoveOrderLimit: 10000,
  filters: [
    {
      filterType: "PRICE_FILTER",
      minPrice: px(i, i.minPrice),
      maxPrice: px(i, i.maxPrice),
      tickSize: format(i.tickSize)
    },
    ...["LOT_SIZE", "MARKET_LOT_SIZE"].map((filterType) => ({
      filterType,
      stepSize: format(i.lotStep),
      maxQty: format(i.maxQuantity),
      minQty: format(i.minQuantity)
    })),
    { filterType: "MAX_NUM_ORDERS", limit: 200 },
    { filterType: "MAX_NUM_ALGO_ORDERS", limit: 10 },
    { filterType: "MIN_NOTIONAL", notional: format(i.minNotional) },
    { filterType: "PERCENT_PRICE", multiplierUp: "1.0500", multiplierDown: "0.9500", multiplierDecimal: "4" }
  ],
  orderTypes: ["LIMIT", "MARKET"],
  timeInForce: ["GTC", "IOC", "FOK", "GTX"]
})

/** What a position's rows in `account` and `positionRisk` share (one-way mode). @since 0.1.0 */
export const position = (i: PerpInstrument, p: Position) => ({
  symbol: i.nativeSymbol,
  positionSide: "BOTH",
  positionAmt: qty(i, p.size),
  entryPrice: format(p.entryPrice),
  leverage: String(p.leverage),
  notional: amount(BigDecimal.isNegative(p.size) ? BigDecimal.negate(p.notional) : p.notional),
  isolatedWallet: "0",
  updateTime: p.updatedAt
})

/** A position of `GET /fapi/v2/positionRisk`. @since 0.1.0 */
export const positionRisk = (i: PerpInstrument, p: Position) => ({
  ...position(i, p),
  breakEvenPrice: format(p.entryPrice),
  markPrice: amount(p.markPrice),
  unRealizedProfit: amount(p.unrealizedPnl),
  liquidationPrice: "0",
  maxNotionalValue: "50000000",
  marginType: "cross",
  isolatedMargin: "0.00000000",
  isAutoAddMargin: "false"
})
