/**
 * Bybit v5 wire formats, as the official documentation defines them. Every REST answer is the
 * envelope `{retCode, retMsg, result, retExtInfo, time}`; decimals arrive as strings and are decoded
 * strictly. Bybit writes "no value" as an empty string in many optional numeric fields; those are
 * decoded as `undefined`, never as zero.
 *
 * REST: https://bybit-exchange.github.io/docs/v5/intro
 * Streams: https://bybit-exchange.github.io/docs/v5/ws/connect
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { fieldsOf } from "../../kernel/WireDecode.js"
import { Decimal, MaybeDecimal, MaybeUnsignedDecimal, UnsignedDecimal } from "../../model/Decimal.js"
import { EpochMillisString as MillisString } from "../../model/Timestamp.js"

/**
 * Bybit's side (`Buy`, `Sell`) as the unified one.
 * @since 0.1.0
 */
export const Side = Schema.transformLiterals(["Buy", "buy"], ["Sell", "sell"])

/**
 * The response envelope around `result`.
 * https://bybit-exchange.github.io/docs/v5/intro#response-parameters
 * @since 0.1.0
 */
export const Envelope = <A, I>(result: Schema.Schema<A, I>) =>
  Schema.Struct({
    retCode: Schema.Number,
    retMsg: Schema.String,
    result,
    retExtInfo: Schema.optional(Schema.Unknown),
    time: Schema.Number
  })

/** GET /v5/market/time — https://bybit-exchange.github.io/docs/v5/market/time */
export const ServerTime = Schema.Struct({ timeSecond: Schema.String, timeNano: Schema.String })

/**
 * One spot instrument of GET /v5/market/instruments-info?category=spot.
 * https://bybit-exchange.github.io/docs/v5/market/instrument
 * @since 0.1.0
 */
export const SpotInstrument = Schema.Struct({
  ...fieldsOf(Schema.String, "symbol", "baseCoin", "quoteCoin", "status"),
  lotSizeFilter: Schema.Struct({
    ...fieldsOf(Decimal, "basePrecision", "minOrderQty", "maxOrderQty", "minOrderAmt"),
    ...fieldsOf(Schema.optional(Decimal), "quotePrecision", "maxOrderAmt")
  }),
  priceFilter: Schema.Struct({ tickSize: Decimal })
})
/** @since 0.1.0 */
export type SpotInstrument = typeof SpotInstrument.Type

/**
 * One linear instrument of GET /v5/market/instruments-info?category=linear.
 * https://bybit-exchange.github.io/docs/v5/market/instrument
 * @since 0.1.0
 */
export const LinearInstrument = Schema.Struct({
  ...fieldsOf(Schema.String, "symbol", "contractType", "status", "baseCoin", "quoteCoin", "settleCoin"),
  priceFilter: Schema.Struct(fieldsOf(Decimal, "minPrice", "maxPrice", "tickSize")),
  lotSizeFilter: Schema.Struct({
    ...fieldsOf(Decimal, "maxOrderQty", "minOrderQty", "qtyStep"),
    minNotionalValue: Schema.optional(Decimal)
  }),
  fundingInterval: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type LinearInstrument = typeof LinearInstrument.Type

/**
 * The ticker's optional unsigned statistics (`""` when there is none).
 * @since 0.1.0
 */
export const tickerStatistics = [
  "bid1Price",
  "bid1Size",
  "ask1Price",
  "ask1Size",
  "prevPrice24h",
  "highPrice24h",
  "lowPrice24h",
  "turnover24h",
  "volume24h"
] as const

/**
 * One entry of GET /v5/market/tickers (spot and linear; the linear-only fields are optional).
 * https://bybit-exchange.github.io/docs/v5/market/tickers
 * @since 0.1.0
 */
export const Ticker = Schema.Struct({
  symbol: Schema.String,
  lastPrice: UnsignedDecimal,
  ...fieldsOf(MaybeUnsignedDecimal, ...tickerStatistics),
  price24hPcnt: MaybeDecimal,
  ...fieldsOf(Schema.optional(MaybeUnsignedDecimal), "indexPrice", "markPrice"),
  fundingRate: Schema.optional(MaybeDecimal),
  nextFundingTime: Schema.optional(Schema.Union(MillisString, Schema.Literal("")))
})
/** @since 0.1.0 */
export type Ticker = typeof Ticker.Type

const Level = Schema.Tuple(UnsignedDecimal, UnsignedDecimal)

/**
 * GET /v5/market/orderbook: `b`/`a` best first, `u` the update id, `seq` the cross sequence.
 * https://bybit-exchange.github.io/docs/v5/market/orderbook
 * @since 0.1.0
 */
export const OrderBook = Schema.Struct({
  s: Schema.String,
  ...fieldsOf(Schema.Array(Level), "b", "a"),
  ...fieldsOf(Schema.Number, "ts", "u"),
  ...fieldsOf(Schema.optional(Schema.Number), "seq", "cts")
})
/** @since 0.1.0 */
export type OrderBook = typeof OrderBook.Type

/**
 * GET /v5/market/recent-trade.
 * https://bybit-exchange.github.io/docs/v5/market/recent-trade
 * @since 0.1.0
 */
export const RecentTrade = Schema.Struct({
  ...fieldsOf(Schema.String, "execId", "symbol"),
  ...fieldsOf(UnsignedDecimal, "price", "size"),
  time: MillisString,
  side: Side
})

/**
 * GET /v5/market/kline: `[startTime, open, high, low, close, volume, turnover]`, newest first.
 * https://bybit-exchange.github.io/docs/v5/market/kline
 * @since 0.1.0
 */
export const Kline = Schema.Tuple(MillisString, Decimal, Decimal, Decimal, Decimal, Decimal, Decimal)
/** @since 0.1.0 */
export type Kline = typeof Kline.Type
/**
 * GET /v5/market/funding/history.
 * https://bybit-exchange.github.io/docs/v5/market/history-fund-rate
 * @since 0.1.0
 */
export const FundingRate = Schema.Struct({
  symbol: Schema.String,
  fundingRate: Decimal,
  fundingRateTimestamp: MillisString
})

/**
 * A list answer (tickers, klines, orders, wallets…), paged where `nextPageCursor` names the next
 * page; instruments are read as `Page(Schema.Unknown)` and decoded one by one, so one odd instrument
 * cannot hide the others.
 * @since 0.1.0
 */
export const Page = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({
    category: Schema.optional(Schema.String),
    list: Schema.Array(item),
    nextPageCursor: Schema.optional(Schema.String)
  })

/**
 * An order as GET /v5/order/realtime returns it.
 * https://bybit-exchange.github.io/docs/v5/order/open-order
 * @since 0.1.0
 */
export const Order = Schema.Struct({
  ...fieldsOf(Schema.String, "orderId", "orderLinkId", "symbol", "orderStatus", "timeInForce", "orderType"),
  ...fieldsOf(MaybeDecimal, "price", "avgPrice"),
  ...fieldsOf(Decimal, "qty", "cumExecQty"),
  ...fieldsOf(Schema.optional(MaybeDecimal), "leavesQty", "cumExecValue"),
  side: Side,
  rejectReason: Schema.optional(Schema.String),
  reduceOnly: Schema.optional(Schema.Boolean),
  ...fieldsOf(MillisString, "createdTime", "updatedTime")
})
/** @since 0.1.0 */
export type Order = typeof Order.Type

/**
 * What create / amend / cancel answer: the ids only.
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * @since 0.1.0
 */
export const OrderIds = Schema.Struct({ orderId: Schema.String, orderLinkId: Schema.String })

/**
 * A batch answer: `result.list` and `retExtInfo.list` are parallel to the request items.
 * https://bybit-exchange.github.io/docs/v5/order/batch-place
 * @since 0.1.0
 */
export const BatchResult = Schema.Struct({
  ...Envelope(Page(OrderIds)).fields,
  retExtInfo: Schema.Struct({ list: Schema.Array(Schema.Struct({ code: Schema.Number, msg: Schema.String })) })
})
/** @since 0.1.0 */
export type BatchResult = typeof BatchResult.Type

/**
 * One account of the wallet (REST, and the private stream's `wallet` topic), coin by coin.
 * @since 0.1.0
 */
export const Wallet = Schema.Struct({
  accountType: Schema.String,
  coin: Schema.Array(Schema.Struct({
    coin: Schema.String,
    walletBalance: Decimal,
    ...fieldsOf(Schema.optional(MaybeDecimal), "locked", "totalOrderIM", "totalPositionIM")
  }))
})
/** @since 0.1.0 */
export type Wallet = typeof Wallet.Type

/**
 * GET /v5/position/list (`avgPrice`) and the private `position` topic (`entryPrice`).
 * https://bybit-exchange.github.io/docs/v5/position
 * https://bybit-exchange.github.io/docs/v5/websocket/private/position
 * @since 0.1.0
 */
export const Position = Schema.Struct({
  symbol: Schema.String,
  side: Schema.Literal("Buy", "Sell", "", "None"),
  size: Decimal,
  ...fieldsOf(
    Schema.optional(MaybeDecimal),
    "entryPrice",
    "avgPrice",
    "markPrice",
    "liqPrice",
    "unrealisedPnl",
    "leverage"
  ),
  tradeMode: Schema.optional(Schema.Number),
  updatedTime: Schema.optional(Schema.Union(MillisString, Schema.Literal("")))
})
/** @since 0.1.0 */
export type Position = typeof Position.Type

/**
 * GET /v5/user/query-api: the key's permissions.
 * https://bybit-exchange.github.io/docs/v5/user/apikey-info
 * @since 0.1.0
 */
export const ApiKeyInfo = Schema.Struct({
  readOnly: Schema.Number,
  permissions: Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })
})
