/**
 * Binance USDⓈ-M futures wire formats, as the official documentation defines them. Decimals arrive
 * as strings and are decoded strictly; a field that is missing or malformed is a decode error.
 *
 * REST: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api
 * Streams: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal, UnsignedDecimal } from "../../model/Decimal.js"
import { Id } from "../../model/Id.js"
import { EpochMillis } from "../../model/Timestamp.js"

/** GET /fapi/v1/time — https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Check-Server-Time */
export const ServerTime = Schema.Struct({ serverTime: EpochMillis })

const PriceFilter = Schema.Struct({
  filterType: Schema.Literal("PRICE_FILTER"),
  minPrice: Decimal,
  maxPrice: Decimal,
  tickSize: Decimal
})
const LotSize = Schema.Struct({
  filterType: Schema.Literal("LOT_SIZE"),
  minQty: Decimal,
  maxQty: Decimal,
  stepSize: Decimal
})
/** USDⓈ-M's MIN_NOTIONAL carries `notional` (Spot's carries `minNotional`). */
const MinNotional = Schema.Struct({ filterType: Schema.Literal("MIN_NOTIONAL"), notional: Decimal })
const knownFilters: ReadonlyArray<string> = ["PRICE_FILTER", "LOT_SIZE", "MIN_NOTIONAL"]
/** Filters LotusX does not read; a malformed known filter must not fall through to here. */
const OtherFilter = Schema.Struct({
  filterType: Schema.String.pipe(Schema.filter((t) => !knownFilters.includes(t)))
})

/**
 * Symbol filters (PRICE_FILTER, LOT_SIZE, MIN_NOTIONAL; the others are not read).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
 * @since 0.1.0
 */
export const SymbolFilter = Schema.Union(PriceFilter, LotSize, MinNotional, OtherFilter)

/**
 * One entry of `exchangeInfo.symbols`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
 * @since 0.1.0
 */
export const SymbolInfo = Schema.Struct({
  symbol: Schema.String,
  contractType: Schema.String,
  status: Schema.String,
  baseAsset: Schema.String,
  quoteAsset: Schema.String,
  marginAsset: Schema.String,
  orderTypes: Schema.Array(Schema.String),
  filters: Schema.Array(SymbolFilter)
})
/** @since 0.1.0 */
export type SymbolInfo = typeof SymbolInfo.Type

/**
 * `exchangeInfo`; symbols are decoded one by one so one odd instrument cannot hide the others.
 * @since 0.1.0
 */
export const ExchangeInfo = Schema.Struct({
  serverTime: Schema.Number,
  symbols: Schema.Array(Schema.Unknown)
})

/**
 * GET /fapi/v1/ticker/24hr (no bid/ask on USDⓈ-M: those come from `ticker/bookTicker`).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/24hr-Ticker-Price-Change-Statistics
 * @since 0.1.0
 */
export const Ticker24hr = Schema.Struct({
  symbol: Schema.String,
  priceChange: Decimal,
  priceChangePercent: Decimal,
  lastPrice: UnsignedDecimal,
  openPrice: UnsignedDecimal,
  highPrice: UnsignedDecimal,
  lowPrice: UnsignedDecimal,
  volume: UnsignedDecimal,
  quoteVolume: UnsignedDecimal,
  openTime: Schema.Number,
  closeTime: Schema.Number
})
/** @since 0.1.0 */
export type Ticker24hr = typeof Ticker24hr.Type

/**
 * GET /fapi/v1/ticker/bookTicker.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Symbol-Order-Book-Ticker
 * @since 0.1.0
 */
export const BookTicker = Schema.Struct({
  symbol: Schema.String,
  bidPrice: UnsignedDecimal,
  bidQty: UnsignedDecimal,
  askPrice: UnsignedDecimal,
  askQty: UnsignedDecimal,
  time: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type BookTicker = typeof BookTicker.Type

const Level = Schema.Tuple(UnsignedDecimal, UnsignedDecimal)

/**
 * GET /fapi/v1/depth.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book
 * @since 0.1.0
 */
export const Depth = Schema.Struct({
  lastUpdateId: Schema.Number,
  E: Schema.optional(Schema.Number),
  T: Schema.optional(Schema.Number),
  bids: Schema.Array(Level),
  asks: Schema.Array(Level)
})
/** @since 0.1.0 */
export type Depth = typeof Depth.Type

/**
 * GET /fapi/v1/trades.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Recent-Trades-List
 * @since 0.1.0
 */
export const RecentTrade = Schema.Struct({
  id: Id,
  price: UnsignedDecimal,
  qty: UnsignedDecimal,
  time: Schema.Number,
  isBuyerMaker: Schema.Boolean
})
/** @since 0.1.0 */
export type RecentTrade = typeof RecentTrade.Type

/**
 * GET /fapi/v1/klines: arrays of
 * `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore]`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Kline-Candlestick-Data
 * @since 0.1.0
 */
export const Kline = Schema.Tuple(
  [Schema.Number, Decimal, Decimal, Decimal, Decimal, Decimal, Schema.Number, Decimal, Schema.Number],
  Schema.Unknown
)
/** @since 0.1.0 */
export type Kline = typeof Kline.Type

/**
 * GET /fapi/v1/premiumIndex (one symbol).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Mark-Price
 * @since 0.1.0
 */
export const PremiumIndex = Schema.Struct({
  symbol: Schema.String,
  markPrice: Decimal,
  indexPrice: Decimal,
  lastFundingRate: Decimal,
  nextFundingTime: Schema.Number,
  time: Schema.Number
})
/** @since 0.1.0 */
export type PremiumIndex = typeof PremiumIndex.Type

/**
 * GET /fapi/v1/fundingRate. Old records may carry `markPrice: ""` (no mark price recorded).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Get-Funding-Rate-History
 * @since 0.1.0
 */
export const FundingRateRecord = Schema.Struct({
  symbol: Schema.String,
  fundingRate: Decimal,
  fundingTime: Schema.Number,
  markPrice: Schema.optional(Schema.Union(Schema.Literal(""), Decimal))
})
/** @since 0.1.0 */
export type FundingRateRecord = typeof FundingRateRecord.Type

/**
 * `<symbol>@ticker` event (USDⓈ-M has no best bid/ask in it).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Ticker-Streams
 * @since 0.1.0
 */
export const TickerEvent = Schema.Struct({
  e: Schema.Literal("24hrTicker"),
  E: Schema.Number,
  s: Schema.String,
  p: Decimal,
  P: Decimal,
  c: Decimal,
  o: Decimal,
  h: Decimal,
  l: Decimal,
  v: Decimal,
  q: Decimal
})

/**
 * `<symbol>@aggTrade` event; `a` is the aggregate trade id.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams
 * @since 0.1.0
 */
export const AggTradeEvent = Schema.Struct({
  e: Schema.Literal("aggTrade"),
  E: Schema.Number,
  s: Schema.String,
  a: Id,
  p: Decimal,
  q: Decimal,
  T: Schema.Number,
  m: Schema.Boolean
})

/**
 * `<symbol>@kline_<interval>` event.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Kline-Candlestick-Streams
 * @since 0.1.0
 */
export const KlineEvent = Schema.Struct({
  e: Schema.Literal("kline"),
  E: Schema.Number,
  s: Schema.String,
  k: Schema.Struct({
    t: Schema.Number,
    T: Schema.Number,
    s: Schema.String,
    i: Schema.String,
    o: Decimal,
    c: Decimal,
    h: Decimal,
    l: Decimal,
    v: Decimal,
    n: Schema.Number,
    x: Schema.Boolean,
    q: Decimal
  })
})

/**
 * An order as `POST/GET/DELETE/PUT /fapi/v1/order`, `batchOrders` and `openOrders` return it.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Query-Order
 * @since 0.1.0
 */
export const Order = Schema.Struct({
  symbol: Schema.String,
  orderId: Id,
  clientOrderId: Schema.String,
  price: Decimal,
  avgPrice: Decimal,
  origQty: Decimal,
  executedQty: Decimal,
  cumQuote: Decimal,
  status: Schema.String,
  timeInForce: Schema.String,
  type: Schema.String,
  reduceOnly: Schema.Boolean,
  side: Schema.Literal("BUY", "SELL"),
  time: Schema.optional(Schema.Number),
  updateTime: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type Order = typeof Order.Type

/**
 * GET /fapi/v2/account (the fields LotusX reads).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V2
 * @since 0.1.0
 */
export const Account = Schema.Struct({
  canTrade: Schema.Boolean,
  canWithdraw: Schema.Boolean,
  canDeposit: Schema.Boolean
})

/**
 * One asset of GET /fapi/v2/balance.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Futures-Account-Balance-V2
 * @since 0.1.0
 */
export const Balance = Schema.Struct({
  asset: Schema.String,
  balance: Decimal,
  availableBalance: Decimal
})

/**
 * One entry of GET /fapi/v2/positionRisk.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V2
 * @since 0.1.0
 */
export const PositionRisk = Schema.Struct({
  symbol: Schema.String,
  positionAmt: Decimal,
  entryPrice: Decimal,
  markPrice: Decimal,
  unRealizedProfit: Decimal,
  liquidationPrice: Decimal,
  leverage: Decimal,
  marginType: Schema.String,
  updateTime: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type PositionRisk = typeof PositionRisk.Type

/**
 * The error envelope, also an item of a batch response: `{"code": -2022, "msg": "..."}`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
 * @since 0.1.0
 */
export const ErrorEnvelope = Schema.Struct({ code: Schema.Number, msg: Schema.String })
