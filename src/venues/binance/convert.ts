/**
 * Binance Spot wire values → the unified model.
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Candle from "../../model/Candle.js"
import type { Interval } from "../../model/Candle.js"
import * as Decimal from "../../model/Decimal.js"
import { type Market, type MarketStatus, unifiedSymbol } from "../../model/Market.js"
import type { OrderBookSnapshot } from "../../model/OrderBook.js"
import type { Ticker } from "../../model/Ticker.js"
import type { Trade } from "../../model/Trade.js"
import type * as Wire from "./wire.js"

/** @since 0.1.0 */
export const VENUE = "binance"

/**
 * Symbol status → unified status.
 * https://developers.binance.com/docs/binance-spot-api-docs/enums#symbol-status-status
 * @since 0.1.0
 */
export const marketStatus = (status: string): MarketStatus => {
  switch (status) {
    case "TRADING":
      return "trading"
    case "END_OF_DAY":
    case "HALT":
    case "BREAK":
    case "PRE_TRADING":
    case "POST_TRADING":
    case "AUCTION_MATCH":
      return "halted"
    default:
      return "delisted"
  }
}

const one = Decimal.unsafe("1")

/**
 * Builds a market from an `exchangeInfo` symbol, reading PRICE_FILTER, LOT_SIZE and
 * NOTIONAL / MIN_NOTIONAL. Fails (Left) when a filter the market needs is missing or unusable.
 * https://developers.binance.com/docs/binance-spot-api-docs/filters
 * @since 0.1.0
 */
export const toMarket = (info: Wire.SymbolInfo): Either.Either<Market, string> => {
  let tickSize: Decimal.Decimal | undefined
  let lotStep: Decimal.Decimal | undefined
  let minQuantity: Decimal.Decimal | undefined
  let maxQuantity: Decimal.Decimal | undefined
  let minNotional: Decimal.Decimal | undefined
  for (const f of info.filters) {
    if ("tickSize" in f) tickSize = f.tickSize
    else if ("stepSize" in f) {
      lotStep = f.stepSize
      minQuantity = f.minQty
      maxQuantity = f.maxQty
    } else if ("minNotional" in f) minNotional = f.minNotional
  }
  if (tickSize === undefined || !BigDecimal.isPositive(tickSize)) {
    return Either.left(`${info.symbol}: no usable PRICE_FILTER tickSize`)
  }
  if (lotStep === undefined || minQuantity === undefined || !BigDecimal.isPositive(lotStep)) {
    return Either.left(`${info.symbol}: no usable LOT_SIZE stepSize`)
  }
  return Either.right({
    venue: VENUE,
    symbol: info.symbol,
    unified: unifiedSymbol(info.baseAsset, info.quoteAsset, "spot"),
    base: info.baseAsset,
    quote: info.quoteAsset,
    type: "spot",
    status: marketStatus(info.status),
    tickSize,
    lotStep,
    minQuantity,
    ...(maxQuantity !== undefined && BigDecimal.isPositive(maxQuantity) ? { maxQuantity } : {}),
    ...(minNotional !== undefined ? { minNotional } : {}),
    contractSize: one,
    venueStatus: info.status,
    venueOrderTypes: info.orderTypes
  })
}

const positive = (d: Decimal.Decimal) => BigDecimal.isPositive(d) ? d : undefined

/** @since 0.1.0 */
export const toTicker = (market: Market, t: Wire.Ticker24hr): Ticker => {
  const bid = positive(t.bidPrice)
  const ask = positive(t.askPrice)
  return {
    symbol: market.unified,
    venueSymbol: market.symbol,
    timestamp: t.closeTime,
    last: t.lastPrice,
    ...(bid !== undefined ? { bid, bidSize: t.bidQty } : {}),
    ...(ask !== undefined ? { ask, askSize: t.askQty } : {}),
    open: t.openPrice,
    high: t.highPrice,
    low: t.lowPrice,
    baseVolume: t.volume,
    quoteVolume: t.quoteVolume,
    change: t.priceChange,
    percentage: t.priceChangePercent
  }
}

/** @since 0.1.0 */
export const toSnapshot = (market: Market, d: Wire.Depth): OrderBookSnapshot => ({
  symbol: market.unified,
  venueSymbol: market.symbol,
  bids: d.bids,
  asks: d.asks,
  sequence: d.lastUpdateId
})

/**
 * `isBuyerMaker` means the seller was the taker: the aggressor side is `sell`.
 * @since 0.1.0
 */
export const toTrade = (market: Market, t: Wire.RecentTrade): Trade => ({
  id: t.id,
  symbol: market.unified,
  venueSymbol: market.symbol,
  timestamp: t.time,
  price: t.price,
  quantity: t.qty,
  side: t.isBuyerMaker ? "sell" : "buy"
})

/** @since 0.1.0 */
export const toCandle = (market: Market, interval: Interval, k: Wire.Kline, now: number): Candle.Candle => ({
  symbol: market.unified,
  interval,
  openTime: k[0],
  closeTime: k[6],
  open: k[1],
  high: k[2],
  low: k[3],
  close: k[4],
  volume: k[5],
  quoteVolume: k[7],
  tradeCount: k[8],
  closed: k[6] < now
})

/**
 * Binance kline intervals: every unified interval.
 * https://developers.binance.com/docs/binance-spot-api-docs/enums#kline-intervals
 * @since 0.1.0
 */
export const intervals: ReadonlyArray<Interval> = Candle.Interval.literals
