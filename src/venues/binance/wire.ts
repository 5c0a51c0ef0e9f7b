/**
 * Binance wire formats, Spot and USDⓈ-M, as the official documentation defines them. Decimals arrive
 * as strings and are decoded strictly; a field that is missing or malformed is a decode error. What
 * the two products share is written once; where a shape differs, each product has its own Schema.
 *
 * Spot REST: https://developers.binance.com/docs/binance-spot-api-docs/rest-api
 * Spot streams: https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 * USDⓈ-M REST: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api
 * USDⓈ-M streams: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal, UnsignedDecimal } from "../../model/Decimal.js"
import { Id } from "../../model/Id.js"
import { EpochMillis } from "../../model/Timestamp.js"

/** `GET /api/v3/time`, `GET /fapi/v1/time`. @since 0.1.0 */
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
/** Spot names the minimum `minNotional`; USDⓈ-M names it `notional`. */
const MinNotional = Schema.Struct({
  filterType: Schema.Literal("MIN_NOTIONAL"),
  minNotional: Schema.optional(Decimal),
  notional: Schema.optional(Decimal)
})
const Notional = Schema.Struct({
  filterType: Schema.Literal("NOTIONAL"),
  minNotional: Decimal,
  maxNotional: Schema.optional(Decimal)
})
const knownFilters: ReadonlyArray<string> = ["PRICE_FILTER", "LOT_SIZE", "MIN_NOTIONAL", "NOTIONAL"]
const OtherFilter = Schema.Struct({
  filterType: Schema.String.pipe(Schema.filter((t) => !knownFilters.includes(t)))
})

/**
 * Symbol filters: https://developers.binance.com/docs/binance-spot-api-docs/filters and
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
 * @since 0.1.0
 */
export const SymbolFilter = Schema.Union(PriceFilter, LotSize, MinNotional, Notional, OtherFilter)
/** @since 0.1.0 */
export type SymbolFilter = typeof SymbolFilter.Type

const symbolFields = {
  symbol: Schema.String,
  status: Schema.String,
  baseAsset: Schema.String,
  quoteAsset: Schema.String,
  orderTypes: Schema.Array(Schema.String),
  filters: Schema.Array(SymbolFilter)
}

/**
 * One `exchangeInfo` symbol; USDⓈ-M adds `contractType` and `marginAsset`.
 * @since 0.1.0
 */
export const SymbolInfo = Schema.Struct({
  ...symbolFields,
  contractType: Schema.optional(Schema.String),
  marginAsset: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type SymbolInfo = typeof SymbolInfo.Type

/** `exchangeInfo`: each symbol is decoded on its own, so one odd symbol does not fail the list. @since 0.1.0 */
export const ExchangeInfo = Schema.Struct({
  serverTime: Schema.Number,
  symbols: Schema.Array(Schema.Unknown)
})

const tickerFields = {
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
}

/**
 * `GET /api/v3/ticker/24hr` (with best bid/ask) and `GET /fapi/v1/ticker/24hr` (without: USDⓈ-M
 * has them in `bookTicker`).
 * @since 0.1.0
 */
export const Ticker24hr = Schema.Struct({
  ...tickerFields,
  bidPrice: Schema.optional(UnsignedDecimal),
  bidQty: Schema.optional(UnsignedDecimal),
  askPrice: Schema.optional(UnsignedDecimal),
  askQty: Schema.optional(UnsignedDecimal)
})
/** @since 0.1.0 */
export type Ticker24hr = typeof Ticker24hr.Type

/**
 * `GET /fapi/v1/ticker/bookTicker`.
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

/** `GET /api/v3/depth`, `GET /fapi/v1/depth` (which adds `E` and `T`). @since 0.1.0 */
export const Depth = Schema.Struct({
  lastUpdateId: Schema.Number,
  E: Schema.optional(Schema.Number),
  T: Schema.optional(Schema.Number),
  bids: Schema.Array(Level),
  asks: Schema.Array(Level)
})
/** @since 0.1.0 */
export type Depth = typeof Depth.Type

/** `GET /api/v3/trades`, `GET /fapi/v1/trades`. @since 0.1.0 */
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
 * A kline row: open time, open, high, low, close, volume, close time, quote volume, trade count,
 * then fields not used here.
 * @since 0.1.0
 */
export const Kline = Schema.Tuple(
  [Schema.Number, Decimal, Decimal, Decimal, Decimal, Decimal, Schema.Number, Decimal, Schema.Number],
  Schema.Unknown
)
/** @since 0.1.0 */
export type Kline = typeof Kline.Type

/** `GET /fapi/v1/premiumIndex`. @since 0.1.0 */
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

/** `GET /fapi/v1/fundingRate`; `markPrice` is `""` for old records. @since 0.1.0 */
export const FundingRateRecord = Schema.Struct({
  symbol: Schema.String,
  fundingRate: Decimal,
  fundingTime: Schema.Number,
  markPrice: Schema.optional(Schema.Union(Schema.Literal(""), Decimal))
})
/** @since 0.1.0 */
export type FundingRateRecord = typeof FundingRateRecord.Type

/** `<symbol>@ticker`; Spot adds the best bid/ask (`b`, `B`, `a`, `A`). @since 0.1.0 */
export const TickerEvent = Schema.Struct({
  e: Schema.Literal("24hrTicker"),
  E: EpochMillis,
  s: Schema.String,
  p: Decimal,
  P: Decimal,
  c: UnsignedDecimal,
  b: Schema.optional(UnsignedDecimal),
  B: Schema.optional(UnsignedDecimal),
  a: Schema.optional(UnsignedDecimal),
  A: Schema.optional(UnsignedDecimal),
  o: UnsignedDecimal,
  h: UnsignedDecimal,
  l: UnsignedDecimal,
  v: UnsignedDecimal,
  q: UnsignedDecimal
})

/** Spot `<symbol>@trade` (`t`, trade id) and USDⓈ-M `<symbol>@aggTrade` (`a`, aggregate id). @since 0.1.0 */
export const TradeEvent = Schema.Struct({
  e: Schema.Literal("trade", "aggTrade"),
  E: Schema.Number,
  s: Schema.String,
  t: Schema.optional(Id),
  a: Schema.optional(Id),
  p: UnsignedDecimal,
  q: UnsignedDecimal,
  T: Schema.Number,
  m: Schema.Boolean
})

/** `<symbol>@kline_<interval>`. @since 0.1.0 */
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
 * A Spot order as `POST /api/v3/order` (RESULT), `GET /api/v3/order`, `GET /api/v3/openOrders` and
 * `DELETE /api/v3/order` return it; cancel responses carry the order's own client id in
 * `origClientOrderId`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 * @since 0.1.0
 */
export const SpotOrder = Schema.Struct({
  symbol: Schema.String,
  orderId: Id,
  clientOrderId: Schema.String,
  origClientOrderId: Schema.optional(Schema.String),
  price: Decimal,
  origQty: Decimal,
  executedQty: Decimal,
  cummulativeQuoteQty: Decimal,
  status: Schema.String,
  timeInForce: Schema.optional(Schema.String),
  type: Schema.String,
  side: Schema.Literal("BUY", "SELL"),
  transactTime: Schema.optional(Schema.Number),
  time: Schema.optional(Schema.Number),
  updateTime: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type SpotOrder = typeof SpotOrder.Type

/**
 * A USDⓈ-M order.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * @since 0.1.0
 */
export const UsdmOrder = Schema.Struct({
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
export type UsdmOrder = typeof UsdmOrder.Type

/**
 * `GET /api/v3/account` (with balances) and `GET /fapi/v2/account` (permissions only are used).
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-information-user_data
 * @since 0.1.0
 */
export const Account = Schema.Struct({
  canTrade: Schema.Boolean,
  canWithdraw: Schema.Boolean,
  canDeposit: Schema.Boolean,
  balances: Schema.optional(
    Schema.Array(Schema.Struct({ asset: Schema.String, free: Decimal, locked: Decimal }))
  )
})

/**
 * `GET /fapi/v2/balance`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Futures-Account-Balance-V2
 * @since 0.1.0
 */
export const UsdmBalance = Schema.Struct({
  asset: Schema.String,
  balance: Decimal,
  availableBalance: Decimal
})

/**
 * `GET /fapi/v2/positionRisk`.
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

/** The error envelope, `{"code": -2010, "msg": "..."}`. @since 0.1.0 */
export const ErrorEnvelope = Schema.Struct({ code: Schema.Number, msg: Schema.String })
