/**
 * Binance USDⓈ-M futures REST endpoints with their request weights (IP weight, the
 * `X-MBX-USED-WEIGHT-1M` budget). Each endpoint's weight is on its own documentation page.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info#limits
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Endpoint, HttpMethod } from "../../kernel/RestClient.js"
import * as Wire from "./wire.js"

const get = <A, I>(path: string, weight: number, response: Schema.Schema<A, I>): Endpoint<A, I> => ({
  method: "GET",
  path,
  weight,
  signed: false,
  response
})

const signed = <A, I>(
  method: HttpMethod,
  path: string,
  weight: number,
  response: Schema.Schema<A, I>,
  idempotent?: boolean
): Endpoint<A, I> => ({ method, path, weight, signed: true, response, idempotent })

// ---- market data ---------------------------------------------------------------------------

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Check-Server-Time */
export const time = get("/fapi/v1/time", 1, Wire.ServerTime)

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information */
export const exchangeInfo = get("/fapi/v1/exchangeInfo", 1, Wire.ExchangeInfo)

/**
 * Weight 1 with a symbol, 40 without.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/24hr-Ticker-Price-Change-Statistics
 */
export const ticker24hr = get("/fapi/v1/ticker/24hr", 1, Wire.Ticker24hr)
/** @since 0.1.0 */
export const tickers24hr = get("/fapi/v1/ticker/24hr", 40, Schema.Array(Wire.Ticker24hr))

/**
 * Weight 2 with a symbol, 5 without.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Symbol-Order-Book-Ticker
 */
export const bookTicker = get("/fapi/v1/ticker/bookTicker", 2, Wire.BookTicker)
/** @since 0.1.0 */
export const bookTickers = get("/fapi/v1/ticker/bookTicker", 5, Schema.Array(Wire.BookTicker))

/**
 * Limits 5, 10, 20, 50, 100, 500, 1000; weight 2 / 5 / 10 / 20 by limit.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book
 */
export const depth = (limit: number) =>
  get("/fapi/v1/depth", limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20, Wire.Depth)
/** @since 0.1.0 */
export const depthLimits: ReadonlyArray<number> = [5, 10, 20, 50, 100, 500, 1000]

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Recent-Trades-List */
export const trades = get("/fapi/v1/trades", 5, Schema.Array(Wire.RecentTrade))

/**
 * Weight by limit: <100 → 1, <500 → 2, ≤1000 → 5, more → 10 (max 1500).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Kline-Candlestick-Data
 */
export const klines = (limit: number) =>
  get("/fapi/v1/klines", limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10, Schema.Array(Wire.Kline))

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Mark-Price */
export const premiumIndex = get("/fapi/v1/premiumIndex", 1, Wire.PremiumIndex)

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Get-Funding-Rate-History */
export const fundingRate = get("/fapi/v1/fundingRate", 1, Schema.Array(Wire.FundingRateRecord))

// ---- trading ---------------------------------------------------------------------------------

/**
 * IP weight 0 (it counts against the order-rate limits instead).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 */
export const placeOrder = signed("POST", "/fapi/v1/order", 0, Wire.Order)

/**
 * Up to 5 orders; each item of the answer is an order or an error envelope.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Place-Multiple-Orders
 */
export const placeBatch = signed("POST", "/fapi/v1/batchOrders", 5, Schema.Array(Schema.Unknown))

/**
 * IP weight 0 (it counts against the order-rate limits instead).
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Modify-Order
 */
export const amendOrder = signed("PUT", "/fapi/v1/order", 0, Wire.Order)

/**
 * Cancelling by id is safe to repeat: a second attempt can only answer "unknown order".
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Order
 */
export const cancelOrder = signed("DELETE", "/fapi/v1/order", 1, Wire.Order, true)

/**
 * Up to 10 orders; each item of the answer is an order or an error envelope.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Multiple-Orders
 */
export const cancelBatch = signed("DELETE", "/fapi/v1/batchOrders", 1, Schema.Array(Schema.Unknown), true)

/**
 * Answers `{"code": 200, "msg": "The operation of cancel all open order is done."}`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-All-Open-Orders
 */
export const cancelAllOpenOrders = signed(
  "DELETE",
  "/fapi/v1/allOpenOrders",
  1,
  Schema.Struct({ code: Schema.Number, msg: Schema.String }),
  true
)

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Query-Order */
export const getOrder = signed("GET", "/fapi/v1/order", 1, Wire.Order)

/**
 * Weight 1 with a symbol, 40 without.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Current-All-Open-Orders
 */
export const openOrders = (all: boolean) => signed("GET", "/fapi/v1/openOrders", all ? 40 : 1, Schema.Array(Wire.Order))

// ---- account -------------------------------------------------------------------------------

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V2 */
export const account = signed("GET", "/fapi/v2/account", 5, Wire.Account)

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Futures-Account-Balance-V2 */
export const balance = signed("GET", "/fapi/v2/balance", 5, Schema.Array(Wire.Balance))

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V2 */
export const positionRisk = signed("GET", "/fapi/v2/positionRisk", 5, Schema.Array(Wire.PositionRisk))
