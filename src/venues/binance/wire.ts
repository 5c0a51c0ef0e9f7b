/**
 * Binance Spot wire formats, as the official documentation defines them. Decimals arrive as
 * strings and are decoded strictly; a field that is missing or malformed is a decode error.
 *
 * REST: https://developers.binance.com/docs/binance-spot-api-docs/rest-api
 * Streams: https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal, UnsignedDecimal } from "../../model/Decimal.js"
import { Id } from "../../model/Id.js"
import { EpochMillis } from "../../model/Timestamp.js"

/** GET /api/v3/time — https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#check-server-time */
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
const MinNotional = Schema.Struct({ filterType: Schema.Literal("MIN_NOTIONAL"), minNotional: Decimal })
const Notional = Schema.Struct({
  filterType: Schema.Literal("NOTIONAL"),
  minNotional: Decimal,
  maxNotional: Schema.optional(Decimal)
})
const knownFilters: ReadonlyArray<string> = ["PRICE_FILTER", "LOT_SIZE", "MIN_NOTIONAL", "NOTIONAL"]
/** Filters LotusX does not read; a malformed known filter must not fall through to here. */
const OtherFilter = Schema.Struct({
  filterType: Schema.String.pipe(Schema.filter((t) => !knownFilters.includes(t)))
})

/**
 * Symbol filters: https://developers.binance.com/docs/binance-spot-api-docs/filters
 * @since 0.1.0
 */
export const SymbolFilter = Schema.Union(PriceFilter, LotSize, MinNotional, Notional, OtherFilter)
/** @since 0.1.0 */
export type SymbolFilter = typeof SymbolFilter.Type

/**
 * One entry of `exchangeInfo.symbols`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information
 * @since 0.1.0
 */
export const SymbolInfo = Schema.Struct({
  symbol: Schema.String,
  status: Schema.String,
  baseAsset: Schema.String,
  quoteAsset: Schema.String,
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
 * GET /api/v3/ticker/24hr (FULL).
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#24hr-ticker-price-change-statistics
 * @since 0.1.0
 */
export const Ticker24hr = Schema.Struct({
  symbol: Schema.String,
  priceChange: Decimal,
  priceChangePercent: Decimal,
  lastPrice: UnsignedDecimal,
  bidPrice: UnsignedDecimal,
  bidQty: UnsignedDecimal,
  askPrice: UnsignedDecimal,
  askQty: UnsignedDecimal,
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

const Level = Schema.Tuple(UnsignedDecimal, UnsignedDecimal)

/**
 * GET /api/v3/depth.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#order-book
 * @since 0.1.0
 */
export const Depth = Schema.Struct({
  lastUpdateId: Schema.Number,
  bids: Schema.Array(Level),
  asks: Schema.Array(Level)
})
/** @since 0.1.0 */
export type Depth = typeof Depth.Type

/**
 * GET /api/v3/trades.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#recent-trades-list
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
 * GET /api/v3/klines: arrays of
 * `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore]`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data
 * @since 0.1.0
 */
export const Kline = Schema.Tuple(
  [
    Schema.Number,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Schema.Number,
    Decimal,
    Schema.Number
  ],
  Schema.Unknown
)
/** @since 0.1.0 */
export type Kline = typeof Kline.Type

/**
 * `<symbol>@ticker` event.
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#individual-symbol-ticker-streams
 * @since 0.1.0
 */
export const TickerEvent = Schema.Struct({
  e: Schema.Literal("24hrTicker"),
  E: Schema.Number,
  s: Schema.String,
  p: Decimal,
  P: Decimal,
  c: Decimal,
  b: Decimal,
  B: Decimal,
  a: Decimal,
  A: Decimal,
  o: Decimal,
  h: Decimal,
  l: Decimal,
  v: Decimal,
  q: Decimal
})

/**
 * `<symbol>@trade` event.
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#trade-streams
 * @since 0.1.0
 */
export const TradeEvent = Schema.Struct({
  e: Schema.Literal("trade"),
  E: Schema.Number,
  s: Schema.String,
  t: Id,
  p: Decimal,
  q: Decimal,
  T: Schema.Number,
  m: Schema.Boolean
})

/**
 * `<symbol>@kline_<interval>` event.
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#klinecandlestick-streams-for-utc
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
 * The error envelope: `{"code": -1121, "msg": "Invalid symbol."}`.
 * https://developers.binance.com/docs/binance-spot-api-docs/errors
 * @since 0.1.0
 */
export const ErrorEnvelope = Schema.Struct({ code: Schema.Number, msg: Schema.String })
