/**
 * Binance wire values → the unified model, Spot and USDⓈ-M.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Candle from "../../model/Candle.js"
import type { Interval } from "../../model/Candle.js"
import * as Decimal from "../../model/Decimal.js"
import type { FundingRate } from "../../model/Funding.js"
import { build, type Market, statusTable, symbolsOf } from "../../model/Market.js"
import { type OrderBookSnapshot, snapshotOf } from "../../model/OrderBook.js"
import type { Position } from "../../model/Position.js"
import * as TickerModel from "../../model/Ticker.js"
import type { Ticker } from "../../model/Ticker.js"
import { type Trade, tradeOf } from "../../model/Trade.js"
import type * as Wire from "./wire.js"

/**
 * Which Binance product: its venue id and market type.
 * @since 0.1.0
 */
export interface Product {
  readonly venue: "binance" | "binance-usdm"
  readonly type: "spot" | "perp"
}

/** @since 0.1.0 */
export const spot: Product = { venue: "binance", type: "spot" }
/** @since 0.1.0 */
export const usdm: Product = { venue: "binance-usdm", type: "perp" }

/**
 * Symbol status → unified status.
 * Spot: https://developers.binance.com/docs/binance-spot-api-docs/enums#symbol-status-status
 * USDⓈ-M: https://developers.binance.com/docs/derivatives/usds-margined-futures/common-definition#contract-status-contractstatus-status
 * @since 0.1.0
 */
export const marketStatus = statusTable({
  trading: ["TRADING"],
  halted: [
    ...["END_OF_DAY", "HALT", "BREAK", "PRE_TRADING", "POST_TRADING", "AUCTION_MATCH"], // Spot
    ...["PENDING_TRADING", "PRE_DELIVERING", "DELIVERING", "PRE_SETTLE", "SETTLING"] // USDⓈ-M
  ]
})

/**
 * Builds a market from an `exchangeInfo` symbol, reading PRICE_FILTER, LOT_SIZE and NOTIONAL /
 * MIN_NOTIONAL: `undefined` for a USDⓈ-M contract that is not a perpetual (delivery contracts are
 * out of scope), `Left` when a filter the market needs is missing or unusable. USDⓈ-M contracts are
 * linear with a contract size of 1 base unit.
 * https://developers.binance.com/docs/binance-spot-api-docs/filters
 * @since 0.1.0
 */
export const toMarket = (product: Product, info: Wire.SymbolInfo): Either.Either<Market, string> | undefined => {
  if (product.type === "perp" && info.contractType !== "PERPETUAL") return undefined
  let tickSize: Decimal.Decimal | undefined
  let lot: Extract<Wire.SymbolFilter, { readonly stepSize: unknown }> | undefined
  let minNotional: Decimal.Decimal | undefined
  for (const f of info.filters) {
    if ("tickSize" in f) tickSize = f.tickSize
    else if ("stepSize" in f) lot = f
    else if ("minNotional" in f && f.minNotional !== undefined) minNotional = f.minNotional
    else if ("notional" in f && f.notional !== undefined) minNotional = f.notional
  }
  const settle = product.type === "perp" ? info.marginAsset ?? info.quoteAsset : undefined
  return build({
    venue: product.venue,
    symbol: info.symbol,
    base: info.baseAsset,
    quote: info.quoteAsset,
    ...(settle !== undefined ? { settle } : {}),
    type: product.type,
    status: marketStatus(info.status),
    tickSize: [tickSize, "PRICE_FILTER tickSize"],
    lotStep: [lot?.stepSize, "LOT_SIZE stepSize"],
    minQuantity: lot?.minQty ?? Decimal.zero,
    maxQuantity: lot?.maxQty,
    minNotional,
    venueStatus: info.status,
    venueOrderTypes: info.orderTypes
  })
}

/**
 * A ticker from `ticker/24hr`; the best bid/ask from the ticker itself (Spot) or from
 * `ticker/bookTicker` (USDⓈ-M) when given.
 * @since 0.1.0
 */
export const toTicker = (market: Market, t: Wire.Ticker24hr, book?: Wire.BookTicker): Ticker => {
  const top = book ?? t
  return TickerModel.make(market, {
    timestamp: t.closeTime,
    last: t.lastPrice,
    bid: top.bidPrice,
    bidSize: top.bidQty,
    ask: top.askPrice,
    askSize: top.askQty,
    open: t.openPrice,
    high: t.highPrice,
    low: t.lowPrice,
    baseVolume: t.volume,
    quoteVolume: t.quoteVolume,
    change: t.priceChange,
    percentage: t.priceChangePercent
  })
}

/** @since 0.1.0 */
export const toSnapshot = (market: Market, d: Wire.Depth): OrderBookSnapshot =>
  snapshotOf(market, d.bids, d.asks, d.lastUpdateId, d.T)

/** @since 0.1.0 */
export const toTrade = (m: Market, t: Wire.RecentTrade): Trade =>
  tradeOf(m, { id: t.id, timestamp: t.time, price: t.price, quantity: t.qty, side: t.isBuyerMaker ? "sell" : "buy" })

/** @since 0.1.0 */
export const toCandle = (market: Market, interval: Interval, k: Wire.Kline, now: number): Candle.Candle => ({
  ...Candle.fromRow(market.unified, interval, k),
  closeTime: k[6],
  volume: k[5],
  quoteVolume: k[7],
  tradeCount: k[8],
  closed: k[6] < now
})

/**
 * The current funding rate from `premiumIndex`: `lastFundingRate` is the rate of the coming
 * settlement at `nextFundingTime`.
 * @since 0.1.0
 */
export const toFundingRate = (market: Market, p: Wire.PremiumIndex): FundingRate => ({
  ...symbolsOf(market),
  rate: p.lastFundingRate,
  timestamp: p.time,
  nextFundingTime: p.nextFundingTime,
  markPrice: p.markPrice,
  indexPrice: p.indexPrice
})

/** A settled funding rate from `fundingRate` history. @since 0.1.0 */
export const toFundingRecord = (market: Market, r: Wire.FundingRateRecord): FundingRate => ({
  ...symbolsOf(market),
  rate: r.fundingRate,
  timestamp: r.fundingTime,
  ...(r.markPrice !== undefined && r.markPrice !== "" ? { markPrice: r.markPrice } : {})
})

/**
 * A `positionRisk` entry → a position: the sign of `positionAmt` is the side (one-way mode).
 * @since 0.1.0
 */
export const toPosition = (market: Market, p: Wire.PositionRisk): Position => ({
  ...symbolsOf(market),
  side: BigDecimal.isNegative(p.positionAmt) ? "short" : "long",
  size: BigDecimal.abs(p.positionAmt),
  entryPrice: p.entryPrice,
  markPrice: p.markPrice,
  ...(BigDecimal.isPositive(p.liquidationPrice) ? { liquidationPrice: p.liquidationPrice } : {}),
  unrealizedPnl: p.unRealizedProfit,
  leverage: p.leverage,
  ...(p.marginType.toLowerCase() === "isolated"
    ? { marginMode: "isolated" as const }
    : p.marginType.toLowerCase() === "cross"
    ? { marginMode: "cross" as const }
    : {}),
  ...(p.updateTime !== undefined ? { timestamp: p.updateTime } : {})
})

/**
 * Kline intervals: Spot has every unified interval; USDⓈ-M every one but `1s`.
 * https://developers.binance.com/docs/binance-spot-api-docs/enums#kline-intervals
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/common-definition#kline-chart-intervals
 * @since 0.1.0
 */
export const intervals = (product: Product): ReadonlyArray<Interval> =>
  product.type === "spot" ? Candle.Interval.literals : Candle.Interval.literals.filter((i) => i !== "1s")
