/**
 * OKX v5 REST endpoints and their documented rate limits.
 *
 * OKX limits each endpoint on its own, in requests per 2 seconds, counted per IP (public
 * endpoints), per user ID (private ones) or per user ID and instrument ID (placing, amending and
 * cancelling orders, where a batch counts its orders); on top of that, a sub-account may place at
 * most 1,000 orders per 2 seconds across all instruments. Breaching a limit answers `50011`
 * ("Rate limit reached") or `50061` ("Sub-account rate limit exceeded").
 * Rate limits: https://www.okx.com/docs-v5/en/#overview-rate-limits
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import type { Endpoint, HttpMethod } from "../../kernel/RestClient.js"
import * as Wire from "./wire.js"

/**
 * One endpoint's documented limit: `requests` per `windowMs`, counted per `scope`.
 * @since 0.1.0
 */
export interface EndpointLimit {
  readonly requests: number
  readonly windowMs: number
  readonly scope: "ip" | "user" | "instrument"
}

/**
 * An OKX endpoint: the kernel's `Endpoint` plus its documented limit.
 * @since 0.1.0
 */
export interface OkxEndpoint<A, I> extends Endpoint<A, I> {
  readonly limit: EndpointLimit
}

const TWO_SECONDS = 2_000

const endpoint = <A, I>(
  method: HttpMethod,
  path: string,
  item: Schema.Schema<A, I>,
  signed: boolean,
  limit: Omit<EndpointLimit, "windowMs">,
  idempotent?: boolean
) => {
  const response = Wire.Envelope(item)
  const e: OkxEndpoint<typeof response.Type, typeof response.Encoded> = {
    method,
    path,
    weight: 1,
    signed,
    idempotent,
    response,
    limit: { ...limit, windowMs: TWO_SECONDS }
  }
  return e
}

/** A public read: unsigned, limited per IP. */
const publicRead = <A, I>(path: string, item: Schema.Schema<A, I>, requests: number) =>
  endpoint("GET", path, item, false, { requests, scope: "ip" })

/** A private read: signed, limited per user ID. */
const accountRead = <A, I>(path: string, item: Schema.Schema<A, I>, requests: number) =>
  endpoint("GET", path, item, true, { requests, scope: "user" })

/** An order action: signed, limited per user ID and instrument ID (a batch counts its orders). */
const orderAction = <A, I>(path: string, item: Schema.Schema<A, I>, requests: number, idempotent?: boolean) =>
  endpoint("POST", path, item, true, { requests, scope: "instrument" }, idempotent)

/** 10 / 2 s per IP. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-system-time */
export const time = publicRead("/api/v5/public/time", Wire.ServerTime, 10)

/**
 * Instruments are decoded one by one (`Unknown` here), so one odd instrument cannot hide the others.
 * 20 / 2 s per IP + instType. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments
 */
export const instruments = publicRead("/api/v5/public/instruments", Wire.UnknownItem, 20)

/** 20 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-ticker */
export const ticker = publicRead("/api/v5/market/ticker", Wire.Ticker, 20)

/** 20 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-tickers */
export const tickers = publicRead("/api/v5/market/tickers", Wire.Ticker, 20)

/** `sz` ≤ 400; 40 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-order-book */
export const books = publicRead("/api/v5/market/books", Wire.OrderBook, 40)

/** `limit` ≤ 500, default 100; 100 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades */
export const trades = publicRead("/api/v5/market/trades", Wire.Trade, 100)

/** `limit` ≤ 300, default 100; 40 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks */
export const candles = publicRead("/api/v5/market/candles", Wire.Candle, 40)

/** 20 / 2 s per IP + instId. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate */
export const fundingRate = publicRead("/api/v5/public/funding-rate", Wire.FundingRate, 20)

/** `limit` ≤ 400, default 100; 10 / 2 s per IP + instId. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate-history */
export const fundingRateHistory = publicRead("/api/v5/public/funding-rate-history", Wire.FundingRateHistory, 10)

/**
 * Place one order: 60 / 2 s per user + instrument. The answer's `code` is `"1"` when the item failed
 * (its `sCode` says why), so this endpoint reads its envelope itself.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order
 */
export const placeOrder = orderAction("/api/v5/trade/order", Wire.OrderAck, 60)

/**
 * Up to 20 orders; 300 orders / 2 s per user + instrument; `code` `"2"` = partly succeeded.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-multiple-orders
 */
export const placeOrders = orderAction("/api/v5/trade/batch-orders", Wire.OrderAck, 300)

/** Repeating a cancel by id can only answer "already cancelled". 60 / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-order */
export const cancelOrder = orderAction("/api/v5/trade/cancel-order", Wire.OrderAck, 60, true)

/** Up to 20; 300 orders / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-multiple-orders */
export const cancelOrders = orderAction("/api/v5/trade/cancel-batch-orders", Wire.OrderAck, 300, true)

/** 60 / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-amend-order */
export const amendOrder = orderAction("/api/v5/trade/amend-order", Wire.OrderAck, 60)

/** By `ordId` or `clOrdId`; 60 / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details */
export const getOrder = accountRead("/api/v5/trade/order", Wire.Order, 60)

/** `limit` ≤ 100; 60 / 2 s per user. https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-list */
export const pendingOrders = accountRead("/api/v5/trade/orders-pending", Wire.Order, 60)

/** 10 / 2 s per user. https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance */
export const balance = accountRead("/api/v5/account/balance", Wire.Balance, 10)

/** 10 / 2 s per user. https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions */
export const positions = accountRead("/api/v5/account/positions", Wire.Position, 10)

/** 5 / 2 s per user. https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration */
export const accountConfig = accountRead("/api/v5/account/config", Wire.AccountConfig, 5)

/**
 * Largest batches: "Place up to 20 orders", "Cancel up to 20 orders".
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-multiple-orders
 * @since 0.1.0
 */
export const batchLimits = { place: 20, cancel: 20 } as const

/**
 * "Sub-account rate limit: at most 1,000 order requests per 2 seconds" (place and amend, batches
 * counted by order). https://www.okx.com/docs-v5/en/#overview-rate-limits-sub-account-rate-limit
 * @since 0.1.0
 */
export const subAccountOrderLimit: EndpointLimit = { requests: 1_000, windowMs: TWO_SECONDS, scope: "user" }

/**
 * The account's fills of the last 3 days, newest first, paged by `billId` (`after` = older than),
 * `begin`/`end` filter on `ts`; `limit` ≤ 100; 60 / 2 s per user.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-days
 */
export const fills = accountRead("/api/v5/trade/fills", Wire.FillRow, 60)

/**
 * The same over the last 3 months (`instType` required); 10 / 2 s per user.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-months
 */
export const fillsHistory = accountRead("/api/v5/trade/fills-history", Wire.FillRow, 10)

/**
 * The account's finished orders of the last 7 days (`instType` required), newest first, paged by
 * `ordId` (`after` = older than); `begin`/`end` filter on `cTime`; `limit` ≤ 100; 40 / 2 s per user.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-history-last-7-days
 */
export const ordersHistory = accountRead("/api/v5/trade/orders-history", Wire.Order, 40)
