/**
 * Binance Spot: the venue adapter, and the layers that provide the unified `Exchange` for it.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const ticker = yield* exchange.ticker("BTC/USDT")
 * })
 * program.pipe(Effect.provide(Binance.layer({ environment: "mainnet" })))
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { Capabilities } from "../../Exchange.js"
import * as Caps from "../../kernel/Capabilities.js"
import * as Connector from "../../kernel/Connector.js"
import { clamp } from "../../kernel/Connector.js"
import type { VenueAdapter, VenueUrls } from "../../kernel/VenueAdapter.js"
import * as Convert from "./convert.js"
import * as Family from "./family.js"
import * as Orders from "./orders.js"
import type { BinanceCredentials } from "./signing.js"
import * as Errors from "./spotErrors.js"
import * as UserStream from "./spotUserStream.js"
import * as Wire from "./wire.js"

const { get, signed } = Family

/**
 * Spot REST endpoints with their request weights.
 * Weights: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits
 * @since 0.1.0
 */
export const Endpoints = {
  /** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#check-server-time */
  time: get("/api/v3/time", 1, Wire.ServerTime),
  /** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information */
  exchangeInfo: get("/api/v3/exchangeInfo", 20, Wire.ExchangeInfo),
  /** Weight 2 for one symbol, 40 for up to 100 symbols, 80 for more or all. */
  ticker24hr: get("/api/v3/ticker/24hr", 2, Wire.Ticker24hr),
  tickers24hr: (count: number | undefined) =>
    get(
      "/api/v3/ticker/24hr",
      count === undefined || count > 100 ? 80 : count > 20 ? 40 : 2,
      Schema.Array(Wire.Ticker24hr)
    ),
  /** Limits 1–5000 (default 100); weight 5 / 25 / 50 / 250 by limit. */
  depth: (limit: number) =>
    get("/api/v3/depth", limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250, Wire.Depth),
  depthLimit: (depth: number) => clamp(depth, 1, 5000),
  /** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#recent-trades-list */
  trades: get("/api/v3/trades", 25, Schema.Array(Wire.RecentTrade)),
  /** Weight 2, limit up to 1000. .../market-data-endpoints#klinecandlestick-data */
  klines: (_limit: number) => get("/api/v3/klines", 2, Schema.Array(Wire.Kline)),
  klinesMax: 1000,
  /** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints */
  placeOrder: { ...signed("POST", "/api/v3/order", 1, Wire.SpotOrder), orders: 1 },
  /** Cancelling by id is safe to repeat: a second attempt can only answer "unknown order". */
  cancelOrder: { ...signed("DELETE", "/api/v3/order", 1, Wire.SpotOrder, true), urgent: true },
  cancelOpenOrders: { ...signed("DELETE", "/api/v3/openOrders", 1, Schema.Array(Schema.Unknown), true), urgent: true },
  getOrder: signed("GET", "/api/v3/order", 4, Wire.SpotOrder),
  openOrders: (all: boolean) => signed("GET", "/api/v3/openOrders", all ? 80 : 6, Schema.Array(Wire.SpotOrder)),
  /** https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-information-user_data */
  account: signed("GET", "/api/v3/account", 20, Wire.Account)
}

/**
 * Official base URLs.
 * Mainnet: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
 * Testnet: https://developers.binance.com/docs/binance-spot-api-docs/testnet/rest-api/general-api-information
 * @since 0.1.0
 */
export const urls: VenueUrls = {
  mainnet: { rest: "https://api.binance.com", ws: "wss://stream.binance.com:9443" },
  testnet: { rest: "https://testnet.binance.vision", ws: "wss://stream.testnet.binance.vision" }
}

/**
 * What the connector supports.
 * @since 0.1.0
 */
export const capabilities: Capabilities = Caps.make({
  marketTypes: ["spot"],
  candleIntervals: Convert.intervals(Convert.spot),
  funding: false,
  userStreams: { orders: true, fills: true, balances: true },
  positions: false
})

const decodeOrder = Schema.decodeUnknownOption(Wire.SpotOrder)

/**
 * The Binance Spot adapter.
 * @since 0.1.0
 */
export const adapter: VenueAdapter<BinanceCredentials> = Family.adapter({
  product: Convert.spot,
  name: "Binance Spot",
  urls,
  // Request weight per minute per IP, and new orders per 10 s and per day per account (counted by
  // shared stores): https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits
  rateLimit: {
    weightLimit: 6000,
    windowMs: 60_000,
    maxWaitMs: 10_000,
    counters: [
      { name: "orders-10s", limit: 100, windowMs: 10_000, unit: "orders" },
      { name: "orders-1d", limit: 200_000, windowMs: 86_400_000, unit: "orders" }
    ]
  },
  classify: Errors.classify,
  capabilities,
  endpoints: Endpoints,
  toOrder: Orders.spotOrder,
  marketData: {
    ticker: (api, m) =>
      Effect.map(
        api.rest.request(Endpoints.ticker24hr, { query: { symbol: m.symbol } }),
        (t) => Convert.toTicker(m, t)
      ),
    tickers: (api, all, chosen) =>
      Effect.map(
        api.rest.request(
          Endpoints.tickers24hr(chosen?.length),
          chosen === undefined ? {} : { query: { symbols: JSON.stringify(chosen.map((m) => m.symbol)) } }
        ),
        (list) =>
          list.flatMap((t) => {
            const m = all.byVenueSymbol(t.symbol)
            return m === undefined ? [] : [Convert.toTicker(m, t)]
          })
      )
  },
  trading: {
    cancelAll: (api, m) =>
      api.rest.request(Endpoints.cancelOpenOrders, { query: { symbol: m.symbol } }).pipe(
        // Binance answers -2011 "Unknown order sent." when there is nothing to cancel.
        Effect.catchIf((e) => e._tag === "OrderNotFound" || e.venueCode === "-2011", () => Effect.succeed([])),
        // Entries for order lists (OCO) have another shape and are not single orders.
        Effect.map((list) =>
          list.flatMap((raw) =>
            Option.match(decodeOrder(raw), { onNone: () => [], onSome: (o) => [Orders.spotOrder(m, o)] })
          )
        )
      )
  },
  account: {
    balances: (api) => Effect.map(api.rest.request(Endpoints.account), (a) => Family.balances(a.balances ?? []))
  },
  userStreams: UserStream.userStreams
})

/**
 * @since 0.1.0
 */
export interface BinanceOptions extends Connector.ConnectorOptions<BinanceCredentials> {}

/**
 * `make` builds the Binance Spot `Exchange` in the current scope (its websocket sessions live there);
 * `layer` provides it; `layerConfig` reads the options from `Config`.
 * @since 0.1.0
 */
export const { layer, layerConfig, make } = Connector.constructors(adapter)

/** @since 0.1.0 */
export type { BinanceCredentials } from "./signing.js"
