/**
 * Bybit v5 wire values → the unified model, for both categories LotusX trades (`spot`, `linear`).
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { byType } from "../../kernel/MarketGroups.js"
import { type Candle, closeTimeOf, fromRow, type Interval } from "../../model/Candle.js"
import * as Decimal from "../../model/Decimal.js"
import { fundingOf, type FundingRate } from "../../model/Funding.js"
import { build, type Market, statusTable } from "../../model/Market.js"
import { type OrderBookSnapshot, snapshotOf } from "../../model/OrderBook.js"
import * as TickerModel from "../../model/Ticker.js"
import { type Trade, tradeOf } from "../../model/Trade.js"
import type * as Wire from "./wire.js"

/** @since 0.1.0 */
export const VENUE = "bybit"

/**
 * The Bybit product categories this connector trades (`spot`, and `linear`: the USDT/USDC-settled
 * perpetuals), a market's category, and the market of a wire symbol in a category (`undefined` in
 * the others: inverse, option).
 * @since 0.1.0
 */
export const { groupOf: categoryOf, groups: categories, marketOf } = byType({ spot: "spot", linear: "perp" })

/** @since 0.1.0 */
export type Category = (typeof categories)[number]

/**
 * Where a market is, in every Bybit request about it: its category and symbol.
 * @since 0.1.0
 */
export const at = (market: Market) => ({ category: categoryOf(market), symbol: market.symbol })

/**
 * Instrument status → unified status. Spot: `Trading`; linear: `PreLaunch`, `Trading`,
 * `Delivering`, `Closed`. https://bybit-exchange.github.io/docs/v5/enum#status
 * @since 0.1.0
 */
export const marketStatus = statusTable({ trading: ["Trading"], halted: ["PreLaunch", "Settling"] })

/** What spot and linear instruments say alike: names, status, tick size, quantity bounds. */
const common = (i: Wire.SpotInstrument | Wire.LinearInstrument) => ({
  venue: VENUE,
  symbol: i.symbol,
  base: i.baseCoin,
  quote: i.quoteCoin,
  status: marketStatus(i.status),
  venueStatus: i.status,
  tickSize: [i.priceFilter.tickSize, "tickSize"] as const,
  minQuantity: i.lotSizeFilter.minOrderQty,
  maxQuantity: i.lotSizeFilter.maxOrderQty
})

/**
 * A spot market: lot step from `lotSizeFilter.basePrecision`, minimum notional from `minOrderAmt`.
 * https://bybit-exchange.github.io/docs/v5/market/instrument
 * @since 0.1.0
 */
export const spotMarket = (i: Wire.SpotInstrument): Either.Either<Market, string> =>
  build({
    ...common(i),
    type: "spot",
    lotStep: [i.lotSizeFilter.basePrecision, "basePrecision"],
    minNotional: i.lotSizeFilter.minOrderAmt
  })

/**
 * A linear perpetual: lot step from `lotSizeFilter.qtyStep`, minimum notional from
 * `minNotionalValue`. Quantities are in the base coin (contract size 1). Dated futures
 * (`LinearFutures`) are left out.
 * https://bybit-exchange.github.io/docs/v5/market/instrument
 * @since 0.1.0
 */
export const linearMarket = (i: Wire.LinearInstrument): Either.Either<Market, string> | undefined =>
  i.contractType !== "LinearPerpetual" ? undefined : build({
    ...common(i),
    settle: i.settleCoin,
    type: "perp",
    lotStep: [i.lotSizeFilter.qtyStep, "qtyStep"],
    minNotional: i.lotSizeFilter.minNotionalValue
  })

/**
 * A ticker; `price24hPcnt` is a fraction (`0.0123` = 1.23 %), reported here as a percentage.
 * https://bybit-exchange.github.io/docs/v5/market/tickers
 * @since 0.1.0
 */
export const toTicker = (market: Market, t: Wire.Ticker, time: number): TickerModel.Ticker =>
  TickerModel.make(market, {
    timestamp: time,
    last: t.lastPrice,
    bid: t.bid1Price,
    bidSize: t.bid1Size,
    ask: t.ask1Price,
    askSize: t.ask1Size,
    open: t.prevPrice24h,
    high: t.highPrice24h,
    low: t.lowPrice24h,
    baseVolume: t.volume24h,
    quoteVolume: t.turnover24h,
    percentage: t.price24hPcnt && Decimal.percentOf(t.price24hPcnt)
  })

/**
 * The current funding rate from a linear ticker.
 * @since 0.1.0
 */
export const toFundingRate = (market: Market, t: Wire.Ticker, time: number): Either.Either<FundingRate, string> =>
  t.fundingRate === undefined
    ? Either.left(`${market.symbol}: the ticker carries no funding rate`)
    : Either.right(fundingOf(market, {
      rate: t.fundingRate,
      timestamp: time,
      nextFundingTime: typeof t.nextFundingTime === "number" ? t.nextFundingTime : undefined,
      markPrice: t.markPrice,
      indexPrice: t.indexPrice
    }))

/** @since 0.1.0 */
export const toSnapshot = (market: Market, d: Wire.OrderBook): OrderBookSnapshot =>
  snapshotOf(market, d.b, d.a, d.u, d.ts)

/**
 * `side` is the taker's side.
 * @since 0.1.0
 */
export const toTrade = (m: Market, t: typeof Wire.RecentTrade.Type): Trade =>
  tradeOf(m, { id: t.execId, timestamp: t.time, price: t.price, quantity: t.size, side: t.side })

/** @since 0.1.0 */
export const toCandle = (market: Market, interval: Interval, k: Wire.Kline, now: number): Candle => {
  const closeTime = closeTimeOf(interval, k[0])
  return {
    ...fromRow(market.unified, interval, k),
    closeTime,
    volume: k[5],
    quoteVolume: k[6],
    closed: closeTime < now
  }
}

/**
 * Unified interval → Bybit kline interval (`1 3 5 15 30 60 120 240 360 720 D W M`); Bybit has no
 * 1s, 8h or 3d candles.
 * https://bybit-exchange.github.io/docs/v5/enum#interval
 * @since 0.1.0
 */
export const klineIntervals: Partial<Record<Interval, string>> = {
  "1m": "1",
  "3m": "3",
  "5m": "5",
  "15m": "15",
  "30m": "30",
  "1h": "60",
  "2h": "120",
  "4h": "240",
  "6h": "360",
  "12h": "720",
  "1d": "D",
  "1w": "W",
  "1M": "M"
}

/** @since 0.1.0 */
export const intervals: ReadonlyArray<Interval> = Object.keys(klineIntervals) as Array<Interval>
