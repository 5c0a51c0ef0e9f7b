/**
 * What Binance Spot and USDⓈ-M share as venues: the adapter's frame (signing, error envelope, usage
 * header, validity window, stream timings, permissions), market data from `exchangeInfo`, `trades`,
 * `depth` and `klines`, the combined-streams websocket, the order requests, balances and the
 * per-symbol history reads of the user streams.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"
import type { ClassifyInput } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"
import { clamp } from "../../kernel/Connector.js"
import * as Credentials from "../../kernel/Credentials.js"
import { endpoint } from "../../kernel/Endpoints.js"
import * as RestClient from "../../kernel/RestClient.js"
import type {
  AccountOps,
  MarketDataOps,
  StreamOps,
  TradingOps,
  VenueAdapter,
  VenueDefinition
} from "../../kernel/VenueAdapter.js"
import type { Balance } from "../../model/Balance.js"
import type { TimeRange } from "../../model/Candle.js"
import type { Decimal } from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
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
 * What a product declares; `adapter` adds what the family shares.
 * @since 0.1.0
 */
export interface ProductSpec<W>
  extends
    Pick<VenueDefinition<BinanceCredentials>, "name" | "urls" | "rateLimit">,
    Pick<VenueAdapter<BinanceCredentials>, "capabilities" | "userStreams">
{
  readonly product: Convert.Product
  readonly classify: (input: ClassifyInput) => TransportError
  readonly endpoints: SharedEndpoints & OrderEndpoints<W>
  readonly toOrder: (market: Market, order: W) => Order
  readonly marketData: Pick<MarketDataOps<{}>, "ticker" | "tickers"> & Partial<MarketDataOps<{}>>
  readonly trading: Pick<TradingOps<{}>, "cancelAll"> & Partial<TradingOps<{}>>
  readonly account: Pick<AccountOps<{}>, "balances"> & Partial<AccountOps<{}>>
}

/**
 * A product's adapter. Both products sign alike, share the error envelope, accept validity windows
 * up to 60 s and report used weight in `X-MBX-USED-WEIGHT-1M`
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security#timing-security);
 * server time, markets, recent trades, the order book, candles, the streams, placing, looking up,
 * cancelling and listing orders and the key's permissions are the same requests on both.
 * @since 0.1.0
 */
export const adapter = <W>(spec: ProductSpec<W>): VenueAdapter<BinanceCredentials> => ({
  definition: {
    ...Struct.pick(spec, "name", "urls", "rateLimit"),
    venue: spec.product.venue,
    maxRecvWindowMs: 60_000,
    streamTimings: Streams.defaultStreamTimings,
    credentials: Credentials.apiKeySecret,
    signer: makeSigner,
    classify: classifyResponse(spec.classify),
    usedWeight: () => RestClient.integerHeader("X-MBX-USED-WEIGHT-1M")
  },
  ...Struct.pick(spec, "capabilities", "userStreams"),
  defaultSettings: {},
  marketData: { ...marketData(spec.product, spec.endpoints), ...spec.marketData },
  streams: streams(spec.product),
  trading: {
    clientOrderId: Orders.clientOrderId,
    ...orderOps(spec.product, spec.endpoints, spec.toOrder),
    ...spec.trading
  },
  account: {
    permissions: (api) =>
      Effect.map(
        api.rest.request(spec.endpoints.account),
        (a) => ({ read: true, trade: a.canTrade, withdraw: a.canWithdraw })
      ),
    ...spec.account
  }
})

/** The endpoints the shared operations use. @since 0.1.0 */
export interface SharedEndpoints {
  readonly time: RestClient.Endpoint<{ readonly serverTime: number }, any>
  readonly exchangeInfo: RestClient.Endpoint<typeof Wire.ExchangeInfo.Type, any>
  readonly trades: RestClient.Endpoint<ReadonlyArray<Wire.RecentTrade>, any>
  readonly depth: (limit: number) => RestClient.Endpoint<Wire.Depth, any>
  /** The limit to ask for a wanted depth (the endpoint takes only some). */
  readonly depthLimit: (depth: number) => number
  readonly klines: (limit: number) => RestClient.Endpoint<ReadonlyArray<Wire.Kline>, any>
  readonly klinesMax: number
  readonly account: RestClient.Endpoint<typeof Wire.Account.Type, any>
}

const decodeSymbol = Schema.decodeUnknownEither(Wire.SymbolInfo)

/**
 * Server time, markets from `exchangeInfo` (each symbol decoded on its own: one unreadable symbol is
 * skipped and reported, not fatal), recent trades, the order book and candles.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data
 */
const marketData = (
  product: Convert.Product,
  endpoints: SharedEndpoints
): Omit<MarketDataOps<{}>, "ticker" | "tickers"> => ({
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
    ),
  orderBook: (api, m, depth) => {
    const limit = endpoints.depthLimit(depth ?? 100)
    return Effect.map(
      api.rest.request(endpoints.depth(limit), { query: { symbol: m.symbol, limit: String(limit) } }),
      (d) => Convert.toSnapshot(m, d)
    )
  },
  candles: (api, m, interval, range) =>
    Effect.zipWith(
      api.rest.request(endpoints.klines(clamp(range?.limit ?? 500, 1, endpoints.klinesMax)), {
        query: { symbol: m.symbol, interval, ...rangeQuery(range, endpoints.klinesMax) }
      }),
      api.now,
      (list, now) => list.map((k) => Convert.toCandle(m, interval, k, now))
    )
})

/**
 * `startTime`, `endTime` and `limit` (at most `maxLimit`) of a time range, as the history endpoints
 * take them.
 * @since 0.1.0
 */
export const rangeQuery = (range: TimeRange | undefined, maxLimit: number) => ({
  startTime: range?.since === undefined ? undefined : String(range.since),
  endTime: range?.until === undefined ? undefined : String(range.until),
  limit: range?.limit === undefined ? undefined : String(clamp(range.limit, 1, maxLimit))
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
  product: Convert.Product,
  endpoints: OrderEndpoints<W>,
  toOrder: (market: Market, order: W) => Order
): Pick<TradingOps<S>, "place" | "lookup" | "cancel" | "openOrders"> => ({
  place: (api, { clientOrderId, market, request }) =>
    api.rest.requestWith(endpoints.placeOrder, {
      body: {
        _tag: "form",
        params: Orders.orderParams(product.type === "spot" ? "spot" : "usdm", market, request, clientOrderId)
      }
    }, (o) => toOrder(market, o)),
  lookup: (api, m, ref) =>
    api.rest.requestWith(endpoints.getOrder, { query: Orders.refQuery(m, ref) }, (o) => toOrder(m, o)),
  cancel: (api, m, ref) =>
    api.rest.requestWith(endpoints.cancelOrder, { query: Orders.refQuery(m, ref) }, (o) => toOrder(m, o)),
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

/** One combined-streams connection per product. */
const streams = (product: Convert.Product): StreamOps => ({
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
