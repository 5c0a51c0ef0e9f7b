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
  instType: Schema.String,
  instId: Schema.String,
  baseCcy: Schema.String,
  quoteCcy: Schema.String,
  settleCcy: Schema.String,
  ctVal: MaybeDecimal,
  ctMult: Schema.optional(MaybeDecimal),
  ctValCcy: Schema.String,
  ctType: Schema.optional(Schema.String),
  uly: Schema.optional(Schema.String),
  instFamily: Schema.optional(Schema.String),
  tickSz: Decimal,
  lotSz: Decimal,
  minSz: Decimal,
  maxLmtSz: Schema.optional(MaybeDecimal),
  maxMktSz: Schema.optional(MaybeDecimal),
  state: Schema.String,
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
  instType: Schema.String,
  instId: Schema.String,
  last: Decimal,
  lastSz: Schema.optional(MaybeDecimal),
  askPx: MaybeDecimal,
  askSz: MaybeDecimal,
  bidPx: MaybeDecimal,
  bidSz: MaybeDecimal,
  open24h: MaybeDecimal,
  high24h: MaybeDecimal,
  low24h: MaybeDecimal,
  volCcy24h: MaybeDecimal,
  vol24h: MaybeDecimal,
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
  asks: Schema.Array(BookLevel),
  bids: Schema.Array(BookLevel),
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
  instId: Schema.String,
  tradeId: Schema.String,
  px: Decimal,
  sz: Decimal,
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
  instType: Schema.String,
  instId: Schema.String,
  ordId: Schema.String,
  clOrdId: Schema.String,
  px: MaybeDecimal,
  sz: Decimal,
  ordType: Schema.String,
  side: Schema.Literal("buy", "sell"),
  posSide: Schema.optional(Schema.String),
  tdMode: Schema.optional(Schema.String),
  accFillSz: MaybeDecimal,
  avgPx: MaybeDecimal,
  state: Schema.String,
  reduceOnly: Schema.optional(Schema.String),
  cancelSource: Schema.optional(Schema.String),
  tgtCcy: Schema.optional(Schema.String),
  cTime: MillisString,
  uTime: MillisString
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
  ordId: Schema.String,
  clOrdId: Schema.String,
  sCode: Schema.String,
  sMsg: Schema.String,
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
    eq: MaybeDecimal,
    cashBal: MaybeDecimal,
    availBal: MaybeDecimal,
    frozenBal: MaybeDecimal
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
  instType: Schema.String,
  instId: Schema.String,
  mgnMode: Schema.String,
  posSide: Schema.String,
  pos: Decimal,
  avgPx: MaybeDecimal,
  markPx: Schema.optional(MaybeDecimal),
  liqPx: Schema.optional(MaybeDecimal),
  upl: Schema.optional(MaybeDecimal),
  lever: Schema.optional(MaybeDecimal),
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
  uid: Schema.optional(Schema.String),
  acctLv: Schema.String,
  posMode: Schema.String,
  perm: Schema.optional(Schema.String)
})
/** @since 0.1.0 */
export type AccountConfig = typeof AccountConfig.Type

/**
 * An item decoded later, one by one (instruments).
 * @since 0.1.0
 */
export const UnknownItem = Schema.Unknown
