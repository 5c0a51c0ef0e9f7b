/**
 * Building a venue's `Capabilities` from what sets it apart: most venues have the whole market-data
 * set, the four public channels and limit/market orders with GTC/IOC/FOK, post-only and cancel-all,
 * so an adapter states only its market types, funding, user streams and trading limits.
 *
 * @since 0.1.0
 */
import type { Capabilities as C } from "../Exchange.js"
import type { Interval } from "../model/Candle.js"
import type { MarketType } from "../model/Market.js"

/**
 * What differs between venues.
 * @since 0.1.0
 */
export interface Differences {
  readonly marketTypes: ReadonlyArray<MarketType>
  readonly candleIntervals: ReadonlyArray<Interval>
  /** Funding rate and its history (perpetuals). */
  readonly funding: boolean
  /** User-data streams the venue has (all false when omitted). */
  readonly userStreams?: Partial<Pick<C["streams"], "orders" | "fills" | "balances" | "positions">> | undefined
  /** Departures from limit/market, GTC/IOC/FOK, post-only, no reduce-only, no amend, no batches. */
  readonly trading?: Partial<C["trading"]> | undefined
  readonly positions: boolean
}

/**
 * A venue's capabilities.
 * @since 0.1.0
 */
export const make = (d: Differences): C => ({
  marketTypes: d.marketTypes,
  marketData: {
    ticker: true,
    tickers: true,
    orderBook: true,
    trades: true,
    candles: true,
    fundingRate: d.funding,
    fundingRateHistory: d.funding
  },
  streams: {
    ticker: true,
    trades: true,
    candles: true,
    bookUpdates: true,
    orders: false,
    fills: false,
    balances: false,
    ...d.userStreams
  },
  candleIntervals: d.candleIntervals,
  trading: {
    enabled: true,
    orderTypes: ["limit", "market"],
    timeInForce: ["GTC", "IOC", "FOK"],
    postOnly: true,
    reduceOnly: false,
    amend: false,
    batchPlaceMax: 0,
    batchCancelMax: 0,
    cancelAll: true,
    ...d.trading
  },
  account: { balances: true, positions: d.positions }
})
