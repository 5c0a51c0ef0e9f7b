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
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { formatFixed, zero } from "../../../model/Decimal.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { Fill, Order, OrderStatus, Trade } from "../../engine/Order.js"
import type { Candle, RollingStats } from "../../engine/Statistics.js"

/** A decimal as Binance writes it (8 decimals). @since 0.1.0 */
export const num = (d: Decimal): string => formatFixed(d, 8)

/** https://developers.binance.com/docs/binance-spot-api-docs/enums#order-status-status @since 0.1.0 */
export const orderStatus = (status: OrderStatus): string => {
  switch (status) {
    case "new":
      return "NEW"
    case "partially_filled":
      return "PARTIALLY_FILLED"
    case "filled":
      return "FILLED"
    case "canceled":
      return "CANCELED"
    case "expired":
      return "EXPIRED"
  }
}

/** `LIMIT`, `LIMIT_MAKER` or `MARKET`. @since 0.1.0 */
export const orderType = (order: Order): string =>
  order.type === "market" ? "MARKET" : order.postOnly ? "LIMIT_MAKER" : "LIMIT"

const side = (order: { readonly side: "buy" | "sell" }): string => (order.side === "buy" ? "BUY" : "SELL")

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
  side: side(order)
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
  origQuoteOrderQty: num(order.quoteQuantity ?? zero),
  workingTime: order.createdAt,
  selfTradePreventionMode: "NONE"
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
  workingTime: order.createdAt,
  origQuoteOrderQty: num(order.quoteQuantity ?? zero),
  selfTradePreventionMode: "NONE"
})

/** A canceled order as `DELETE /api/v3/order` returns it. @since 0.1.0 */
export const canceledOrder = (order: Order, cancelClientOrderId: string, transactTime: number) => ({
  symbol: order.symbol,
  origClientOrderId: order.clientOrderId,
  orderId: order.orderId,
  orderListId: -1,
  clientOrderId: cancelClientOrderId,
  transactTime,
  ...orderBody(order),
  origQuoteOrderQty: num(order.quoteQuantity ?? zero),
  selfTradePreventionMode: "NONE"
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
  id: trade.tradeId,
  price: num(trade.price),
  qty: num(trade.quantity),
  quoteQty: num(trade.quote),
  time: trade.time,
  isBuyerMaker: trade.buyerIsMaker,
  isBestMatch: true
})

/** A level as `[price, quantity]` strings. @since 0.1.0 */
export const level = ([price, quantity]: readonly [Decimal, Decimal]): [string, string] => [num(price), num(quantity)]

/** A kline array, in Binance's order. @since 0.1.0 */
export const kline = (c: Candle) => [
  c.openTime,
  num(c.open),
  num(c.high),
  num(c.low),
  num(c.close),
  num(c.volume),
  c.closeTime,
  num(c.quoteVolume),
  c.count,
  num(c.takerBuyVolume),
  num(c.takerBuyQuoteVolume),
  "0"
]

const percentChange = (open: Decimal, last: Decimal): string =>
  BigDecimal.isZero(open)
    ? "0.000"
    : formatFixed(
      BigDecimal.round(
        BigDecimal.unsafeDivide(
          BigDecimal.multiply(BigDecimal.subtract(last, open), BigDecimal.fromBigInt(100n)),
          open
        ),
        { scale: 3, mode: "half-from-zero" }
      ),
      3
    )

const weightedAverage = (s: RollingStats): Decimal =>
  BigDecimal.isZero(s.volume) ? zero : BigDecimal.unsafeDivide(s.quoteVolume, s.volume)

/** A 24-hour ticker, type MINI (also the tail of type FULL). @since 0.1.0 */
export const ticker24hrMini = (symbol: string, s: RollingStats) => ({
  symbol,
  openPrice: num(s.open),
  highPrice: num(s.high),
  lowPrice: num(s.low),
  lastPrice: num(s.last),
  volume: num(s.volume),
  quoteVolume: num(s.quoteVolume),
  openTime: s.openTime,
  closeTime: s.closeTime,
  firstId: s.firstTradeId,
  lastId: s.lastTradeId,
  count: s.count
})

/**
 * A 24-hour ticker (`GET /api/v3/ticker/24hr`, type FULL).
 * @since 0.1.0
 */
export const ticker24hr = (
  symbol: string,
  s: RollingStats,
  bid: readonly [Decimal, Decimal],
  ask: readonly [Decimal, Decimal]
) => ({
  priceChange: num(BigDecimal.subtract(s.last, s.count === 0 ? s.last : s.open)),
  priceChangePercent: percentChange(s.open, s.last),
  weightedAvgPrice: num(weightedAverage(s)),
  prevClosePrice: num(s.previousClose),
  lastQty: num(s.lastQuantity),
  bidPrice: num(bid[0]),
  bidQty: num(bid[1]),
  askPrice: num(ask[0]),
  askQty: num(ask[1]),
  ...ticker24hrMini(symbol, s)
})

/** The `24hrTicker` stream event. @since 0.1.0 */
export const tickerEvent = (
  eventTime: number,
  symbol: string,
  s: RollingStats,
  bid: readonly [Decimal, Decimal],
  ask: readonly [Decimal, Decimal]
) => {
  const t = ticker24hr(symbol, s, bid, ask)
  return {
    e: "24hrTicker",
    E: eventTime,
    s: symbol,
    p: t.priceChange,
    P: t.priceChangePercent,
    w: t.weightedAvgPrice,
    x: t.prevClosePrice,
    c: t.lastPrice,
    Q: t.lastQty,
    b: t.bidPrice,
    B: t.bidQty,
    a: t.askPrice,
    A: t.askQty,
    o: t.openPrice,
    h: t.highPrice,
    l: t.lowPrice,
    v: t.volume,
    q: t.quoteVolume,
    O: t.openTime,
    C: t.closeTime,
    F: t.firstId,
    L: t.lastId,
    n: t.count
  }
}

/** The `kline` stream event. @since 0.1.0 */
export const klineEvent = (eventTime: number, symbol: string, interval: string, c: Candle, now: number) => ({
  e: "kline",
  E: eventTime,
  s: symbol,
  k: {
    t: c.openTime,
    T: c.closeTime,
    s: symbol,
    i: interval,
    f: c.firstTradeId,
    L: c.lastTradeId,
    o: num(c.open),
    c: num(c.close),
    h: num(c.high),
    l: num(c.low),
    v: num(c.volume),
    n: c.count,
    x: now > c.closeTime,
    q: num(c.quoteVolume),
    V: num(c.takerBuyVolume),
    Q: num(c.takerBuyQuoteVolume),
    B: "0"
  }
})

/** The `trade` stream event. @since 0.1.0 */
export const tradeEvent = (eventTime: number, trade: Trade) => ({
  e: "trade",
  E: eventTime,
  s: trade.symbol,
  t: trade.tradeId,
  p: num(trade.price),
  q: num(trade.quantity),
  T: trade.time,
  m: trade.buyerIsMaker,
  M: true
})

/** The `aggTrade` stream event of a single trade. @since 0.1.0 */
export const aggTradeEvent = (eventTime: number, trade: Trade) => ({
  e: "aggTrade",
  E: eventTime,
  s: trade.symbol,
  a: trade.tradeId,
  p: num(trade.price),
  q: num(trade.quantity),
  f: trade.tradeId,
  l: trade.tradeId,
  T: trade.time,
  m: trade.buyerIsMaker,
  M: true
})

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
