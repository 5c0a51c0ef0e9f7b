/**
 * Bybit v5 REST endpoints. Bybit counts requests, not weights: every endpoint costs 1 against the
 * IP limit (600 requests per 5 seconds), and trading endpoints also have per-UID limits per second
 * that Bybit reports in the `X-Bapi-Limit*` headers.
 * Rate limits: https://bybit-exchange.github.io/docs/v5/rate-limit
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { TransportError } from "../../errors/ExchangeError.js"
import { endpoint, get } from "../../kernel/Endpoints.js"
import * as Paging from "../../kernel/Paging.js"
import type { Endpoint, HttpMethod, RestClient } from "../../kernel/RestClient.js"
import type { Category } from "./convert.js"
import * as Wire from "./wire.js"

/** A Bybit endpoint: its answer is `result` in the envelope; every request costs 1. */
const bybit = <A, I>(
  method: HttpMethod,
  path: string,
  result: Schema.Schema<A, I>,
  signed: boolean,
  idempotent?: boolean
) => endpoint(method, path, Wire.Envelope(result), { signed, idempotent })

/** https://bybit-exchange.github.io/docs/v5/market/time */
export const time = bybit("GET", "/v5/market/time", Wire.ServerTime, false)

/** https://bybit-exchange.github.io/docs/v5/market/instrument */
export const instruments = bybit("GET", "/v5/market/instruments-info", Wire.Page(Schema.Unknown), false)

/** https://bybit-exchange.github.io/docs/v5/market/tickers */
export const tickers = bybit("GET", "/v5/market/tickers", Wire.Page(Wire.Ticker), false)

/** Limits: spot [1, 200], linear [1, 500]. https://bybit-exchange.github.io/docs/v5/market/orderbook */
export const orderBook = bybit("GET", "/v5/market/orderbook", Wire.OrderBook, false)

/** Limits: spot [1, 60], linear [1, 1000]. https://bybit-exchange.github.io/docs/v5/market/recent-trade */
export const recentTrades = bybit("GET", "/v5/market/recent-trade", Wire.Page(Wire.RecentTrade), false)

/** Limit [1, 1000], default 200. https://bybit-exchange.github.io/docs/v5/market/kline */
export const kline = bybit("GET", "/v5/market/kline", Wire.Page(Wire.Kline), false)

/** Limit [1, 200]. https://bybit-exchange.github.io/docs/v5/market/history-fund-rate */
export const fundingHistory = bybit("GET", "/v5/market/funding/history", Wire.Page(Wire.FundingRate), false)

/** https://bybit-exchange.github.io/docs/v5/order/create-order */
export const createOrder = bybit("POST", "/v5/order/create", Wire.OrderIds, true)

/** https://bybit-exchange.github.io/docs/v5/order/amend-order */
export const amendOrder = bybit("POST", "/v5/order/amend", Wire.OrderIds, true)

/** Canceling by id is safe to repeat: a second attempt can only answer "order not exists". https://bybit-exchange.github.io/docs/v5/order/cancel-order */
export const cancelOrder = bybit("POST", "/v5/order/cancel", Wire.OrderIds, true, true)

/** https://bybit-exchange.github.io/docs/v5/order/cancel-all */
export const cancelAll = bybit("POST", "/v5/order/cancel-all", Wire.Page(Wire.OrderIds), true, true)

/** https://bybit-exchange.github.io/docs/v5/order/open-order */
export const openOrders = bybit("GET", "/v5/order/realtime", Wire.Page(Wire.Order), true)

/**
 * Batches answer with the whole envelope: `retExtInfo.list` carries the per-item codes.
 * https://bybit-exchange.github.io/docs/v5/order/batch-place
 */
export const createBatch = endpoint("POST", "/v5/order/create-batch", Wire.BatchResult, { signed: true })

/** https://bybit-exchange.github.io/docs/v5/order/batch-cancel */
export const cancelBatch = endpoint("POST", "/v5/order/cancel-batch", Wire.BatchResult, {
  signed: true,
  idempotent: true
})

/** https://bybit-exchange.github.io/docs/v5/account/wallet-balance */
export const walletBalance = bybit("GET", "/v5/account/wallet-balance", Wire.Page(Wire.Wallet), true)

/** https://bybit-exchange.github.io/docs/v5/position */
export const positions = bybit("GET", "/v5/position/list", Wire.Page(Wire.Position), true)

/** https://bybit-exchange.github.io/docs/v5/user/apikey-info */
export const apiKeyInfo = bybit("GET", "/v5/user/query-api", Wire.ApiKeyInfo, true)

/**
 * Largest batch per request, by category: "linear: max 20 orders, spot: max 10 orders".
 * https://bybit-exchange.github.io/docs/v5/order/batch-place
 * https://bybit-exchange.github.io/docs/v5/order/batch-cancel
 */
export const batchLimits = { spot: 10, linear: 20 } as const

/**
 * Requests per second per account (UID) at the default account level on the order endpoints, by
 * category, in a rolling second; each endpoint counts apart, and a batch's orders count one each.
 * Bybit's `X-Bapi-Limit` replaces them with the account's own limit (VIP and PRO levels get more).
 * https://bybit-exchange.github.io/docs/v5/rate-limit ("API Rate Limit Table", "Instructions for
 * batch endpoints")
 */
export const orderLimits: Readonly<Record<string, Readonly<Record<Category, number>>>> = {
  "/v5/order/create": { linear: 10, spot: 20 },
  "/v5/order/amend": { linear: 10, spot: 10 },
  "/v5/order/cancel": { linear: 10, spot: 20 },
  "/v5/order/cancel-all": { linear: 10, spot: 20 },
  "/v5/order/create-batch": { linear: 10, spot: 20 },
  "/v5/order/cancel-batch": { linear: 10, spot: 20 }
}

/**
 * A decoded page: its items and the next page's cursor.
 * @since 0.1.0
 */
export type Paged<W = unknown> = { readonly list: ReadonlyArray<W>; readonly nextPageCursor?: string | undefined }

/**
 * Every item of a cursor-paged list, at most `maxPages` pages (each answer's `nextPageCursor` names
 * the next).
 * @since 0.1.0
 */
export const pages = <A extends { readonly result: Paged }, I>(
  api: { readonly rest: RestClient },
  endpoint: Endpoint<A, I>,
  query: Readonly<Record<string, string | undefined>>,
  maxPages: number
): Effect.Effect<Array<A["result"]["list"][number]>, TransportError> =>
  Paging.collect(maxPages, (cursor) =>
    Effect.map(
      get(api, endpoint, cursor ? { ...query, cursor } : query),
      (r) => ({ items: r.result.list, next: r.result.nextPageCursor })
    ))
