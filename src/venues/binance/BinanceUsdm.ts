/**
 * Binance USDⓈ-M futures (perpetuals): the venue adapter, and the layers that provide the unified
 * `Exchange` for it.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const exchange = yield* Exchange
 *   const funding = yield* exchange.fundingRate("BTC/USDT:USDT")
 * })
 * program.pipe(Effect.provide(BinanceUsdm.layer({ environment: "mainnet" })))
 * ```
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { NotSupported } from "../../errors/ExchangeError.js"
import type { Capabilities } from "../../Exchange.js"
import * as Caps from "../../kernel/Capabilities.js"
import * as Connector from "../../kernel/Connector.js"
import type { VenueAdapter, VenueUrls } from "../../kernel/VenueAdapter.js"
import type { Balance } from "../../model/Balance.js"
import * as Decimal from "../../model/Decimal.js"
import type { Order } from "../../model/Order.js"
import { checkOrder } from "../../model/OrderRules.js"
import * as Convert from "./convert.js"
import * as Family from "./family.js"
import * as Orders from "./orders.js"
import type { BinanceCredentials } from "./signing.js"
import * as Errors from "./usdmErrors.js"
import * as UserStream from "./usdmUserStream.js"
import * as Wire from "./wire.js"

const { get, signed } = Family
const VENUE = "binance-usdm"

/**
 * USDⓈ-M REST endpoints with their request weights (IP weight, the `X-MBX-USED-WEIGHT-1M` budget).
 * Each endpoint's weight is on its own documentation page.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info#limits
 * @since 0.1.0
 */
export const Endpoints = {
  /** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Check-Server-Time */
  time: get("/fapi/v1/time", 1, Wire.ServerTime),
  /** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information */
  exchangeInfo: get("/fapi/v1/exchangeInfo", 1, Wire.ExchangeInfo),
  /** Weight 1 for one symbol, 40 for all. .../market-data/rest-api/24hr-Ticker-Price-Change-Statistics */
  ticker24hr: get("/fapi/v1/ticker/24hr", 1, Wire.Ticker24hr),
  tickers24hr: get("/fapi/v1/ticker/24hr", 40, Schema.Array(Wire.Ticker24hr)),
  /** Weight 2 for one symbol, 5 for all. .../market-data/rest-api/Symbol-Order-Book-Ticker */
  bookTicker: get("/fapi/v1/ticker/bookTicker", 2, Wire.BookTicker),
  bookTickers: get("/fapi/v1/ticker/bookTicker", 5, Schema.Array(Wire.BookTicker)),
  /** Limits 5, 10, 20, 50, 100, 500, 1000; weight 2 / 5 / 10 / 20 by limit. .../market-data/rest-api/Order-Book */
  depth: (limit: number) =>
    get("/fapi/v1/depth", limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20, Wire.Depth),
  depthLimit: (depth: number) => [5, 10, 20, 50, 100, 500, 1000].find((l) => l >= depth) ?? 1000,
  /** .../market-data/rest-api/Recent-Trades-List */
  trades: get("/fapi/v1/trades", 5, Schema.Array(Wire.RecentTrade)),
  /** Weight by limit: <100 → 1, <500 → 2, ≤1000 → 5, more → 10 (max 1500). .../Kline-Candlestick-Data */
  klines: (limit: number) =>
    get("/fapi/v1/klines", limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10, Schema.Array(Wire.Kline)),
  klinesMax: 1500,
  /** .../market-data/rest-api/Mark-Price */
  premiumIndex: get("/fapi/v1/premiumIndex", 1, Wire.PremiumIndex),
  /** .../market-data/rest-api/Get-Funding-Rate-History */
  fundingRate: get("/fapi/v1/fundingRate", 1, Schema.Array(Wire.FundingRateRecord)),
  /** IP weight 0 (it counts against the order-rate limits instead). .../trade/rest-api/New-Order */
  placeOrder: signed("POST", "/fapi/v1/order", 0, Wire.UsdmOrder),
  /** Up to 5 orders; each answer item is an order or an error envelope. .../Place-Multiple-Orders */
  placeBatch: signed("POST", "/fapi/v1/batchOrders", 5, Schema.Array(Schema.Unknown)),
  /** .../trade/rest-api/Modify-Order */
  amendOrder: signed("PUT", "/fapi/v1/order", 0, Wire.UsdmOrder),
  /** Safe to repeat: a second attempt can only answer "unknown order". .../trade/rest-api/Cancel-Order */
  cancelOrder: signed("DELETE", "/fapi/v1/order", 1, Wire.UsdmOrder, true),
  /** Up to 10 orders. .../trade/rest-api/Cancel-Multiple-Orders */
  cancelBatch: signed("DELETE", "/fapi/v1/batchOrders", 1, Schema.Array(Schema.Unknown), true),
  /** Answers `{"code": 200, "msg": "The operation of cancel all open order is done."}`. .../Cancel-All-Open-Orders */
  cancelAllOpenOrders: signed(
    "DELETE",
    "/fapi/v1/allOpenOrders",
    1,
    Schema.Struct({ code: Schema.Number, msg: Schema.String }),
    true
  ),
  /** .../trade/rest-api/Query-Order */
  getOrder: signed("GET", "/fapi/v1/order", 1, Wire.UsdmOrder),
  /** Weight 1 with a symbol, 40 without. .../trade/rest-api/Current-All-Open-Orders */
  openOrders: (all: boolean) => signed("GET", "/fapi/v1/openOrders", all ? 40 : 1, Schema.Array(Wire.UsdmOrder)),
  /** .../account/rest-api/Account-Information-V2 */
  account: signed("GET", "/fapi/v2/account", 5, Wire.Account),
  /** .../account/rest-api/Futures-Account-Balance-V2 */
  balance: signed("GET", "/fapi/v2/balance", 5, Schema.Array(Wire.UsdmBalance)),
  /** .../trade/rest-api/Position-Information-V2 */
  positionRisk: signed("GET", "/fapi/v2/positionRisk", 5, Schema.Array(Wire.PositionRisk))
}

/** Batch limits: .../Place-Multiple-Orders (5), .../Cancel-Multiple-Orders (10). @since 0.1.0 */
export const BATCH_PLACE_MAX = 5
/** @since 0.1.0 */
export const BATCH_CANCEL_MAX = 10

/**
 * Official base URLs.
 * Mainnet: https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 * (REST `https://fapi.binance.com`) and
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 * (`wss://fstream.binance.com`); testnet REST `https://testnet.binancefuture.com`, streams
 * `wss://fstream.binancefuture.com` (same pages).
 * @since 0.1.0
 */
export const urls: VenueUrls = {
  mainnet: { rest: "https://fapi.binance.com", ws: "wss://fstream.binance.com" },
  testnet: { rest: "https://testnet.binancefuture.com", ws: "wss://fstream.binancefuture.com" }
}

/**
 * What the connector supports.
 * @since 0.1.0
 */
export const capabilities: Capabilities = Caps.make({
  marketTypes: ["perp"],
  candleIntervals: Convert.intervals(Convert.usdm),
  funding: true,
  userStreams: { orders: true, fills: true, balances: true, positions: true },
  trading: { reduceOnly: true, amend: true, batchPlaceMax: BATCH_PLACE_MAX, batchCancelMax: BATCH_CANCEL_MAX },
  positions: true
})

const notSupported = (feature: string) => new NotSupported({ venue: VENUE, feature })

const { lookup, openOrders } = Family.orderOps<Wire.UsdmOrder, {}>(Convert.usdm, Endpoints, Orders.usdmOrder)

/**
 * The Binance USDⓈ-M adapter.
 * @since 0.1.0
 */
export const adapter: VenueAdapter<BinanceCredentials> = Family.adapter({
  product: Convert.usdm,
  name: "Binance USDⓈ-M futures",
  urls,
  rateLimit: { weightLimit: 2400, windowMs: 60_000, maxWaitMs: 10_000 },
  classify: Errors.classify,
  capabilities,
  endpoints: Endpoints,
  toOrder: Orders.usdmOrder,
  marketData: {
    /** `ticker/24hr` has no best bid/ask on USDⓈ-M: they come from `ticker/bookTicker`. */
    ticker: (api, m) =>
      Effect.zipWith(
        api.rest.request(Endpoints.ticker24hr, { query: { symbol: m.symbol } }),
        api.rest.request(Endpoints.bookTicker, { query: { symbol: m.symbol } }),
        (t, book) => Convert.toTicker(m, t, book),
        { concurrent: true }
      ),
    tickers: (api, all, chosen) =>
      Effect.zipWith(
        api.rest.request(Endpoints.tickers24hr),
        api.rest.request(Endpoints.bookTickers),
        (list, books) => {
          const bookOf = new Map(books.map((b) => [b.symbol, b]))
          const wanted = chosen === undefined ? undefined : new Set(chosen.map((m) => m.symbol))
          return list.flatMap((t) => {
            const m = all.byVenueSymbol(t.symbol)
            return m === undefined || (wanted !== undefined && !wanted.has(t.symbol))
              ? []
              : [Convert.toTicker(m, t, bookOf.get(t.symbol))]
          })
        },
        { concurrent: true }
      ),
    fundingRate: (api, m) =>
      Effect.map(
        api.rest.request(Endpoints.premiumIndex, { query: { symbol: m.symbol } }),
        (p) => Convert.toFundingRate(m, p)
      ),
    fundingRateHistory: (api, m, range) =>
      Effect.map(
        api.rest.request(Endpoints.fundingRate, { query: { symbol: m.symbol, ...Family.rangeQuery(range, 1000) } }),
        (list) => list.map((r) => Convert.toFundingRecord(m, r))
      )
  },
  trading: {
    placeBatch: {
      max: BATCH_PLACE_MAX,
      send: (api, items) =>
        Effect.map(
          api.rest.request(Endpoints.placeBatch, {
            body: {
              _tag: "form",
              params: Orders.batchPlaceParams(
                items.map((p) => Orders.orderParams("usdm", p.market, p.request, p.clientOrderId))
              )
            }
          }),
          (answer) =>
            answer.slice(0, items.length).map((raw, i) =>
              Orders.batchItem(items[i]!.market, raw, Endpoints.placeBatch.path)
            )
        )
    },
    /** One request per symbol and kind of reference (ids or client ids), as the endpoint takes them. */
    cancelBatch: {
      max: BATCH_CANCEL_MAX,
      key: ({ market, ref }) =>
        ref.id !== undefined && !Orders.isOrderId(ref.id)
          ? `invalid:${ref.id}`
          : `${market.symbol}:${ref.id !== undefined ? "id" : "cid"}`,
      send: (api, items) => {
        const first = items[0]!
        if (first.ref.id !== undefined && !Orders.isOrderId(first.ref.id)) {
          return Effect.succeed(
            items.map((i) => Either.left(notSupported(`order reference "${i.ref.id}" (not a USDⓈ-M order id)`)))
          )
        }
        const query = first.ref.id !== undefined
          ? Orders.batchCancelParams(first.market, { ids: items.map((i) => i.ref.id!) })
          : Orders.batchCancelParams(first.market, { clientOrderIds: items.map((i) => i.ref.clientOrderId!) })
        return Effect.map(
          api.rest.request(Endpoints.cancelBatch, { query }),
          (answer) =>
            answer.slice(0, items.length).map((raw, i) =>
              Orders.batchItem(items[i]!.market, raw, Endpoints.cancelBatch.path)
            )
        )
      }
    },
    /**
     * `allOpenOrders` answers only a code and message, so the open orders are read first and
     * reported as canceled once the venue confirms.
     */
    cancelAll: (api, m) =>
      Effect.gen(function*() {
        const all = yield* api.markets
        const open = yield* openOrders(api, all, m)
        yield* api.rest.request(Endpoints.cancelAllOpenOrders, { query: { symbol: m.symbol } })
        return open.map((o): Order => ({ ...o, status: "canceled", venueStatus: "CANCELED" }))
      }),
    /**
     * USDⓈ-M's modify needs side, quantity and price together: what the amendment leaves out is
     * taken from the order as it stands. Only limit orders can be modified.
     */
    amend: (api, m, ref, amendment) =>
      Effect.gen(function*() {
        if (amendment.price === undefined && amendment.quantity === undefined) {
          return yield* notSupported("an amendment that changes neither price nor quantity")
        }
        const current = yield* lookup(api, m, ref)
        if (current.type !== "limit" || current.price === undefined) {
          return yield* notSupported("amending a market order (USDⓈ-M modifies LIMIT orders only)")
        }
        const next = {
          side: current.side,
          quantity: amendment.quantity ?? current.quantity,
          price: amendment.price ?? current.price
        }
        yield* checkOrder(m, { symbol: m.symbol, type: "limit", ...next })
        const o = yield* api.rest.request(Endpoints.amendOrder, {
          body: { _tag: "form", params: Orders.amendParams(m, ref, next) }
        })
        return Orders.usdmOrder(m, o)
      })
  },
  account: {
    /** Wallet balance is the total; `availableBalance` is free; the rest is held as margin. */
    balances: (api) =>
      Effect.map(api.rest.request(Endpoints.balance), (list) =>
        list
          .map((b): Balance => {
            const held = BigDecimal.subtract(b.balance, b.availableBalance)
            return {
              asset: b.asset,
              free: b.availableBalance,
              locked: BigDecimal.isNegative(held) ? Decimal.zero : held,
              total: b.balance
            }
          })
          .filter((b) => !BigDecimal.isZero(b.total))),
    positions: (api, all, chosen) => {
      const only = chosen !== undefined && chosen.length === 1 ? chosen[0]!.symbol : undefined
      const wanted = chosen === undefined ? undefined : new Set(chosen.map((m) => m.symbol))
      return Effect.map(
        api.rest.request(Endpoints.positionRisk, only === undefined ? {} : { query: { symbol: only } }),
        (list) =>
          list.flatMap((p) => {
            const market = all.byVenueSymbol(p.symbol)
            if (market === undefined || BigDecimal.isZero(p.positionAmt)) return []
            if (wanted !== undefined && !wanted.has(p.symbol)) return []
            return [Convert.toPosition(market, p)]
          })
      )
    }
  },
  userStreams: UserStream.userStreams
})

/**
 * @since 0.1.0
 */
export interface BinanceUsdmOptions extends Connector.ConnectorOptions<BinanceCredentials> {}

/** @since 0.1.0 */
export type BinanceUsdmCredentials = BinanceCredentials

/**
 * `make` builds the Binance USDⓈ-M futures `Exchange` in the current scope (its websocket sessions live there);
 * `layer` provides it; `layerConfig` reads the options from `Config`.
 * @since 0.1.0
 */
export const { layer, layerConfig, make } = Connector.constructors(adapter)
