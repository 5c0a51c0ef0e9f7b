/**
 * What Binance Spot and USDⓈ-M share as venues: the definition (signing, error envelope, usage
 * header, validity window, stream timings), market loading from `exchangeInfo`, recent trades, the
 * kline query, the combined-streams websocket and balances.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { ClassifyInput } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"
import type { VenueId } from "../../Exchange.js"
import { clamp } from "../../kernel/Connector.js"
import * as Credentials from "../../kernel/Credentials.js"
import { endpoint } from "../../kernel/Endpoints.js"
import type { RateLimitPolicy } from "../../kernel/RateLimiter.js"
import * as RestClient from "../../kernel/RestClient.js"
import type {
  MarketDataOps,
  StreamOps,
  TradingOps,
  VenueApi,
  VenueDefinition,
  VenueUrls
} from "../../kernel/VenueAdapter.js"
import type { Balance } from "../../model/Balance.js"
import type { Interval, TimeRange } from "../../model/Candle.js"
import type { Decimal } from "../../model/Decimal.js"
import type { Market, Markets } from "../../model/Market.js"
import type { Order } from "../../model/Order.js"
import { binanceSpotBookSync, binanceUsdmBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import { classifyResponse } from "./envelope.js"
import * as Orders from "./orders.js"
import { type BinanceCredentials, makeSigner } from "./signing.js"
import * as Streams from "./streams.js"
import * as Wire from "./wire.js"

/** A public endpoint. @since 0.1.0 */
export const get = <A, I>(path: string, weight: number, response: Schema.Schema<A, I>) =>
  endpoint("GET", path, response, { weight })

/** A signed endpoint. @since 0.1.0 */
export const signed = <A, I>(
  method: RestClient.HttpMethod,
  path: string,
  weight: number,
  response: Schema.Schema<A, I>,
  idempotent?: boolean
) => endpoint(method, path, response, { weight, signed: true, idempotent })

/**
 * A product's definition. Both products accept validity windows up to 60 s and report used weight
 * in `X-MBX-USED-WEIGHT-1M`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security#timing-security
 * @since 0.1.0
 */
export const definition = (product: {
  readonly venue: VenueId
  readonly name: string
  readonly urls: VenueUrls
  readonly rateLimit: RateLimitPolicy
  readonly classify: (input: ClassifyInput) => TransportError
}): VenueDefinition<BinanceCredentials> => ({
  ...product,
  maxRecvWindowMs: 60_000,
  streamTimings: Streams.defaultStreamTimings,
  credentials: Credentials.apiKeySecret,
  signer: makeSigner,
  classify: classifyResponse(product.classify),
  usedWeight: () => RestClient.integerHeader("X-MBX-USED-WEIGHT-1M")
})

/** The endpoints the shared market-data operations use. @since 0.1.0 */
export interface SharedEndpoints {
  readonly time: RestClient.Endpoint<{ readonly serverTime: number }, any>
  readonly exchangeInfo: RestClient.Endpoint<typeof Wire.ExchangeInfo.Type, any>
  readonly trades: RestClient.Endpoint<ReadonlyArray<Wire.RecentTrade>, any>
}

const decodeSymbol = Schema.decodeUnknownEither(Wire.SymbolInfo)

/**
 * Server time, markets from `exchangeInfo` (each symbol decoded on its own: one unreadable symbol is
 * skipped and reported, not fatal) and recent trades.
 * @since 0.1.0
 */
export const marketData = <S>(
  product: Convert.Product,
  endpoints: SharedEndpoints
): Pick<MarketDataOps<S>, "serverTime" | "loadMarkets" | "trades"> => ({
  serverTime: (api) => Effect.map(api.rest.request(endpoints.time), (r) => r.serverTime),
  loadMarkets: (api) =>
    Effect.map(api.rest.request(endpoints.exchangeInfo), (info) => {
      const markets: Array<Market> = []
      const skipped: Array<string> = []
      for (const raw of info.symbols) {
        const decoded = decodeSymbol(raw)
        if (Either.isLeft(decoded)) {
          const { detail, path } = RestClient.describeParseError(decoded.left)
          skipped.push(`${path}: ${detail}`)
          continue
        }
        const market = Convert.toMarket(product, decoded.right)
        if (market === undefined) continue
        if (Either.isLeft(market)) skipped.push(market.left)
        else markets.push(market.right)
      }
      return { markets, skipped }
    }),
  trades: (api, m, limit) =>
    Effect.map(
      api.rest.request(endpoints.trades, {
        query: { symbol: m.symbol, limit: limit === undefined ? undefined : String(clamp(limit, 1, 1000)) }
      }),
      (list) => list.map((t) => Convert.toTrade(m, t))
    )
})

/** The order endpoints the shared trading operations use. @since 0.1.0 */
export interface OrderEndpoints<W> {
  readonly placeOrder: RestClient.Endpoint<W, any>
  readonly getOrder: RestClient.Endpoint<W, any>
  readonly cancelOrder: RestClient.Endpoint<W, any>
  readonly openOrders: (all: boolean) => RestClient.Endpoint<ReadonlyArray<W & { readonly symbol: string }>, any>
}

/**
 * Placing, looking up, cancelling and listing orders: the same requests on both products, each
 * order read with the product's `toOrder`.
 * @since 0.1.0
 */
export const orderOps = <W, S>(
  product: "spot" | "usdm",
  endpoints: OrderEndpoints<W>,
  toOrder: (market: Market, order: W) => Order
): Pick<TradingOps<S>, "place" | "lookup" | "cancel" | "openOrders"> => ({
  place: (api, { clientOrderId, market, request }) =>
    Effect.map(
      api.rest.request(endpoints.placeOrder, {
        body: { _tag: "form", params: Orders.orderParams(product, market, request, clientOrderId) }
      }),
      (o) => toOrder(market, o)
    ),
  lookup: (api, m, ref) =>
    Effect.map(api.rest.request(endpoints.getOrder, { query: Orders.refQuery(m, ref) }), (o) => toOrder(m, o)),
  cancel: (api, m, ref) =>
    Effect.map(api.rest.request(endpoints.cancelOrder, { query: Orders.refQuery(m, ref) }), (o) => toOrder(m, o)),
  openOrders: (api, all, m) =>
    Effect.map(
      api.rest.request(endpoints.openOrders(m === undefined), m === undefined ? {} : { query: { symbol: m.symbol } }),
      (list) =>
        list.flatMap((o) => {
          const market = m ?? all.byVenueSymbol(o.symbol)
          return market === undefined ? [] : [toOrder(market, o)]
        })
    )
})

/**
 * The query of `klines`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data
 * @since 0.1.0
 */
export const klineQuery = (m: Market, interval: Interval, range: TimeRange | undefined, maxLimit: number) => ({
  symbol: m.symbol,
  interval,
  startTime: range?.since === undefined ? undefined : String(range.since),
  endTime: range?.until === undefined ? undefined : String(range.until),
  limit: range?.limit === undefined ? undefined : String(clamp(range.limit, 1, maxLimit))
})

/**
 * One combined-streams connection per product.
 * @since 0.1.0
 */
export const streams = (product: Convert.Product): StreamOps => ({
  connections: (options) => ({
    main: Streams.protocol({ venue: product.venue, ...options, textTopics: Streams.isDepthTopic })
  }),
  connectionOf: () => "main",
  ...Streams.channels(product),
  bookSync: product.type === "spot" ? binanceSpotBookSync : binanceUsdmBookSync
})

/**
 * Balances with a non-zero total.
 * @since 0.1.0
 */
export const balances = (
  list: ReadonlyArray<{ readonly asset: string; readonly free: Decimal; readonly locked: Decimal }>
): ReadonlyArray<Balance> =>
  list
    .map((b) => ({ asset: b.asset, free: b.free, locked: b.locked, total: BigDecimal.sum(b.free, b.locked) }))
    .filter((b) => !BigDecimal.isZero(b.total))

/**
 * A reconciliation read of the user streams: `endpoint` asked once per market of `type` the account
 * touched (Binance's account-history endpoints answer per symbol: `myTrades`, `userTrades`,
 * `allOrders`), from `since`, up to 1000 items, two markets at a time; each item mapped, everything in
 * time order.
 * @since 0.1.0
 */
export const historySince = <W, I, A>(
  endpoint: RestClient.Endpoint<ReadonlyArray<W>, I>,
  type: Market["type"],
  map: (m: Market, w: W) => A,
  time: (a: A) => number
) =>
(
  api: VenueApi<{}>,
  _markets: Markets,
  since: number,
  active: ReadonlyArray<Market>
): Effect.Effect<ReadonlyArray<A>, TransportError> =>
  Effect.map(
    Effect.forEach(
      active.filter((m) => m.type === type),
      (m) =>
        Effect.map(
          api.rest.request(endpoint, { query: { symbol: m.symbol, startTime: String(since), limit: "1000" } }),
          (list) => list.map((w) => map(m, w))
        ),
      { concurrency: 2 }
    ),
    (lists) => lists.flat().sort((a, b) => time(a) - time(b))
  )
