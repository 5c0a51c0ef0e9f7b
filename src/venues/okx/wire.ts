/**
 * OKX v5 wire formats, as the official documentation defines them. Every REST answer is the
 * envelope `{code, msg, data}` with `code` a string (`"0"` = success) and `data` an array; every
 * number arrives as a string and is decoded strictly. OKX writes "no value" as `""` in many optional
 * fields; those decode to `undefined`, never to zero.
 *
 * REST: https://www.okx.com/docs-v5/en/#overview-rest-authentication-making-requests
 * Public data: https://www.okx.com/docs-v5/en/#public-data-rest-api
 * Market data: https://www.okx.com/docs-v5/en/#order-book-trading-market-data
 * Trade: https://www.okx.com/docs-v5/en/#order-book-trading-trade
 * Account: https://www.okx.com/docs-v5/en/#trading-account-rest-api
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { fieldsOf } from "../../kernel/WireDecode.js"
import { Decimal, MaybeDecimal } from "../../model/Decimal.js"
import { EpochMillisString as MillisString, MaybeEpochMillisString as MaybeMillis } from "../../model/Timestamp.js"

/**
 * The shared wire values: `""` (OKX's "no value") decodes to `undefined`; epoch ms as strings.
 * @since 0.1.0
 */
export { MaybeDecimal } from "../../model/Decimal.js"
/** @since 0.1.0 */
export { EpochMillisString as MillisString, MaybeEpochMillisString as MaybeMillis } from "../../model/Timestamp.js"

/**
 * The response envelope around `data`.
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication-making-requests
 * @since 0.1.0
 */
export const Envelope = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({ code: Schema.String, msg: Schema.String, data: Schema.Array(item) })

/** GET /api/v5/public/time — https://www.okx.com/docs-v5/en/#public-data-rest-api-get-system-time */
export const ServerTime = Schema.Struct({ ts: MillisString })

/**
 * One instrument of GET /api/v5/public/instruments (SPOT and SWAP). Contract fields (`ctVal`,
 * `ctValCcy`, `settleCcy`, `ctType`) are `""` for SPOT. `state`: `live`, `suspend`, `preopen`,
 * `test`, and for SPOT `rebase` periods.
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments
 * @since 0.1.0
 */
export const Instrument = Schema.Struct({
  ...fieldsOf(Schema.String, "instType", "instId", "baseCcy", "quoteCcy", "settleCcy", "ctValCcy", "state"),
  ...fieldsOf(Schema.optional(Schema.String), "ctType", "uly", "instFamily"),
  ctVal: MaybeDecimal,
  ...fieldsOf(Schema.optional(MaybeDecimal), "ctMult", "maxLmtSz", "maxMktSz"),
  ...fieldsOf(Decimal, "tickSz", "lotSz", "minSz"),
  listTime: Schema.optional(MaybeMillis)
})
/** @since 0.1.0 */
export type Instrument = typeof Instrument.Type

/**
 * One entry of GET /api/v5/market/ticker(s). For SWAP `vol24h` is in contracts and `volCcy24h` in
 * the base currency; for SPOT `vol24h` is in the base and `volCcy24h` in the quote currency.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-tickers
 * @since 0.1.0
 */
export const Ticker = Schema.Struct({
  ...fieldsOf(Schema.String, "instType", "instId"),
  last: Decimal,
  lastSz: Schema.optional(MaybeDecimal),
  ...fieldsOf(MaybeDecimal, "askPx", "askSz", "bidPx", "bidSz", "open24h", "high24h", "low24h", "volCcy24h", "vol24h"),
  ts: MillisString
})
/** @since 0.1.0 */
export type Ticker = typeof Ticker.Type

/**
 * A book level: `[price, size, "0" (deprecated liquidated orders), number of orders]`.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-order-book
 * @since 0.1.0
 */
export const BookLevel = Schema.Tuple([Decimal, Decimal], Schema.String)

/**
 * GET /api/v5/market/books: best first on both sides.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-order-book
 * @since 0.1.0
 */
export const OrderBook = Schema.Struct({
  ...fieldsOf(Schema.Array(BookLevel), "asks", "bids"),
  ts: MillisString,
  seqId: Schema.optional(Schema.Number)
})
/** @since 0.1.0 */
export type OrderBook = typeof OrderBook.Type

/**
 * GET /api/v5/market/trades; `side` is the taker's.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades
 * @since 0.1.0
 */
export const Trade = Schema.Struct({
  ...fieldsOf(Schema.String, "instId", "tradeId"),
  ...fieldsOf(Decimal, "px", "sz"),
  side: Schema.Literal("buy", "sell"),
  ts: MillisString
})
/** @since 0.1.0 */
export type Trade = typeof Trade.Type

/**
 * GET /api/v5/market/candles: `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`, newest first.
 * `vol` is in contracts for SWAP (base for SPOT), `volCcy` in the base currency for SWAP (quote for
 * SPOT); `confirm` is `"0"` while the candle is forming, `"1"` once closed.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks
 * @since 0.1.0
 */
export const Candle = Schema.Tuple(
  [MillisString, Decimal, Decimal, Decimal, Decimal, Decimal, MaybeDecimal],
  Schema.String
)
/** @since 0.1.0 */
export type Candle = typeof Candle.Type

/**
 * GET /api/v5/public/funding-rate.
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate
 * @since 0.1.0
 */
export const FundingRate = Schema.Struct({
  instType: Schema.optional(Schema.String),
  instId: Schema.String,
  fundingRate: Decimal,
  nextFundingRate: Schema.optional(MaybeDecimal),
  fundingTime: MillisString,
  nextFundingTime: Schema.optional(MaybeMillis)
})
/** @since 0.1.0 */
export type FundingRate = typeof FundingRate.Type

/**
 * GET /api/v5/public/funding-rate-history, newest first.
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate-history
 * @since 0.1.0
 */
export const FundingRateHistory = Schema.Struct({
  instId: Schema.String,
  fundingRate: Decimal,
  realizedRate: Schema.optional(MaybeDecimal),
  fundingTime: MillisString
})
/** @since 0.1.0 */
export type FundingRateHistory = typeof FundingRateHistory.Type

/**
 * An order as GET /api/v5/trade/order and /orders-pending return it. `sz`, `accFillSz` are in
 * contracts for SWAP; `reduceOnly` is the string `"true"`/`"false"`; `state`: `live`,
 * `partially_filled`, `filled`, `canceled`, `mmp_canceled`.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details
 * @since 0.1.0
 */
export const Order = Schema.Struct({
  ...fieldsOf(Schema.String, "instType", "instId", "ordId", "clOrdId", "ordType", "state"),
  ...fieldsOf(Schema.optional(Schema.String), "posSide", "tdMode", "reduceOnly", "cancelSource", "tgtCcy"),
  ...fieldsOf(MaybeDecimal, "px", "accFillSz", "avgPx"),
  sz: Decimal,
  side: Schema.Literal("buy", "sell"),
  ...fieldsOf(MillisString, "cTime", "uTime")
})
/** @since 0.1.0 */
export type Order = typeof Order.Type

/**
 * One item of the answer of place / cancel / amend (single and batch): the ids and the item's own
 * `sCode`/`sMsg` (`"0"` = success).
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order
 * @since 0.1.0
 */
export const OrderAck = Schema.Struct({
  ...fieldsOf(Schema.String, "ordId", "clOrdId", "sCode", "sMsg"),
  ts: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type OrderAck = typeof OrderAck.Type

/**
 * GET /api/v5/account/balance: one entry, with `details` per currency.
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance
 * @since 0.1.0
 */
export const Balance = Schema.Struct({
  uTime: Schema.optional(MaybeMillis),
  details: Schema.Array(Schema.Struct({
    ccy: Schema.String,
    ...fieldsOf(MaybeDecimal, "eq", "cashBal", "availBal", "frozenBal")
  }))
})
/** @since 0.1.0 */
export type Balance = typeof Balance.Type

/**
 * GET /api/v5/account/positions. `pos` is in contracts, signed in net mode (negative = short);
 * `posSide` is `net`, `long` or `short`.
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions
 * @since 0.1.0
 */
export const Position = Schema.Struct({
  ...fieldsOf(Schema.String, "instType", "instId", "mgnMode", "posSide"),
  pos: Decimal,
  avgPx: MaybeDecimal,
  ...fieldsOf(Schema.optional(MaybeDecimal), "markPx", "liqPx", "upl", "lever"),
  uTime: Schema.optional(MaybeMillis)
})
/** @since 0.1.0 */
export type Position = typeof Position.Type

/**
 * GET /api/v5/account/config: `posMode` `long_short_mode` or `net_mode`; `perm` a comma-separated
 * list of `read_only`, `trade`, `withdraw`; `acctLv` the account mode (1 spot, 2 spot and futures,
 * 3 multi-currency margin, 4 portfolio margin).
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
 * @since 0.1.0
 */
export const AccountConfig = Schema.Struct({
  ...fieldsOf(Schema.optional(Schema.String), "uid", "perm"),
  ...fieldsOf(Schema.String, "acctLv", "posMode")
})
/** @since 0.1.0 */
export type AccountConfig = typeof AccountConfig.Type

/**
 * An item decoded later, one by one (instruments).
 * @since 0.1.0
 */
export const UnknownItem = Schema.Unknown

/**
 * One item of the private `orders` channel: the order as `/trade/order` writes it, plus the fill
 * that caused the push, if any (`tradeId` `""` and `fillSz` `"0"` otherwise): `fillPx`, `fillSz`
 * (contracts for SWAP), `fillTime`, `fillFee` (negative when charged, positive for a rebate),
 * `fillFeeCcy`, `execType` (`T` taker, `M` maker).
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-ws-order-channel
 * @since 0.1.0
 */
export const OrderPush = Schema.extend(
  Order,
  Schema.Struct({
    tradeId: Schema.optional(Schema.String),
    fillPx: Schema.optional(MaybeDecimal),
    fillSz: Schema.optional(MaybeDecimal),
    fillTime: Schema.optional(MaybeMillis),
    fillFee: Schema.optional(MaybeDecimal),
    fillFeeCcy: Schema.optional(Schema.String),
    execType: Schema.optional(Schema.String)
  })
)
/** @since 0.1.0 */
export type OrderPush = typeof OrderPush.Type

/**
 * GET /api/v5/trade/fills (last 3 days) and /fills-history (last 3 months), newest first: `fillSz`
 * in contracts for SWAP, `fee` negative when charged, `billId` the paging key.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-days
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-months
 * @since 0.1.0
 */
export const FillRow = Schema.extend(
  Order.pick("instType", "instId", "ordId", "clOrdId", "side"),
  Schema.Struct({
    tradeId: Schema.String,
    billId: Schema.String,
    fillPx: Decimal,
    fillSz: Decimal,
    fee: MaybeDecimal,
    feeCcy: Schema.String,
    execType: Schema.String,
    ts: MillisString,
    fillTime: Schema.optional(MaybeMillis)
  })
)
/** @since 0.1.0 */
export type FillRow = typeof FillRow.Type
