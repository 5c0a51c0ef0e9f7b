/**
 * Bybit v5: the venue adapter and the layers that provide the unified `Exchange`, spot and linear
 * (USDT/USDC perpetuals) in one connector; each call's category comes from the resolved market.
 *
 * Bybit's create / amend / cancel answer with ids only, so each is followed by a query of the order
 * (`/v5/order/realtime` by `orderId`, which also finds closed orders), asked again while rate
 * limited, to return its state. A post-only order that would take liquidity is accepted and then
 * cancelled by Bybit (`rejectReason: EC_PostOnlyWillTakeLiquidity`); that is reported as
 * `InvalidOrder(post_only_would_cross)`.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const ticker = yield* exchange.ticker("BTC/USDT:USDT")
 * })
 * program.pipe(Effect.provide(Bybit.layer({ environment: "mainnet" })))
 * ```
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { DecodeError, ExchangeUnavailable } from "../../errors/ExchangeError.js"
import type { MarketDataError, TradingError } from "../../Exchange.js"
import * as AcknowledgedOrders from "../../kernel/AcknowledgedOrders.js"
import * as Caps from "../../kernel/Capabilities.js"
import * as Connector from "../../kernel/Connector.js"
import { clamp } from "../../kernel/Connector.js"
import * as Credentials from "../../kernel/Credentials.js"
import { byGroup, loadEach } from "../../kernel/MarketGroups.js"
import { persist } from "../../kernel/Persist.js"
import type { Endpoint } from "../../kernel/RestClient.js"
import type { VenueAdapter, VenueApi } from "../../kernel/VenueAdapter.js"
import { decodeWith, readMarkets } from "../../kernel/WireDecode.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import type { TimeRange } from "../../model/Candle.js"
import { type Market, symbolsOf } from "../../model/Market.js"
import type { Order } from "../../model/Order.js"
import { checkAmendment } from "../../model/OrderRules.js"
import { bybitBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import { decodeOrderBookPayload, isDepthDecodeFailure } from "./depthCodec.js"
import * as Endpoints from "./endpoints.js"
import { get } from "./endpoints.js"
import * as Errors from "./errors.js"
import * as Orders from "./orders.js"
import { type BybitCredentials, makeSigner } from "./signing.js"
import * as Streams from "./stream.js"
import * as UserStream from "./userStream.js"
import * as Wire from "./wire.js"

const VENUE = Convert.VENUE
type Api = VenueApi<{}>
/** How long the query that follows a create/cancel/amend keeps asking while rate limited. */
const QUERY_WITHIN = Duration.seconds(30)

/** `timeNano` / 10^6, exactly (no float). */
const serverTime = (api: Api) =>
  Effect.map(get(api, Endpoints.time), (r) => {
    const nano = r.result.timeNano
    return /^\d{7,}$/.test(nano) ? Number.parseInt(nano.slice(0, -6), 10) : r.time
  })

const decodeInstrument = {
  spot: (raw: unknown) => Either.flatMap(decodeWith(Wire.SpotInstrument)(raw), Convert.spotMarket),
  linear: (raw: unknown) =>
    Either.match(decodeWith(Wire.LinearInstrument)(raw), { onLeft: Either.left, onRight: Convert.linearMarket })
}

/** Every instrument of one category (spot answers one page; linear 1000 a page). */
const loadCategory = (api: Api, category: Convert.Category) =>
  Effect.map(
    Endpoints.pages(
      api,
      Endpoints.instruments,
      { category, limit: category === "linear" ? "1000" : undefined },
      category === "spot" ? 1 : 20
    ),
    (list) => readMarkets(list, decodeInstrument[category])
  )

const tickerError = (path: string, detail: string) =>
  new DecodeError({ venue: VENUE, endpoint: "GET /v5/market/tickers", path, outcome: "definitive", detail })

const tickerOf = (api: Api, m: Market) =>
  Effect.flatMap(
    get(api, Endpoints.tickers, Convert.at(m)),
    (r): Effect.Effect<{ ticker: Wire.Ticker; time: number }, MarketDataError> => {
      const t = r.result.list.find((x) => x.symbol === m.symbol)
      return t === undefined
        ? Effect.fail(tickerError("$.result.list", `no ticker for ${m.symbol}`))
        : Effect.succeed({ ticker: t, time: r.time })
    }
  )

/**
 * Query of `GET /v5/market/kline` (limit default 200, Bybit's default, sent explicitly).
 * @since 0.1.0
 */
export const klineQuery = (m: Market, interval: string, range?: TimeRange) => ({
  ...Convert.at(m),
  interval,
  ...(range?.since !== undefined ? { start: String(range.since) } : {}),
  ...(range?.until !== undefined ? { end: String(range.until) } : {}),
  limit: String(clamp(range?.limit ?? 200, 1, 1000))
})

/**
 * Query of `GET /v5/market/funding/history`. Bybit rejects `startTime` alone, so a range with only
 * a start ends now.
 * @since 0.1.0
 */
export const fundingHistoryQuery = (m: Market, range: TimeRange | undefined, now: number) => ({
  category: "linear",
  symbol: m.symbol,
  ...(range?.since !== undefined ? { startTime: String(range.since), endTime: String(range.until ?? now) } : {}),
  ...(range?.since === undefined && range?.until !== undefined ? { endTime: String(range.until) } : {}),
  ...(range?.limit !== undefined ? { limit: String(clamp(range.limit, 1, 200)) } : {})
})

/**
 * Orders read back after create / amend / cancel (`/v5/order/realtime` by id or `orderLinkId`); a
 * post-only order Bybit cancelled because it would have taken liquidity is refused.
 */
const orders = AcknowledgedOrders.make<Wire.Order, {}>({
  venue: VENUE,
  within: QUERY_WITHIN,
  acceptedStatus: "Created",
  lookupRaw: (api, m, ref) =>
    Effect.flatMap(
      get(api, Endpoints.openOrders, Orders.orderQuery(m, ref)),
      (r) =>
        AcknowledgedOrders.found(VENUE, "GET /v5/order/realtime", ref, r.result.list.find((o) => o.symbol === m.symbol))
    ),
  toOrder: Orders.toOrder,
  postOnlyCancelled: (o) => o.rejectReason === "EC_PostOnlyWillTakeLiquidity" ? o.rejectReason : undefined
})

/**
 * Sends to an order endpoint once the category's budget for it allows (`Endpoints.orderLimits`;
 * `units`: the orders of a batch), then merges what Bybit's headers say about it: the account's own
 * limit and the requests it counted (other programs on the account included).
 */
const send = <A, I>(api: Api, endpoint: Endpoint<A, I>, category: Convert.Category, units: number, body: unknown) => {
  const key = `${endpoint.path} ${category}`
  const requests = Endpoints.orderLimits[endpoint.path]![category]
  return Effect.zipRight(
    api.limits.acquire(key, { requests, windowMs: 1000 }, units),
    Effect.map(api.rest.requestRaw(endpoint, { body: { _tag: "json", value: body } }), ({ response, value }) => {
      api.limits.observe(key, Errors.endpointUsage(response.headers), response.receivedAt)
      return value
    })
  )
}

/**
 * A batch of one category and its per-item results: an item's own failure (`retExtInfo.list[i]`),
 * or what `read` makes of its ids (`undefined` when Bybit answered none for it).
 */
const batch = <Item extends { readonly market: Market }>(
  endpoint: typeof Endpoints.createBatch,
  body: (category: Convert.Category, items: ReadonlyArray<Item>) => unknown,
  read: (
    api: Api,
    item: Item,
    ids: typeof Wire.OrderIds.Type | undefined
  ) => Either.Either<Effect.Effect<Order, TradingError>, TradingError>
) =>
(api: Api, items: ReadonlyArray<Item>) => {
  const category = Convert.categoryOf(items[0]!.market)
  return Effect.flatMap(
    send(api, endpoint, category, items.length, body(category, items)),
    (answer) =>
      AcknowledgedOrders.eachItem(items, (item, i) => {
        const ext = answer.retExtInfo.list[i]
        if (ext !== undefined && ext.code !== 0) {
          return Either.left(Errors.classify({ code: ext.code, msg: ext.msg, endpoint: `POST ${endpoint.path}` }))
        }
        const ids = answer.result.list[i]
        return read(api, item, ids?.orderId ? ids : undefined)
      })
  )
}

/**
 * The Bybit adapter.
 * @since 0.1.0
 */
export const adapter: VenueAdapter<BybitCredentials> = {
  definition: {
    venue: VENUE,
    name: "Bybit (spot + linear)",
    // REST hosts: https://bybit-exchange.github.io/docs/v5/guide#authentication
    // Websocket hosts (`/v5/public/spot`, `/v5/public/linear` follow): https://bybit-exchange.github.io/docs/v5/ws/connect
    urls: {
      mainnet: { rest: "https://api.bybit.com", ws: "wss://stream.bybit.com" },
      testnet: { rest: "https://api-testnet.bybit.com", ws: "wss://stream-testnet.bybit.com" }
    },
    rateLimit: { weightLimit: 600, windowMs: 5_000, maxWaitMs: 10_000 },
    maxRecvWindowMs: 60_000,
    streamTimings: Streams.defaultStreamTimings,
    credentials: Credentials.apiKeySecret,
    signer: makeSigner,
    classify: Errors.classifyResponse,
    usedWeight: Errors.usedWeight
  },
  capabilities: Caps.make({
    marketTypes: ["spot", "perp"],
    candleIntervals: Convert.intervals,
    funding: true,
    userStreams: { orders: true, fills: true, balances: true, positions: true },
    trading: {
      reduceOnly: true,
      amend: true,
      batchPlaceMax: Endpoints.batchLimits.spot,
      batchCancelMax: Endpoints.batchLimits.spot
    },
    positions: true
  }),
  defaultSettings: {},
  marketData: {
    serverTime,
    loadMarkets: (api) => loadEach(Convert.categories, (category) => loadCategory(api, category)),
    ticker: (api, m) => Effect.map(tickerOf(api, m), ({ ticker, time }) => Convert.toTicker(m, ticker, time)),
    tickers: (api, all, chosen) =>
      byGroup(
        Convert.categories,
        Convert.categoryOf,
        chosen,
        (category) =>
          Effect.map(get(api, Endpoints.tickers, { category }), (r) =>
            r.result.list.flatMap((t) => {
              const m = Convert.marketOf(all, category, t.symbol)
              return m === undefined ? [] : [Convert.toTicker(m, t, r.time)]
            }))
      ),
    orderBook: (api, m, depth) =>
      Effect.map(
        get(api, Endpoints.orderBook, {
          ...Convert.at(m),
          limit: String(clamp(depth ?? 50, 1, m.type === "spot" ? 200 : 500))
        }),
        (r) => Convert.toSnapshot(m, r.result)
      ),
    trades: (api, m, limit) =>
      Effect.map(
        get(api, Endpoints.recentTrades, {
          ...Convert.at(m),
          limit: limit === undefined ? undefined : String(clamp(limit, 1, m.type === "spot" ? 60 : 1000))
        }),
        (r) => r.result.list.map((t) => Convert.toTrade(m, t))
      ),
    candles: (api, m, interval, range) =>
      Effect.zipWith(
        get(api, Endpoints.kline, klineQuery(m, Convert.klineIntervals[interval]!, range)),
        api.now,
        (r, now) => [...r.result.list].reverse().map((k) => Convert.toCandle(m, interval, k, now))
      ),
    fundingRate: (api, m) =>
      Effect.flatMap(tickerOf(api, m), ({ ticker, time }) =>
        Either.mapLeft(
          Convert.toFundingRate(m, ticker, time),
          (detail) => tickerError("$.result.list[0].fundingRate", detail)
        )),
    fundingRateHistory: (api, m, range) =>
      Effect.gen(function*() {
        const r = yield* get(api, Endpoints.fundingHistory, fundingHistoryQuery(m, range, yield* api.now))
        return [...r.result.list].reverse().map((f) => ({
          ...symbolsOf(m),
          rate: f.fundingRate,
          timestamp: f.fundingRateTimestamp
        }))
      })
  },
  streams: {
    connections: (options) => ({
      spot: Streams.protocol(options, "spot"),
      linear: Streams.protocol(options, "linear")
    }),
    connectionOf: Convert.categoryOf,
    ticker: { topic: (m) => `tickers.${m.symbol}`, decode: Streams.decodeTicker },
    trades: { topic: (m) => `publicTrade.${m.symbol}`, decode: (m) => Streams.decodeTrades(m) },
    candles: {
      topic: (m, interval) => `kline.${Convert.klineIntervals[interval] ?? "1"}.${m.symbol}`,
      decode: Streams.decodeKlines
    },
    // Depth 200 exists on both categories (1/50/200/1000) and matches the REST snapshot's largest spot limit.
    book: {
      topic: (m) => `orderbook.200.${m.symbol}`,
      decode: () => (payload, receivedAt) => {
        const r = decodeOrderBookPayload(payload, receivedAt)
        return isDepthDecodeFailure(r) ? decodeFailure(r.message) : r
      }
    },
    bookSync: bybitBookSync
  },
  trading: {
    clientOrderId: Orders.clientOrderId,
    refuse: (_m, request) =>
      request.type === "market" && request.timeInForce === "FOK"
        ? "FOK market orders (Bybit market orders are IOC)"
        : undefined,
    place: (api, { clientOrderId, market, request }) =>
      Effect.flatMap(
        send(
          api,
          Endpoints.createOrder,
          Convert.categoryOf(market),
          1,
          Orders.orderBody(market, request, clientOrderId)
        ),
        (r) => orders.placed(api, market, request, { id: r.result.orderId, clientOrderId: r.result.orderLinkId })
      ),
    placeBatch: {
      max: Endpoints.batchLimits.spot,
      key: (p) => Convert.categoryOf(p.market),
      send: batch(Endpoints.createBatch, Orders.batchCreateBody, (api, item, ids) =>
        ids === undefined
          ? Either.left(
            new ExchangeUnavailable({ venue: VENUE, outcome: "ambiguous", detail: "no result for this item" })
          )
          : Either.right(
            orders.placed(api, item.market, item.request, { id: ids.orderId, clientOrderId: ids.orderLinkId })
          ))
    },
    lookup: orders.lookup,
    cancel: (api, m, ref) =>
      Effect.flatMap(
        send(api, Endpoints.cancelOrder, Convert.categoryOf(m), 1, Orders.cancelBody(m, ref)),
        (r) => orders.queried(api, m, r.result.orderId)
      ),
    cancelBatch: {
      max: Endpoints.batchLimits.spot,
      key: ({ market }) => Convert.categoryOf(market),
      send: batch(Endpoints.cancelBatch, Orders.batchCancelBody, (api, item, ids) =>
        Either.right(
          ids === undefined
            ? persist(api.signed(orders.lookup(api, item.market, item.ref)), QUERY_WITHIN)
            : orders.queried(api, item.market, ids.orderId)
        ))
    },
    cancelAll: (api, m) =>
      Effect.flatMap(
        send(api, Endpoints.cancelAll, Convert.categoryOf(m), 1, Orders.cancelAllBody(m)),
        (r) => orders.lookupEach(api, m, r.result.list.map((ids) => ids.orderId))
      ),
    amend: (api, m, ref, amendment) =>
      Effect.gen(function*() {
        yield* checkAmendment(m, amendment)
        const r = yield* send(api, Endpoints.amendOrder, Convert.categoryOf(m), 1, Orders.amendBody(m, ref, amendment))
        return yield* orders.queried(api, m, r.result.orderId)
      }),
    /** One market, or spot and each settle coin's linear orders (Bybit asks linear by coin). */
    openOrders: (api, all, m) => {
      const settles = new Set(all.all.flatMap((x) => x.type === "perp" && x.settle !== undefined ? [x.settle] : []))
      const queries: ReadonlyArray<Readonly<Record<string, string>>> = m !== undefined
        ? [Convert.at(m)]
        : [{ category: "spot" }, ...[...settles].map((settleCoin) => ({ category: "linear", settleCoin }))]
      return Effect.map(
        Effect.forEach(
          queries,
          (query) =>
            Effect.map(Endpoints.pages(api, Endpoints.openOrders, query, 50), (list) =>
              list.flatMap((o) => {
                const market = m ?? Convert.marketOf(all, query.category, o.symbol)
                return market === undefined ? [] : [Orders.toOrder(market, o)]
              }))
        ),
        (lists) => lists.flat()
      )
    }
  },
  account: {
    balances: (api) =>
      Effect.map(
        get(api, Endpoints.walletBalance, Orders.balanceQuery),
        (r) => r.result.list.flatMap((a) => a.coin.map(UserStream.toBalance).filter((b) => !BigDecimal.isZero(b.total)))
      ),
    /** Open positions only: Bybit lists flat ones with size 0 and side `""`/`None`. */
    positions: (api, all, chosen) =>
      Effect.map(
        Effect.forEach(chosen?.map(Orders.positionsQuery) ?? [Orders.positionsQuery()], (q) =>
          get(api, Endpoints.positions, q)),
        (answers) =>
          answers.flatMap((r) =>
            r.result.list
          ).flatMap((p) => {
            const market = Convert.marketOf(all, "linear", p.symbol)
            const open = BigDecimal.isPositive(p.size) && (p.side === "Buy" || p.side === "Sell")
            return market === undefined || !open ? [] : [UserStream.toPosition(market, p)]
          })
      ),
    /**
     * Permission names from https://bybit-exchange.github.io/docs/v5/user/apikey-info:
     * `ContractTrade`: `Order`, `Position`; `Spot`: `SpotTrade`; `Wallet`: `AccountTransfer`,
     * `SubMemberTransfer`, `SubMemberTransferList`, `Withdraw`; `Derivatives`: `DerivativesTrade` —
     * which every unified account has by default, so it says nothing about this key's trading
     * rights and is not counted as one.
     */
    permissions: (api) =>
      Effect.map(get(api, Endpoints.apiKeyInfo), (info) => {
        const p = info.result.permissions
        const has = (group: string, name: string) => (p[group] ?? []).includes(name)
        const readOnly = info.result.readOnly === 1
        return {
          read: true,
          trade: !readOnly && (has("Spot", "SpotTrade") || has("ContractTrade", "Order")),
          withdraw: !readOnly && has("Wallet", "Withdraw")
        }
      })
  },
  userStreams: UserStream.userStreams
}

/**
 * @since 0.1.0
 */
export interface BybitOptions extends Connector.ConnectorOptions<BybitCredentials> {}

/**
 * `make` builds the Bybit `Exchange` in the current scope (its websocket sessions live there);
 * `layer` provides it; `layerConfig` reads the options from `Config`.
 * @since 0.1.0
 */
export const { layer, layerConfig, make } = Connector.constructors(adapter)

/** @since 0.1.0 */
export type { BybitCredentials } from "./signing.js"
