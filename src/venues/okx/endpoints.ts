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

/** 10 / 2 s per IP. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-system-time */
export const time = endpoint("GET", "/api/v5/public/time", Wire.ServerTime, false, { requests: 10, scope: "ip" })

/**
 * Instruments are decoded one by one (`Unknown` here), so one odd instrument cannot hide the others.
 * 20 / 2 s per IP + instType. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments
 */
export const instruments = endpoint("GET", "/api/v5/public/instruments", Wire.UnknownItem, false, {
  requests: 20,
  scope: "ip"
})

/** 20 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-ticker */
export const ticker = endpoint("GET", "/api/v5/market/ticker", Wire.Ticker, false, { requests: 20, scope: "ip" })

/** 20 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-tickers */
export const tickers = endpoint("GET", "/api/v5/market/tickers", Wire.Ticker, false, { requests: 20, scope: "ip" })

/** `sz` ≤ 400; 40 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-order-book */
export const books = endpoint("GET", "/api/v5/market/books", Wire.OrderBook, false, { requests: 40, scope: "ip" })

/** `limit` ≤ 500, default 100; 100 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades */
export const trades = endpoint("GET", "/api/v5/market/trades", Wire.Trade, false, { requests: 100, scope: "ip" })

/** `limit` ≤ 300, default 100; 40 / 2 s per IP. https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks */
export const candles = endpoint("GET", "/api/v5/market/candles", Wire.Candle, false, { requests: 40, scope: "ip" })

/** 20 / 2 s per IP + instId. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate */
export const fundingRate = endpoint("GET", "/api/v5/public/funding-rate", Wire.FundingRate, false, {
  requests: 20,
  scope: "ip"
})

/** `limit` ≤ 400, default 100; 10 / 2 s per IP + instId. https://www.okx.com/docs-v5/en/#public-data-rest-api-get-funding-rate-history */
export const fundingRateHistory = endpoint(
  "GET",
  "/api/v5/public/funding-rate-history",
  Wire.FundingRateHistory,
  false,
  { requests: 10, scope: "ip" }
)

/**
 * Place one order: 60 / 2 s per user + instrument. The answer's `code` is `"1"` when the item failed
 * (its `sCode` says why), so this endpoint reads its envelope itself.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order
 */
export const placeOrder = endpoint("POST", "/api/v5/trade/order", Wire.OrderAck, true, {
  requests: 60,
  scope: "instrument"
})

/**
 * Up to 20 orders; 300 orders / 2 s per user + instrument; `code` `"2"` = partly succeeded.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-multiple-orders
 */
export const placeOrders = endpoint("POST", "/api/v5/trade/batch-orders", Wire.OrderAck, true, {
  requests: 300,
  scope: "instrument"
})

/** Repeating a cancel by id can only answer "already cancelled". 60 / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-order */
export const cancelOrder = endpoint("POST", "/api/v5/trade/cancel-order", Wire.OrderAck, true, {
  requests: 60,
  scope: "instrument"
}, true)

/** Up to 20; 300 orders / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-cancel-multiple-orders */
export const cancelOrders = endpoint("POST", "/api/v5/trade/cancel-batch-orders", Wire.OrderAck, true, {
  requests: 300,
  scope: "instrument"
}, true)

/** 60 / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-amend-order */
export const amendOrder = endpoint("POST", "/api/v5/trade/amend-order", Wire.OrderAck, true, {
  requests: 60,
  scope: "instrument"
})

/** By `ordId` or `clOrdId`; 60 / 2 s per user + instrument. https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details */
export const getOrder = endpoint("GET", "/api/v5/trade/order", Wire.Order, true, { requests: 60, scope: "user" })

/** `limit` ≤ 100; 60 / 2 s per user. https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-list */
export const pendingOrders = endpoint("GET", "/api/v5/trade/orders-pending", Wire.Order, true, {
  requests: 60,
  scope: "user"
})

/** 10 / 2 s per user. https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance */
export const balance = endpoint("GET", "/api/v5/account/balance", Wire.Balance, true, { requests: 10, scope: "user" })

/** 10 / 2 s per user. https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions */
export const positions = endpoint("GET", "/api/v5/account/positions", Wire.Position, true, {
  requests: 10,
  scope: "user"
})

/** 5 / 2 s per user. https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration */
export const accountConfig = endpoint("GET", "/api/v5/account/config", Wire.AccountConfig, true, {
  requests: 5,
  scope: "user"
})

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
export const fills = endpoint("GET", "/api/v5/trade/fills", Wire.FillRow, true, { requests: 60, scope: "user" })

/**
 * The same over the last 3 months (`instType` required); 10 / 2 s per user.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-months
 */
export const fillsHistory = endpoint("GET", "/api/v5/trade/fills-history", Wire.FillRow, true, {
  requests: 10,
  scope: "user"
})

/**
 * The account's finished orders of the last 7 days (`instType` required), newest first, paged by
 * `ordId` (`after` = older than); `begin`/`end` filter on `cTime`; `limit` ≤ 100; 40 / 2 s per user.
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-history-last-7-days
 */
export const ordersHistory = endpoint("GET", "/api/v5/trade/orders-history", Wire.Order, true, {
  requests: 40,
  scope: "user"
})
