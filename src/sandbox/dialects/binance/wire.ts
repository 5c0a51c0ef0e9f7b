/**
 * Renderings both Binance products share: decimals, order statuses, klines and their stream event,
 * the 24-hour ticker and its stream event, book levels.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/enums
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { formatFixed, zero } from "../../../model/Decimal.js"
import type { OrderStatus, Trade } from "../../engine/Order.js"
import type { Candle, RollingStats } from "../../engine/Statistics.js"
import { relativeChange, volumeWeightedPrice } from "../kit/Tickers.js"

/** A decimal as Binance writes it (8 decimals). @since 0.1.0 */
export const num = (d: Decimal): string => formatFixed(d, 8)

const ORDER_STATUS: Record<OrderStatus, string> = {
  new: "NEW",
  partially_filled: "PARTIALLY_FILLED",
  filled: "FILLED",
  canceled: "CANCELED",
  expired: "EXPIRED"
}

/** https://developers.binance.com/docs/binance-spot-api-docs/enums#order-status-status @since 0.1.0 */
export const orderStatus = (status: OrderStatus): string => ORDER_STATUS[status]

/** `BUY` or `SELL`. @since 0.1.0 */
export const side = (s: "buy" | "sell"): "BUY" | "SELL" => (s === "buy" ? "BUY" : "SELL")

/** A level as `[price, quantity]` strings. @since 0.1.0 */
export const level = ([price, quantity]: readonly [Decimal, Decimal]): [string, string] => [num(price), num(quantity)]

/**
 * The `trade` or `aggTrade` stream event of a trade, its price and quantity written (each sandbox
 * trade is its own aggregate).
 * @since 0.1.0
 */
export const tradeEvent = (
  kind: "trade" | "aggTrade",
  E: number,
  s: string,
  [p, q]: readonly [string, string],
  { buyerIsMaker: m, time: T, tradeId: id }: Trade
) => kind === "trade" ? { e: kind, E, s, t: id, p, q, T, m } : { e: kind, E, s, a: id, p, q, f: id, l: id, T, m }

/** A trade as the recent-trades endpoints list it, its price and quantity written. @since 0.1.0 */
export const recentTrade = ([price, qty]: readonly [string, string], t: Trade) => ({
  id: t.tradeId,
  price,
  qty,
  quoteQty: num(t.quote),
  time: t.time,
  isBuyerMaker: t.buyerIsMaker
})

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

/** A 24-hour ticker (`GET /api/v3/ticker/24hr`, type FULL). @since 0.1.0 */
export const ticker24hr = (
  symbol: string,
  s: RollingStats,
  bid: readonly [Decimal, Decimal],
  ask: readonly [Decimal, Decimal]
) => ({
  priceChange: num(BigDecimal.subtract(s.last, s.count === 0 ? s.last : s.open)),
  priceChangePercent: formatFixed(relativeChange(s.open, s.last, 3, 100n), 3),
  weightedAvgPrice: num(volumeWeightedPrice(s) ?? zero),
  prevClosePrice: num(s.previousClose),
  lastQty: num(s.lastQuantity),
  bidPrice: num(bid[0]),
  bidQty: num(bid[1]),
  askPrice: num(ask[0]),
  askQty: num(ask[1]),
  ...ticker24hrMini(symbol, s)
})

/** The fields of the `24hrTicker` stream event, by their names in the 24-hour ticker. */
const TICKER_EVENT_FIELDS = (
  "p:priceChange P:priceChangePercent w:weightedAvgPrice x:prevClosePrice c:lastPrice Q:lastQty b:bidPrice " +
  "B:bidQty a:askPrice A:askQty o:openPrice h:highPrice l:lowPrice v:volume q:quoteVolume O:openTime " +
  "C:closeTime F:firstId L:lastId n:count"
).split(" ").map((f) => f.split(":") as [string, keyof ReturnType<typeof ticker24hr>])

/** The `24hrTicker` stream event: the 24-hour ticker under the event's short names. @since 0.1.0 */
export const tickerEvent = (
  eventTime: number,
  symbol: string,
  s: RollingStats,
  bid: readonly [Decimal, Decimal],
  ask: readonly [Decimal, Decimal]
): Readonly<Record<string, unknown>> => {
  const t = ticker24hr(symbol, s, bid, ask)
  return {
    e: "24hrTicker",
    E: eventTime,
    s: symbol,
    ...Object.fromEntries(TICKER_EVENT_FIELDS.map(([k, f]) => [k, t[f]]))
  }
}

/** The `kline` stream event: the kline array's fields under the event's names. @since 0.1.0 */
export const klineEvent = (eventTime: number, symbol: string, interval: string, c: Candle, now: number) => {
  const [t, o, h, l, close, v, T, q, n, V, Q, B] = kline(c)
  const [f, L, x] = [c.firstTradeId, c.lastTradeId, now > c.closeTime]
  return {
    e: "kline",
    E: eventTime,
    s: symbol,
    k: { t, T, s: symbol, i: interval, f, L, o, c: close, h, l, v, n, x, q, V, Q, B }
  }
}
