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
import { fieldsOf } from "../../kernel/WireDecode.js"
import { Decimal, UnsignedDecimal } from "../../model/Decimal.js"
import { Id } from "../../model/Id.js"
import { EpochMillis } from "../../model/Timestamp.js"

/** `GET /api/v3/time`, `GET /fapi/v1/time`. @since 0.1.0 */
export const ServerTime = Schema.Struct({ serverTime: EpochMillis })

const PriceFilter = Schema.Struct({
  filterType: Schema.Literal("PRICE_FILTER"),
  ...fieldsOf(Decimal, "minPrice", "maxPrice", "tickSize")
})
const LotSize = Schema.Struct({
  filterType: Schema.Literal("LOT_SIZE"),
  ...fieldsOf(Decimal, "minQty", "maxQty", "stepSize")
})
/** Spot names the minimum `minNotional`; USDⓈ-M names it `notional`. */
const MinNotional = Schema.Struct({
  filterType: Schema.Literal("MIN_NOTIONAL"),
  ...fieldsOf(Schema.optional(Decimal), "minNotional", "notional")
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
  ...fieldsOf(Schema.String, "symbol", "status", "baseAsset", "quoteAsset"),
  orderTypes: Schema.Array(Schema.String),
  filters: Schema.Array(SymbolFilter)
}

/**
 * One `exchangeInfo` symbol; USDⓈ-M adds `contractType` and `marginAsset`.
 * @since 0.1.0
 */
export const SymbolInfo = Schema.Struct({
  ...symbolFields,
  ...fieldsOf(Schema.optional(Schema.String), "contractType", "marginAsset")
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
  ...fieldsOf(Decimal, "priceChange", "priceChangePercent"),
  ...fieldsOf(UnsignedDecimal, "lastPrice", "openPrice", "highPrice", "lowPrice", "volume", "quoteVolume"),
  ...fieldsOf(Schema.Number, "openTime", "closeTime")
}

const bestBidAsk = ["bidPrice", "bidQty", "askPrice", "askQty"] as const

/**
 * `GET /api/v3/ticker/24hr` (with best bid/ask) and `GET /fapi/v1/ticker/24hr` (without: USDⓈ-M
 * has them in `bookTicker`).
 * @since 0.1.0
 */
export const Ticker24hr = Schema.Struct({
  ...tickerFields,
  ...fieldsOf(Schema.optional(UnsignedDecimal), ...bestBidAsk)
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
  ...fieldsOf(UnsignedDecimal, ...bestBidAsk),
  time: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type BookTicker = typeof BookTicker.Type

const Level = Schema.Tuple(UnsignedDecimal, UnsignedDecimal)

/** `GET /api/v3/depth`, `GET /fapi/v1/depth` (which adds `E` and `T`). @since 0.1.0 */
export const Depth = Schema.Struct({
  lastUpdateId: Schema.Number,
  ...fieldsOf(Schema.optional(Schema.Number), "E", "T"),
  ...fieldsOf(Schema.Array(Level), "bids", "asks")
})
/** @since 0.1.0 */
export type Depth = typeof Depth.Type

/** `GET /api/v3/trades`, `GET /fapi/v1/trades`. @since 0.1.0 */
export const RecentTrade = Schema.Struct({
  id: Id,
  ...fieldsOf(UnsignedDecimal, "price", "qty"),
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
  ...fieldsOf(Decimal, "markPrice", "indexPrice", "lastFundingRate"),
  ...fieldsOf(Schema.Number, "nextFundingTime", "time")
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
  ...fieldsOf(Decimal, "p", "P"),
  ...fieldsOf(UnsignedDecimal, "c", "o", "h", "l", "v", "q"),
  ...fieldsOf(Schema.optional(UnsignedDecimal), "b", "B", "a", "A")
})

/** Spot `<symbol>@trade` (`t`, trade id) and USDⓈ-M `<symbol>@aggTrade` (`a`, aggregate id). @since 0.1.0 */
export const TradeEvent = Schema.Struct({
  e: Schema.Literal("trade", "aggTrade"),
  E: Schema.Number,
  s: Schema.String,
  ...fieldsOf(Schema.optional(Id), "t", "a"),
  ...fieldsOf(UnsignedDecimal, "p", "q"),
  T: Schema.Number,
  m: Schema.Boolean
})

/** `<symbol>@kline_<interval>`. @since 0.1.0 */
export const KlineEvent = Schema.Struct({
  e: Schema.Literal("kline"),
  E: Schema.Number,
  s: Schema.String,
  k: Schema.Struct({
    ...fieldsOf(Schema.Number, "t", "T", "n"),
    ...fieldsOf(Schema.String, "s", "i"),
    ...fieldsOf(Decimal, "o", "c", "h", "l", "v", "q"),
    x: Schema.Boolean
  })
})

/** What Spot and USDⓈ-M orders share. */
const orderFields = {
  ...fieldsOf(Schema.String, "symbol", "clientOrderId", "status", "type"),
  orderId: Id,
  ...fieldsOf(Decimal, "price", "origQty", "executedQty"),
  side: Schema.Literal("BUY", "SELL")
}

/**
 * A Spot order as `POST /api/v3/order` (RESULT), `GET /api/v3/order`, `GET /api/v3/openOrders` and
 * `DELETE /api/v3/order` return it; cancel responses carry the order's own client id in
 * `origClientOrderId`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 * @since 0.1.0
 */
export const SpotOrder = Schema.Struct({
  ...orderFields,
  ...fieldsOf(Schema.optional(Schema.String), "origClientOrderId", "timeInForce"),
  cummulativeQuoteQty: Decimal,
  ...fieldsOf(Schema.optional(Schema.Number), "transactTime", "time", "updateTime")
})
/** @since 0.1.0 */
export type SpotOrder = typeof SpotOrder.Type

/**
 * A USDⓈ-M order.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * @since 0.1.0
 */
export const UsdmOrder = Schema.Struct({
  ...orderFields,
  ...fieldsOf(Decimal, "avgPrice", "cumQuote"),
  timeInForce: Schema.String,
  reduceOnly: Schema.Boolean,
  ...fieldsOf(Schema.optional(Schema.Number), "time", "updateTime")
})
/** @since 0.1.0 */
export type UsdmOrder = typeof UsdmOrder.Type

/**
 * `GET /api/v3/account` (with balances) and `GET /fapi/v2/account` (permissions only are used).
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-information-user_data
 * @since 0.1.0
 */
export const Account = Schema.Struct({
  ...fieldsOf(Schema.Boolean, "canTrade", "canWithdraw", "canDeposit"),
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
  ...fieldsOf(Decimal, "balance", "availableBalance")
})

/**
 * `GET /fapi/v2/positionRisk`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V2
 * @since 0.1.0
 */
export const PositionRisk = Schema.Struct({
  ...fieldsOf(Schema.String, "symbol", "marginType"),
  ...fieldsOf(Decimal, "positionAmt", "entryPrice", "markPrice", "unRealizedProfit", "liquidationPrice", "leverage"),
  updateTime: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type PositionRisk = typeof PositionRisk.Type

/** The error envelope, `{"code": -2010, "msg": "..."}`. @since 0.1.0 */
export const ErrorEnvelope = Schema.Struct({ code: Schema.Number, msg: Schema.String })
