/**
 * Binance Spot REST endpoints with their request weights.
 * Weights: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Endpoint } from "../../kernel/RestClient.js"
import * as Wire from "./wire.js"

const get = <A, I>(path: string, weight: number, response: Schema.Schema<A, I>, signed = false): Endpoint<A, I> => ({
  method: "GET",
  path,
  weight,
  signed,
  response
})

/** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#check-server-time */
export const time = get("/api/v3/time", 1, Wire.ServerTime)

/** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information */
export const exchangeInfo = get("/api/v3/exchangeInfo", 20, Wire.ExchangeInfo)

/**
 * Weight 2 for one symbol, 40 for up to 100 symbols, 80 for more or all.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#24hr-ticker-price-change-statistics
 */
export const ticker24hr = get("/api/v3/ticker/24hr", 2, Wire.Ticker24hr)
/** @since 0.1.0 */
export const tickers24hr = (symbolCount: number | undefined) =>
  get(
    "/api/v3/ticker/24hr",
    symbolCount === undefined || symbolCount > 100 ? 80 : symbolCount > 20 ? 40 : 2,
    Schema.Array(Wire.Ticker24hr)
  )

/**
 * Depth limits 1–5000 (default 100); weight 5 / 25 / 50 / 250 by limit.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#order-book
 */
export const depth = (limit: number) =>
  get("/api/v3/depth", limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250, Wire.Depth)

/** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#recent-trades-list */
export const trades = get("/api/v3/trades", 25, Schema.Array(Wire.RecentTrade))

/** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data */
export const klines = get("/api/v3/klines", 2, Schema.Array(Wire.Kline))
