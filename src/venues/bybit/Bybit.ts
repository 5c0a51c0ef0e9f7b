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
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { DecodeError } from "../../errors/ExchangeError.js"
import * as AcknowledgedOrders from "../../kernel/AcknowledgedOrders.js"
import * as Caps from "../../kernel/Capabilities.js"
import * as Connector from "../../kernel/Connector.js"
import * as Credentials from "../../kernel/Credentials.js"
import * as EndpointLimits from "../../kernel/EndpointLimits.js"
import { get, rangeQuery } from "../../kernel/Endpoints.js"
import { byGroup, loadEach, readEach } from "../../kernel/MarketGroups.js"
import type { Endpoint } from "../../kernel/RestClient.js"
import type { NativeBatch, VenueAdapter, VenueApi } from "../../kernel/VenueAdapter.js"
import { bookDecoder, readInstruments } from "../../kernel/WireDecode.js"
import type { TimeRange } from "../../model/Candle.js"
import { fundingOf } from "../../model/Funding.js"
import type { Market } from "../../model/Market.js"
import { checkAmendment } from "../../model/OrderRules.js"
import { bybitBookSync } from "./bookSync.js"
import * as Convert from "./convert.js"
import * as DepthCodec from "./depthCodec.js"
import * as Endpoints from "./endpoints.js"
import * as Errors from "./errors.js"
import * as Orders from "./orders.js"
import { type BybitCredentials, makeSigner } from "./signing.js"
import * as Streams from "./stream.js"
import * as UserStream from "./userStream.js"
import * as Wire from "./wire.js"

const VENUE = Convert.VENUE
type Api = VenueApi<{}>

const tickerError = (path: string, detail: string) =>
  new DecodeError({ venue: VENUE, endpoint: "GET /v5/market/tickers", path, outcome: "definitive", detail })

const tickerOf = (api: Api, m: Market) =>
  Effect.flatMap(get(api, Endpoints.tickers, Convert.at(m)), (r) => {
    const ticker = r.result.list.find((t) => t.symbol === m.symbol)
    return ticker === undefined
      ? Effect.fail(tickerError("$.result.list", `no ticker for ${m.symbol}`))
      : Effect.succeed({ ticker, time: r.time })
  })

/**
 * Query of `GET /v5/market/kline` (limit default 200, Bybit's default, sent explicitly).
 * @since 0.1.0
 */
export const klineQuery = (m: Market, interval: string, range?: TimeRange) => ({
  ...Convert.at(m),
  interval,
  ...rangeQuery(range, { since: "start", until: "end" }, 1000, 200)
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
  ...(range?.limit !== undefined ? { limit: String(Connector.clamp(range.limit, 1, 200)) } : {})
})

/** Orders read back after create / amend / cancel (see above), by id or `orderLinkId`. */
const orders = AcknowledgedOrders.make<Wire.Order, {}>({
  venue: VENUE,
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

/** The budget of each order endpoint per category (`Endpoints.orderLimits`, per rolling second). */
const budgetOf = EndpointLimits.budgets(Endpoints.orderLimits, 1000, Errors.endpointUsage)

/**
 * Sends to an order endpoint once the budget of `market`'s category for it allows (`units`: the
 * orders of a batch), merging what Bybit's headers say about it: the account's own limit and the
 * requests it counted (other programs on the account included).
 */
const send = <A, I>(api: Api, endpoint: Endpoint<A, I>, market: Market, body: unknown, units = 1) =>
  EndpointLimits.request(
    api,
    endpoint,
    { body: { _tag: "json", value: body } },
    budgetOf(endpoint.path, Convert.categoryOf(market)),
    units
  )

/** A batch item's acknowledgement: its own failure (`retExtInfo.list[i]`) or its ids (`result.list[i]`). */
const acks =
  (endpoint: typeof Endpoints.createBatch, answer: Wire.BatchResult) => (i: number): AcknowledgedOrders.ItemAck => {
    const ext = answer.retExtInfo.list[i]
    if (ext !== undefined && ext.code !== 0) {
      return Either.left(Errors.classify({ code: ext.code, msg: ext.msg, endpoint: `POST ${endpoint.path}` }))
    }
    const ids = answer.result.list[i]
    return Either.right(ids?.orderId ? { id: ids.orderId, clientOrderId: ids.orderLinkId } : undefined)
  }

/** A native batch of one category's orders, each item read back from its acknowledgement (`acks`). */
const batch = <I extends { readonly market: Market }>(
  endpoint: typeof Endpoints.createBatch,
  body: (items: ReadonlyArray<I>) => unknown,
  each: (api: Api, items: ReadonlyArray<I>, acks: (i: number) => AcknowledgedOrders.ItemAck) => Results
): NativeBatch<I, {}> => ({
  max: Endpoints.batchLimits.spot,
  key: (item) => Convert.categoryOf(item.market),
  send: (api, items) =>
    Effect.flatMap(
      send(api, endpoint, items[0]!.market, body(items), items.length),
      (answer) => each(api, items, acks(endpoint, answer))
    )
})
type Results = ReturnType<typeof AcknowledgedOrders.eachItem>

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
    /** `timeNano` / 10^6, exactly (no float). */
    serverTime: (api) =>
      Effect.map(get(api, Endpoints.time), (r) => {
        const nano = r.result.timeNano
        return /^\d{7,}$/.test(nano) ? Number.parseInt(nano.slice(0, -6), 10) : r.time
      }),
    /** Every instrument of each category (spot answers one page; linear 1000 a page). */
    loadMarkets: (api) =>
      loadEach(Convert.categories, (category) =>
        Effect.map(
          Endpoints.pages(
            api,
            Endpoints.instruments,
            { category, limit: category === "linear" ? "1000" : undefined },
            category === "spot" ? 1 : 20
          ),
          (list) =>
            category === "spot"
              ? readInstruments(list, Wire.SpotInstrument, Convert.spotMarket)
              : readInstruments(list, Wire.LinearInstrument, Convert.linearMarket)
        )),
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
          limit: String(Connector.clamp(depth ?? 50, 1, m.type === "spot" ? 200 : 500))
        }),
        (r) => Convert.toSnapshot(m, r.result)
      ),
    trades: (api, m, limit) =>
      Effect.map(
        get(api, Endpoints.recentTrades, {
          ...Convert.at(m),
          limit: limit === undefined ? undefined : String(Connector.clamp(limit, 1, m.type === "spot" ? 60 : 1000))
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
        return [...r.result.list].reverse().map((f) =>
          fundingOf(m, { rate: f.fundingRate, timestamp: f.fundingRateTimestamp })
        )
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
      decode: () => bookDecoder(DepthCodec.orderBook.decodePayload)
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
        send(api, Endpoints.createOrder, market, Orders.orderBody(market, request, clientOrderId)),
        (r) => orders.placed(api, market, request, { id: r.result.orderId, clientOrderId: r.result.orderLinkId })
      ),
    placeBatch: batch(Endpoints.createBatch, Orders.batchCreateBody, orders.placedEach),
    lookup: orders.lookup,
    cancel: (api, m, ref) =>
      Effect.flatMap(
        send(api, Endpoints.cancelOrder, m, Orders.orderQuery(m, ref)),
        (r) => orders.queried(api, m, r.result.orderId)
      ),
    cancelBatch: batch(Endpoints.cancelBatch, Orders.batchCancelBody, orders.cancelledEach),
    cancelAll: (api, m) =>
      Effect.flatMap(
        send(api, Endpoints.cancelAll, m, Convert.at(m)),
        (r) => orders.lookupEach(api, m, r.result.list.map((ids) => ids.orderId))
      ),
    amend: (api, m, ref, amendment) =>
      Effect.gen(function*() {
        yield* checkAmendment(m, amendment)
        const r = yield* send(api, Endpoints.amendOrder, m, Orders.amendBody(m, ref, amendment))
        return yield* orders.queried(api, m, r.result.orderId)
      }),
    /** One market, or spot and each settle coin's linear orders (Bybit asks linear by coin). */
    openOrders: (api, all, m) => {
      const settles = new Set(all.all.flatMap((x) => x.type === "perp" && x.settle !== undefined ? [x.settle] : []))
      const queries: ReadonlyArray<Readonly<Record<string, string>>> = m !== undefined
        ? [Convert.at(m)]
        : [{ category: "spot" }, ...[...settles].map((settleCoin) => ({ category: "linear", settleCoin }))]
      return readEach(
        queries,
        (query) => Endpoints.pages(api, Endpoints.openOrders, query, 50),
        (o, query) => {
          const market = m ?? Convert.marketOf(all, query.category, o.symbol)
          return market === undefined ? undefined : Orders.toOrder(market, o)
        }
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
      readEach(
        chosen?.map(Orders.positionsQuery) ?? [Orders.positionsQuery()],
        (query) => Effect.map(get(api, Endpoints.positions, query), (r) => r.result.list),
        (p) => {
          const market = Convert.marketOf(all, "linear", p.symbol)
          const open = BigDecimal.isPositive(p.size) && (p.side === "Buy" || p.side === "Sell")
          return market === undefined || !open ? undefined : UserStream.toPosition(market, p)
        }
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
