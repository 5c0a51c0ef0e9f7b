/**
 * OKX v5: the venue adapter and the layers that provide the unified `Exchange`, SPOT and linear
 * SWAP (USDT/USDC-settled perpetuals) in one connector.
 *
 * - Quantities are in the base asset everywhere (orders, fills, positions, books, tickers); SWAP
 *   sizes are converted exactly to and from contracts (`ctVal`), and an order that is not a whole
 *   number of `lotSz` contracts is refused before it is signed (see `convert.ts`).
 * - Settings: `marginMode` of SWAP orders (`cross` by default, or `isolated`) and `positionMode`
 *   (`auto` reads `posMode` from `/account/config` once; or `net_mode` / `long_short_mode`).
 * - OKX limits each endpoint on its own (per IP, per user, per user and instrument); every request
 *   waits for its endpoint's budget first, so a burst of placements waits instead of meeting
 *   `50011`.
 * - Demo trading (`environment: "testnet"`): the same REST host with `x-simulated-trading: 1`, and
 *   the demo websocket host (public, business and private).
 * - User streams (`watchOrders`, `watchFills`, `watchBalances`, `watchPositions`): the private
 *   websocket (`userStream.ts`), reconciled from REST by the kernel after every reconnect.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const ticker = yield* exchange.ticker("BTC/USDT:USDT")
 * })
 * program.pipe(Effect.provide(Okx.layer({ environment: "mainnet" })))
 * ```
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { isBookDecodeFailure } from "../../book/BookWire.js"
import {
  DecodeError,
  ExchangeUnavailable,
  InvalidOrder,
  OrderNotFound,
  type TransportError
} from "../../errors/ExchangeError.js"
import type { Capabilities, Environment, OrderRef, TradingError } from "../../Exchange.js"
import * as Caps from "../../kernel/Capabilities.js"
import * as Connector from "../../kernel/Connector.js"
import { clamp } from "../../kernel/Connector.js"
import * as Credentials from "../../kernel/Credentials.js"
import { persist } from "../../kernel/Persist.js"
import * as RestClient from "../../kernel/RestClient.js"
import type { CredentialSpec, VenueAdapter, VenueApi } from "../../kernel/VenueAdapter.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import type { TimeRange } from "../../model/Candle.js"
import type { Market } from "../../model/Market.js"
import * as OrderModel from "../../model/Order.js"
import type { Order, OrderRequest } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import { okxBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import { booksDecoder } from "./depthCodec.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import * as Orders from "./orders.js"
import { makeSigner, type OkxCredentials } from "./signing.js"
import * as Streams from "./stream.js"
import * as UserStream from "./userStream.js"
import * as Wire from "./wire.js"

/**
 * Official base URLs. Demo trading uses the production REST host with `x-simulated-trading: 1` and
 * its own websocket host.
 * https://www.okx.com/docs-v5/en/#overview-production-trading-services
 * https://www.okx.com/docs-v5/en/#overview-demo-trading-services
 * @since 0.1.0
 */
export const urls: Record<Exclude<Environment, "sandbox">, { readonly rest: string; readonly ws: string }> = {
  mainnet: { rest: "https://www.okx.com", ws: "wss://ws.okx.com:8443" },
  testnet: { rest: "https://www.okx.com", ws: "wss://wspap.okx.com:8443" }
}

/**
 * Venue-specific settings.
 * @since 0.1.0
 */
export interface OkxSettings {
  /** `tdMode` of SWAP orders. Default `cross`. (SPOT orders are always `cash`.) */
  readonly marginMode: Orders.MarginMode
  /** `auto` reads `posMode` from `/account/config` once. Default `auto`. */
  readonly positionMode: Orders.PositionMode | "auto"
}

/** @since 0.1.0 */
export const defaultSettings: OkxSettings = { marginMode: "cross", positionMode: "auto" }

/**
 * What the connector supports.
 * @since 0.1.0
 */
export const capabilities: Capabilities = Caps.make({
  marketTypes: ["spot", "perp"],
  candleIntervals: Convert.intervals,
  funding: true,
  trading: Orders.tradingCapabilities,
  userStreams: { orders: true, fills: true, balances: true, positions: true },
  positions: true
})

const credentialFields = [
  Credentials.apiKeyField,
  Credentials.secretField,
  { name: "passphrase", config: "passphrase", secret: true, description: "the passphrase chosen with the API key" }
] as const

/**
 * An OKX API key: key, secret and passphrase (all secret). Config: `api_key`, `secret`, `passphrase`.
 * @since 0.1.0
 */
export const credentials: CredentialSpec<OkxCredentials> = {
  fields: credentialFields,
  make: (values) =>
    Either.map(
      Credentials.required(credentialFields, values),
      (v) => ({ apiKey: v.apiKey!, secret: v.secret!, passphrase: v.passphrase! })
    )
}

const VENUE = Convert.VENUE
type Api = VenueApi<OkxSettings>
const json = (value: unknown) => ({ body: { _tag: "json" as const, value } })
/** How long the query that follows a place/cancel/amend keeps asking while rate limited (as on Bybit). */
const QUERY_WITHIN = Duration.seconds(30)
/** Longest a request waits for the gate or its endpoint's budget before failing with `RateLimited`. */
const MAX_WAIT_MS = 10_000

const decodeWith = <A, I>(schema: Schema.Schema<A, I>, raw: unknown): Either.Either<A, string> =>
  Either.mapLeft(Schema.decodeUnknownEither(schema)(raw), (e) => {
    const { detail, path } = RestClient.describeParseError(e)
    return `${path}: ${detail}`
  })

// ---- per-endpoint rate limits --------------------------------------------------------------

/**
 * Sends a request once its endpoint's budget allows: per IP / user for most endpoints, per
 * instrument for the order endpoints (`weight` = orders in a batch), and the sub-account order
 * budget for placements and amendments.
 */
const call = <A, I>(
  api: Api,
  endpoint: Endpoints.OkxEndpoint<A, I>,
  params: RestClient.RequestParams,
  perInstrument?: { readonly instIds: ReadonlyArray<string>; readonly orders: boolean }
): Effect.Effect<A, TransportError> =>
  Effect.gen(function*() {
    if (perInstrument === undefined) {
      yield* api.limits.acquire(endpoint.path, endpoint.limit, 1)
    } else {
      const counts = new Map<string, number>()
      for (const id of perInstrument.instIds) counts.set(id, (counts.get(id) ?? 0) + 1)
      for (const [instId, n] of counts) {
        yield* api.limits.acquire(`${endpoint.path} ${instId}`, endpoint.limit, n)
      }
      if (perInstrument.orders) {
        yield* api.limits.acquire("sub-account orders", Endpoints.subAccountOrderLimit, perInstrument.instIds.length)
      }
    }
    return yield* api.rest.request(endpoint, params)
  })

const first = <A>(data: ReadonlyArray<A>, endpoint: string): Effect.Effect<A, DecodeError> =>
  data[0] === undefined
    ? Effect.fail(
      new DecodeError({ venue: VENUE, endpoint, path: "$.data", outcome: "definitive", detail: "empty data" })
    )
    : Effect.succeed(data[0])

// ---- position mode --------------------------------------------------------------------------

const modes = new WeakMap<RestClient.RestClient, Effect.Effect<Orders.PositionMode, TransportError>>()

/** The order context: margin mode from the settings, position mode from them or `/account/config` (read once). */
const orderContext = (api: Api): Effect.Effect<Orders.OrderContext, TransportError> => {
  const { marginMode, positionMode } = api.settings
  if (positionMode !== "auto") return Effect.succeed({ marginMode, positionMode })
  let mode = modes.get(api.rest)
  if (mode === undefined) {
    mode = Effect.runSync(Effect.cached(
      Effect.flatMap(
        call(api, Endpoints.accountConfig, {}),
        (r) => Effect.map(first(r.data, "GET /api/v5/account/config"), Orders.positionMode)
      )
    ))
    modes.set(api.rest, mode)
  }
  return Effect.map(mode, (positionMode) => ({ marginMode, positionMode }))
}

// ---- market data ----------------------------------------------------------------------------

const serverTime = (api: Api) =>
  Effect.flatMap(
    call(api, Endpoints.time, {}),
    (r) => Effect.map(first(r.data, "GET /api/v5/public/time"), (t) => t.ts)
  )

const loadType = (api: Api, instType: Convert.InstType) =>
  Effect.map(call(api, Endpoints.instruments, { query: { instType } }), (r) => {
    const markets: Array<Market> = []
    const skipped: Array<string> = []
    for (const raw of r.data) {
      const market = Either.flatMap(
        decodeWith(Wire.Instrument, raw),
        (i) => instType === "SPOT" ? Convert.spotMarket(i) : Convert.swapMarket(i) ?? Either.left("")
      )
      if (Either.isRight(market)) markets.push(market.right)
      else if (market.left !== "") skipped.push(market.left)
    }
    return { markets, skipped }
  })

/**
 * Query of `GET /api/v5/market/candles`: `limit` ≤ 300 (default 100); `before` = newer than, `after`
 * = older than (both exclusive), so a range `[since, until]` asks `before = since - 1`,
 * `after = until + 1`.
 * @since 0.1.0
 */
export const candlesQuery = (m: Market, bar: string, range?: TimeRange) => ({
  instId: m.symbol,
  bar,
  ...(range?.until !== undefined ? { after: String(range.until + 1) } : {}),
  ...(range?.since !== undefined ? { before: String(range.since - 1) } : {}),
  limit: String(clamp(range?.limit ?? 100, 1, 300))
})

/**
 * Query of `GET /api/v5/public/funding-rate-history` (`limit` ≤ 400, default 100; `before`/`after`
 * exclusive, as for candles).
 * @since 0.1.0
 */
export const fundingHistoryQuery = (m: Market, range?: TimeRange) => ({
  instId: m.symbol,
  ...(range?.until !== undefined ? { after: String(range.until + 1) } : {}),
  ...(range?.since !== undefined ? { before: String(range.since - 1) } : {}),
  ...(range?.limit !== undefined ? { limit: String(clamp(range.limit, 1, 400)) } : {})
})

// ---- orders ---------------------------------------------------------------------------------

const lookupRaw = (api: Api, m: Market, ref: OrderRef): Effect.Effect<Wire.Order, TradingError> =>
  Effect.flatMap(
    call(api, Endpoints.getOrder, { query: Orders.orderQuery(m, ref) }),
    (r): Effect.Effect<Wire.Order, TradingError> => {
      const found = r.data.find((o) => o.instId === m.symbol)
      return found === undefined
        ? Effect.fail(
          new OrderNotFound({
            venue: VENUE,
            endpoint: "GET /api/v5/trade/order",
            orderId: ref.id,
            clientOrderId: ref.clientOrderId
          })
        )
        : Effect.succeed(found)
    }
  )

/** A post-only order OKX cancelled because it would have taken liquidity is refused. */
const checked = (m: Market, o: Wire.Order): Effect.Effect<Order, TradingError> =>
  Orders.postOnlyWouldTake(o)
    ? Effect.fail(
      new InvalidOrder({
        venue: VENUE,
        reason: "post_only_would_cross",
        venueMessage: `cancelSource ${o.cancelSource}`,
        detail: `post-only order ${o.ordId} would have taken liquidity and was cancelled by OKX`
      })
    )
    : Effect.succeed(Orders.toOrder(m, o))

const lookup = (api: Api, m: Market, ref: OrderRef) => Effect.flatMap(lookupRaw(api, m, ref), (o) => checked(m, o))

/** An item's own failure (`sCode` ≠ "0"). */
const itemError = (ack: Wire.OrderAck | undefined, endpoint: string): TransportError | undefined =>
  ack === undefined
    ? new ExchangeUnavailable({ venue: VENUE, endpoint, outcome: "ambiguous", detail: "no result for this item" })
    : ack.sCode !== "0"
    ? Errors.classify({ code: ack.sCode, msg: ack.sMsg, endpoint })
    : undefined

/** The order an accepted placement created, as OKX then knows it (queried, asking again while rate limited). */
const queryPlaced = (api: Api, m: Market, request: OrderRequest, ack: Wire.OrderAck) =>
  Effect.flatMap(
    Effect.either(persist(lookupRaw(api, m, { symbol: m.symbol, id: ack.ordId }), QUERY_WITHIN, api.rest)),
    (found) =>
      Either.isRight(found)
        ? checked(m, found.right)
        : Effect.as(
          Effect.logWarning(`[okx] order ${ack.ordId} was accepted but could not be queried: ${found.left.message}`),
          acceptedOrder(m, request, ack)
        )
  )

/** What a placement answered, before the order could be queried. */
const acceptedOrder = (m: Market, request: OrderRequest, ack: Wire.OrderAck): Order =>
  OrderModel.accepted(m, request, { id: ack.ordId, clientOrderId: ack.clOrdId, venueStatus: "accepted" })

/** Every pending order of one query (OKX pages by `after` = the last `ordId`, 100 a page). */
const pendingPages = (api: Api, scope: Parameters<typeof Orders.pendingQuery>[0]) =>
  Effect.gen(function*() {
    const out: Array<Wire.Order> = []
    let after: string | undefined
    for (let page = 0; page < 50; page++) {
      const r = yield* call(api, Endpoints.pendingOrders, { query: Orders.pendingQuery(scope, after) })
      out.push(...r.data)
      if (r.data.length < 100) break
      after = r.data[r.data.length - 1]!.ordId
    }
    return out
  })

const orderBodies = (
  api: Api,
  items: ReadonlyArray<{ market: Market; request: OrderRequest; clientOrderId: string }>
) =>
  Effect.flatMap(
    orderContext(api),
    (context) =>
      Effect.forEach(items, (item) =>
        Either.match(Orders.orderBody(item.market, item.request, item.clientOrderId, context), {
          onLeft: (e) =>
            Effect.fail(e),
          onRight: (b) => Effect.succeed(b)
        }))
  )

const cancelBatchSend = (api: Api, items: ReadonlyArray<{ readonly market: Market; readonly ref: OrderRef }>) =>
  Effect.flatMap(
    call(api, Endpoints.cancelOrders, json(items.map((i) => Orders.cancelBody(i.market, i.ref))), {
      instIds: items.map((i) => i.market.symbol),
      orders: false
    }),
    (r) =>
      Effect.forEach(items, (item, i) => {
        const ack = r.data[i]
        const error = itemError(ack, "POST /api/v5/trade/cancel-batch-orders")
        if (error !== undefined) return Effect.succeed(Either.left<TradingError>(error))
        return Effect.either(
          persist(lookup(api, item.market, { symbol: item.market.symbol, id: ack!.ordId }), QUERY_WITHIN, api.rest)
        )
      }, { concurrency: 4 })
  )

/**
 * The OKX adapter (demo trading signs with `x-simulated-trading: 1`).
 * @since 0.1.0
 */
export const adapter: VenueAdapter<OkxCredentials, OkxSettings> = {
  definition: {
    venue: VENUE,
    name: "OKX (SPOT + SWAP)",
    urls,
    rateLimit: { weightLimit: 600, windowMs: 2_000, maxWaitMs: MAX_WAIT_MS },
    maxRecvWindowMs: 60_000,
    streamTimings: Streams.defaultStreamTimings,
    credentials,
    // Placements carry `expTime` = timestamp + the validity window (`signing.ts`), so an ambiguous
    // placement can be looked up once that window has passed, as on the other venues.
    signer: (c, recvWindowMs, environment) =>
      makeSigner(c, { simulated: environment === "testnet", validityMs: recvWindowMs }),
    classify: Errors.classifyResponse
  },
  capabilities,
  defaultSettings,
  marketData: {
    serverTime,
    loadMarkets: (api) =>
      Effect.map(
        Effect.all([loadType(api, "SPOT"), loadType(api, "SWAP")], { concurrency: 2 }),
        ([spot, swap]) => ({ markets: [...spot.markets, ...swap.markets], skipped: [...spot.skipped, ...swap.skipped] })
      ),
    ticker: (api, m) =>
      Effect.flatMap(
        call(api, Endpoints.ticker, { query: { instId: m.symbol } }),
        (r) => Effect.map(first(r.data, "GET /api/v5/market/ticker"), (t) => Convert.toTicker(m, t))
      ),
    tickers: (api, all, chosen) =>
      Effect.gen(function*() {
        const types = new Set(chosen === undefined ? ["SPOT", "SWAP"] as const : chosen.map(Convert.instTypeOf))
        const wanted = chosen === undefined ? undefined : new Set(chosen)
        const out = []
        for (const instType of types) {
          const r = yield* call(api, Endpoints.tickers, { query: { instType } })
          for (const t of r.data) {
            const m = all.byVenueSymbol(t.instId)
            if (m !== undefined && (wanted === undefined || wanted.has(m))) out.push(Convert.toTicker(m, t))
          }
        }
        return out
      }),
    orderBook: (api, m, depth) =>
      Effect.flatMap(
        call(api, Endpoints.books, { query: { instId: m.symbol, sz: String(clamp(depth ?? 50, 1, 400)) } }),
        (r) => Effect.map(first(r.data, "GET /api/v5/market/books"), (b) => Convert.toSnapshot(m, b))
      ),
    trades: (api, m, limit) =>
      Effect.map(
        call(api, Endpoints.trades, {
          query: { instId: m.symbol, ...(limit !== undefined ? { limit: String(clamp(limit, 1, 500)) } : {}) }
        }),
        (r) => r.data.map((t) => Convert.toTrade(m, t))
      ),
    candles: (api, m, interval, range) =>
      Effect.map(
        call(api, Endpoints.candles, { query: candlesQuery(m, Convert.bars[interval]!, range) }),
        (r) => [...r.data].reverse().map((c) => Convert.toCandle(m, interval, c))
      ),
    fundingRate: (api, m) =>
      Effect.flatMap(
        call(api, Endpoints.fundingRate, { query: { instId: m.symbol } }),
        (r) => Effect.map(first(r.data, "GET /api/v5/public/funding-rate"), (f) => Convert.toFundingRate(m, f))
      ),
    fundingRateHistory: (api, m, range) =>
      Effect.map(
        call(api, Endpoints.fundingRateHistory, { query: fundingHistoryQuery(m, range) }),
        (r) => [...r.data].reverse().map((f) => Convert.toFundingHistory(m, f))
      )
  },
  streams: {
    connections: (options) => ({
      public: Streams.protocol(options, "public"),
      business: Streams.protocol(options, "business")
    }),
    connectionOf: () => "public",
    ticker: { topic: Streams.tickerTopic, decode: Streams.decodeTicker },
    trades: { topic: Streams.tradeTopic, decode: Streams.decodeTrades },
    candles: { topic: Streams.candleTopic, decode: Streams.decodeCandles, connection: "business" },
    book: {
      topic: Streams.bookTopic,
      decode: (m) => {
        const decode = booksDecoder(m)
        return (payload, receivedAt) => {
          const r = decode(payload, receivedAt)
          return isBookDecodeFailure(r) ? decodeFailure(r.message) : r
        }
      }
    },
    bookSync: okxBookSync
  },
  trading: {
    clientOrderId: {
      format: Orders.clientOrderIdFormat,
      valid: (id) => Either.isRight(Orders.checkClientOrderId(id)),
      rule: "OKX allows 1–32 letters and digits"
    },
    refuse: (_m, request) => {
      const type = Orders.ordType(request)
      return Either.isLeft(type) ? type.left.feature : undefined
    },
    place: (api, { clientOrderId, market, request }) =>
      Effect.gen(function*() {
        const [body] = yield* orderBodies(api, [{ market, request, clientOrderId }])
        const r = yield* call(api, Endpoints.placeOrder, json(body), { instIds: [market.symbol], orders: true })
        const ack = r.data[0]
        const error = itemError(ack, "POST /api/v5/trade/order")
        if (error !== undefined) return yield* error
        return yield* queryPlaced(api, market, request, ack!)
      }),
    placeBatch: {
      max: Endpoints.batchLimits.place,
      send: (api, items) =>
        Effect.gen(function*() {
          const bodies = yield* orderBodies(api, items)
          const r = yield* call(api, Endpoints.placeOrders, json(bodies), {
            instIds: items.map((i) => i.market.symbol),
            orders: true
          })
          return yield* Effect.forEach(items, (item, i) => {
            const ack = r.data[i]
            const error = itemError(ack, "POST /api/v5/trade/batch-orders")
            if (error !== undefined) return Effect.succeed(Either.left<TradingError>(error))
            return Effect.either(queryPlaced(api, item.market, item.request, ack!))
          }, { concurrency: 4 })
        })
    },
    lookup,
    cancel: (api, m, ref) =>
      Effect.gen(function*() {
        const r = yield* call(api, Endpoints.cancelOrder, json(Orders.cancelBody(m, ref)), {
          instIds: [m.symbol],
          orders: false
        })
        const ack = r.data[0]
        const error = itemError(ack, "POST /api/v5/trade/cancel-order")
        if (error !== undefined) return yield* error
        return yield* persist(lookup(api, m, { symbol: m.symbol, id: ack!.ordId }), QUERY_WITHIN, api.rest)
      }),
    cancelBatch: { max: Endpoints.batchLimits.cancel, send: cancelBatchSend },
    /** OKX has no cancel-all for SPOT/SWAP: the pending orders are cancelled in batches of 20. */
    cancelAll: (api, m) =>
      Effect.gen(function*() {
        const pending = yield* pendingPages(api, { market: m })
        const out: Array<Order> = []
        for (let i = 0; i < pending.length; i += Endpoints.batchLimits.cancel) {
          const part = pending.slice(i, i + Endpoints.batchLimits.cancel)
          const results = yield* cancelBatchSend(
            api,
            part.map((o) => ({ market: m, ref: { symbol: m.symbol, id: o.ordId } }))
          )
          for (const r of results) if (Either.isRight(r)) out.push(r.right)
        }
        return out
      }),
    amend: (api, m, ref, amendment) =>
      Effect.gen(function*() {
        const body = yield* Orders.amendBody(m, ref, amendment)
        const r = yield* call(api, Endpoints.amendOrder, json(body), { instIds: [m.symbol], orders: true })
        const ack = r.data[0]
        const error = itemError(ack, "POST /api/v5/trade/amend-order")
        if (error !== undefined) return yield* error
        return yield* persist(lookup(api, m, { symbol: m.symbol, id: ack!.ordId }), QUERY_WITHIN, api.rest)
      }),
    openOrders: (api, all, m) =>
      Effect.gen(function*() {
        if (m !== undefined) return (yield* pendingPages(api, { market: m })).map((o) => Orders.toOrder(m, o))
        const out: Array<Order> = []
        for (const instType of ["SPOT", "SWAP"] as const) {
          for (const o of yield* pendingPages(api, { instType })) {
            const market = all.byVenueSymbol(o.instId)
            if (market !== undefined) out.push(Orders.toOrder(market, o))
          }
        }
        return out
      })
  },
  account: {
    balances: (api) => Effect.map(call(api, Endpoints.balance, {}), (r) => Orders.toBalances(r.data)),
    positions: (api, all, chosen) =>
      Effect.gen(function*() {
        const out: Array<Position> = []
        const groups: Array<ReadonlyArray<Market> | undefined> = []
        if (chosen === undefined) groups.push(undefined)
        else for (let i = 0; i < chosen.length; i += 10) groups.push(chosen.slice(i, i + 10))
        for (const group of groups) {
          const r = yield* call(api, Endpoints.positions, { query: Orders.positionsQuery(group) })
          for (const p of r.data) {
            const market = all.byVenueSymbol(p.instId, "perp")
            const position = market === undefined ? undefined : Orders.toPosition(market, p)
            if (position !== undefined) out.push(position)
          }
        }
        return out
      }),
    permissions: (api) =>
      Effect.flatMap(
        call(api, Endpoints.accountConfig, {}),
        (r) => Effect.map(first(r.data, "GET /api/v5/account/config"), Orders.permissions)
      )
  },
  userStreams: UserStream.userStreams<OkxSettings>({
    fills: (api, history, query) =>
      Effect.map(call(api, history ? Endpoints.fillsHistory : Endpoints.fills, { query }), (r) => r.data),
    orders: (api, query) => Effect.map(call(api, Endpoints.ordersHistory, { query }), (r) => r.data)
  })
}

/**
 * @since 0.1.0
 */
export interface OkxOptions extends Connector.ConnectorOptions<OkxCredentials, OkxSettings> {}

/**
 * `make` builds the connector in the current scope (its websocket sessions live there), `layer`
 * provides the unified `Exchange` for OKX, `layerConfig` reads the options from `Config`.
 * @since 0.1.0
 */
export const { layer, layerConfig, make } = Connector.constructors(adapter)

/** @since 0.1.0 */
export type { OkxCredentials } from "./signing.js"
