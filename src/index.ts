/**
 * LotusX: one typed, exact API over crypto exchanges, on Effect.
 *
 * ```ts
 * import { Binance, Exchange } from "lotusx"
 * ```
 *
 * Deep imports (`lotusx/venues/binance/Binance`, every module listed in package.json's `exports`)
 * keep start-up fast; this barrel is for convenience. Without Effect: `lotusx/promise`.
 *
 * @since 0.1.0
 */
export { Exchange } from "./Exchange.js"
export type {
  AccountError,
  BatchItem,
  Capabilities,
  Environment,
  HealthReport,
  MarketDataError,
  OrderAmendment,
  OrderQueryError,
  OrderRef,
  TradingError,
  VenueId
} from "./Exchange.js"

/** @since 0.1.0 */
export * as Binance from "./venues/binance/Binance.js"
/** @since 0.1.0 */
export * as BinanceUsdm from "./venues/binance/BinanceUsdm.js"
/** @since 0.1.0 */
export * as Bybit from "./venues/bybit/Bybit.js"
export * as Hyperliquid from "./venues/hyperliquid/Hyperliquid.js"
export * as Okx from "./venues/okx/Okx.js"
/** @since 0.1.0 */
export * as LotusConfig from "./config/LotusConfig.js"
/** @since 0.1.0 */
export * as LiveOrderBook from "./book/LiveOrderBook.js"
/** @since 0.1.0 */
export type { BookState, OrderBookView } from "./book/OrderBookView.js"
/** @since 0.1.0 */
export { TextBookUpdate } from "./book/BookText.js"
/** @since 0.1.0 */
export * as Sandbox from "./sandbox/Sandbox.js"
/** @since 0.1.0 */
export * as SandboxExchange from "./SandboxExchange.js"
/** @since 0.1.0 */
export * as Decimal from "./model/Decimal.js"
/** @since 0.1.0 */
export * as Errors from "./errors/ExchangeError.js"
/** @since 0.1.0 */
export * as Market from "./model/Market.js"
/** @since 0.1.0 */
export * as Order from "./model/Order.js"
/** @since 0.1.0 */
export * as OrderBook from "./model/OrderBook.js"
/** @since 0.1.0 */
export * as Ticker from "./model/Ticker.js"
/** @since 0.1.0 */
export * as Trade from "./model/Trade.js"
/** @since 0.1.0 */
export * as Candle from "./model/Candle.js"
/** @since 0.1.0 */
export * as Balance from "./model/Balance.js"
/** @since 0.1.0 */
export * as Position from "./model/Position.js"
/** @since 0.1.0 */
export * as Funding from "./model/Funding.js"
/** @since 0.1.0 */
export * as HttpTransport from "./kernel/HttpTransport.js"
/** @since 0.1.0 */
export * as Telemetry from "./kernel/Telemetry.js"
/**
 * The market-data bus, subscribing side: bus-fed order books (`[cluster] market_data = "bus"`).
 * @since 0.1.0
 */
export * as BookBus from "./cluster/BookBus.js"
/**
 * The market-data bus, publishing side: what `lotusx ingest` runs.
 * @since 0.1.0
 */
export * as BookIngest from "./cluster/BookIngest.js"
/**
 * The shared request budget on Redis (`[cluster] redis`): a rate-limit store for many processes.
 * @since 0.1.0
 */
export * as RedisRateLimiter from "./cluster/RedisRateLimiter.js"
