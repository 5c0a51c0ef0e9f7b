/**
 * Hyperliquid's wire values to the unified model: markets from `meta` and `spotMeta`, tickers from
 * the asset contexts, books, trades, candles, funding, orders, balances and positions.
 *
 * Markets: a perpetual's native symbol is its `meta.universe` name (`BTC`), unified
 * `BTC/USDC:USDC`, asset id = its index in the universe; a spot pair's native symbol is its
 * `spotMeta.universe` name (`PURR/USDC`, `@107`), unified `BASE/QUOTE` from its tokens, asset id =
 * 10000 + pair index. There is no fixed tick: a price has at most 5 significant figures (integers
 * always allowed) and at most 6 − szDecimals decimals (8 − szDecimals for spot); sizes have at
 * most szDecimals decimals; an order must be worth at least $10. The market's `tickSize` is the
 * finest increment the rule allows and `priceRule` carries the significant-figures limit.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/asset-ids
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/tick-and-lot-size
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Candle, Interval } from "../../model/Candle.js"
import * as Decimal from "../../model/Decimal.js"
import type { FundingRate } from "../../model/Funding.js"
import type { Market } from "../../model/Market.js"
import { unifiedSymbol } from "../../model/Market.js"
import type { Order, OrderStatus } from "../../model/Order.js"
import type { BookUpdate, OrderBookSnapshot } from "../../model/OrderBook.js"
import type { Position } from "../../model/Position.js"
import type { Ticker } from "../../model/Ticker.js"
import type { Trade } from "../../model/Trade.js"
import type * as Wire from "./wire.js"

/** @since 0.1.0 */
export const VENUE = "hyperliquid"

/** Perpetuals are margined and settled in USDC. @since 0.1.0 */
export const USDC = "USDC"

/** Spot asset ids start here. @since 0.1.0 */
export const SPOT_OFFSET = 10_000

const pow10 = (exponent: number) => BigDecimal.make(1n, exponent)
const one = Decimal.unsafe("1")
/** The venue's minimum order value, $10. */
export const minOrderValue = Decimal.unsafe("10")

const rule = { maxSignificantFigures: 5, integersAllowed: true } as const

/**
 * A perpetual of `meta.universe` at `index`.
 * @since 0.1.0
 */
export const perpMarket = (asset: Wire.PerpAsset, index: number): Market => ({
  venue: VENUE,
  symbol: asset.name,
  venueId: String(index),
  unified: unifiedSymbol(asset.name, USDC, "perp", USDC),
  base: asset.name,
  quote: USDC,
  settle: USDC,
  type: "perp",
  status: asset.isDelisted === true ? "delisted" : "trading",
  tickSize: pow10(Math.max(0, 6 - asset.szDecimals)),
  priceRule: rule,
  lotStep: pow10(asset.szDecimals),
  minQuantity: pow10(asset.szDecimals),
  minNotional: minOrderValue,
  contractSize: one
})

/**
 * The spot pairs of `spotMeta`; pairs whose tokens are not listed are skipped with a reason.
 * @since 0.1.0
 */
export const spotMarkets = (
  meta: Wire.SpotMeta
): { markets: ReadonlyArray<Market>; skipped: ReadonlyArray<string> } => {
  const tokens = new Map(meta.tokens.map((t) => [t.index, t]))
  const markets: Array<Market> = []
  const skipped: Array<string> = []
  for (const pair of meta.universe) {
    const base = tokens.get(pair.tokens[0])
    const quote = tokens.get(pair.tokens[1])
    if (base === undefined || quote === undefined) {
      skipped.push(`${pair.name}: token ${base === undefined ? pair.tokens[0] : pair.tokens[1]} is not listed`)
      continue
    }
    markets.push({
      venue: VENUE,
      symbol: pair.name,
      venueId: String(SPOT_OFFSET + pair.index),
      unified: unifiedSymbol(base.name, quote.name, "spot"),
      base: base.name,
      quote: quote.name,
      type: "spot",
      status: "trading",
      tickSize: pow10(Math.max(0, 8 - base.szDecimals)),
      priceRule: rule,
      lotStep: pow10(base.szDecimals),
      minQuantity: pow10(base.szDecimals),
      minNotional: minOrderValue,
      contractSize: one
    })
  }
  return { markets, skipped }
}

/**
 * A market's asset id (`a` in orders).
 * @since 0.1.0
 */
export const assetId = (market: Market): number => Number.parseInt(market.venueId ?? "-1", 10)

const change = (last: Decimal.Decimal, open: Decimal.Decimal) => {
  const diff = BigDecimal.subtract(last, open)
  return {
    open,
    change: diff,
    ...(BigDecimal.isZero(open)
      ? {}
      : {
        percentage: BigDecimal.round(
          BigDecimal.unsafeDivide(BigDecimal.multiply(diff, BigDecimal.fromBigInt(100n)), open),
          { scale: 8 }
        )
      })
  }
}

/**
 * The fields of an asset context (perpetual or spot) a ticker is read from.
 * @since 0.1.0
 */
export type TickerCtx = Pick<Wire.PerpCtx & Wire.SpotCtx, "midPx" | "markPx" | "dayNtlVlm" | "dayBaseVlm" | "prevDayPx">

/**
 * A ticker from a perpetual's or a spot pair's asset context: `last` is the mid (the mark when the
 * book is empty); the venue gives no time, so `timestamp` is the local clock's.
 * @since 0.1.0
 */
export const ticker = (market: Market, ctx: TickerCtx, now: number): Ticker => {
  const last = ctx.midPx ?? ctx.markPx
  return {
    symbol: market.unified,
    venueSymbol: market.symbol,
    timestamp: now,
    last,
    quoteVolume: ctx.dayNtlVlm,
    ...(ctx.dayBaseVlm !== undefined ? { baseVolume: ctx.dayBaseVlm } : {}),
    ...change(last, ctx.prevDayPx)
  }
}

/**
 * An `l2Book` as a unified snapshot (the venue's time as its sequence).
 * @since 0.1.0
 */
export const toSnapshot = (market: Market, book: Wire.L2Book): OrderBookSnapshot => ({
  symbol: market.unified,
  venueSymbol: market.symbol,
  bids: book.levels[0].map((l) => [l.px, l.sz] as const),
  asks: book.levels[1].map((l) => [l.px, l.sz] as const),
  sequence: book.time,
  timestamp: book.time
})

/**
 * An `l2Book` frame as a book update: always a full snapshot, ordered by the venue's time.
 * @since 0.1.0
 */
export const toBookUpdate = (book: Wire.L2Book, receivedAt: number): BookUpdate => ({
  kind: "snapshot",
  venueSymbol: book.coin,
  bids: book.levels[0].map((l) => [Decimal.format(l.px), Decimal.format(l.sz)] as const),
  asks: book.levels[1].map((l) => [Decimal.format(l.px), Decimal.format(l.sz)] as const),
  lastUpdateId: book.time,
  exchangeTime: book.time,
  receiveTime: receivedAt
})

/**
 * A public trade; `side` is the taker's.
 * @since 0.1.0
 */
export const toTrade = (market: Market, t: Wire.Trade): Trade => ({
  id: t.tid,
  symbol: market.unified,
  venueSymbol: market.symbol,
  timestamp: t.time,
  price: t.px,
  quantity: t.sz,
  side: t.side === "B" ? "buy" : "sell"
})

/**
 * Candle intervals the venue offers (`candleSnapshot`, `candle` channel).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#candle-snapshot
 * @since 0.1.0
 */
export const candleIntervals: Partial<Record<Interval, string>> = {
  "1m": "1m",
  "3m": "3m",
  "5m": "5m",
  "15m": "15m",
  "30m": "30m",
  "1h": "1h",
  "2h": "2h",
  "4h": "4h",
  "8h": "8h",
  "12h": "12h",
  "1d": "1d",
  "3d": "3d",
  "1w": "1w",
  "1M": "1M"
}

/** @since 0.1.0 */
export const intervals = Object.keys(candleIntervals) as ReadonlyArray<Interval>

/**
 * A candle; closed once its close time has passed.
 * @since 0.1.0
 */
export const toCandle = (market: Market, interval: Interval, c: Wire.Candle, now: number): Candle => ({
  symbol: market.unified,
  interval,
  openTime: c.t,
  closeTime: c.T,
  open: c.o,
  high: c.h,
  low: c.l,
  close: c.c,
  volume: c.v,
  tradeCount: c.n,
  closed: c.T < now
})

/**
 * A funding settlement of `fundingHistory`.
 * @since 0.1.0
 */
export const toFunding = (market: Market, f: typeof import("./wire.js").Funding.Type): FundingRate => ({
  symbol: market.unified,
  venueSymbol: market.symbol,
  rate: f.fundingRate,
  timestamp: f.time
})

/**
 * The venue's order status words (`orderStatus`), unified. Statuses the library has not seen are
 * `Unknown`.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#query-order-status-by-oid-or-cloid
 * @since 0.1.0
 */
export const orderStatus = (status: string, filled: boolean): OrderStatus => {
  switch (status) {
    case "open":
      return filled ? "partially_filled" : "open"
    case "filled":
      return "filled"
    case "triggered":
      return "open"
    case "canceled":
    case "marginCanceled":
    case "vaultWithdrawalCanceled":
    case "openInterestCapCanceled":
    case "selfTradeCanceled":
    case "reduceOnlyCanceled":
    case "siblingFilledCanceled":
    case "delistedCanceled":
    case "liquidatedCanceled":
    case "scheduledCancel":
      return "canceled"
    case "iocCancelRejected":
      // an IOC that matched nothing: expired, as every venue reports it
      return "expired"
    case "rejected":
    case "tickRejected":
    case "minTradeNtlRejected":
    case "perpMarginRejected":
    case "reduceOnlyRejected":
    case "badAloPxRejected":
    case "badTriggerPxRejected":
    case "marketOrderNoLiquidityRejected":
    case "positionIncreaseAtOpenInterestCapRejected":
    case "positionFlipAtOpenInterestCapRejected":
    case "tooAggressiveAtOpenInterestCapRejected":
    case "openInterestIncreaseRejected":
    case "insufficientSpotBalanceRejected":
    case "oracleRejected":
    case "perpMaxPositionRejected":
      return "rejected"
    default:
      return { _tag: "Unknown", raw: status }
  }
}

/**
 * An order of `frontendOpenOrders` / `orderStatus`, unified.
 * @since 0.1.0
 */
export const toOrder = (market: Market, o: Wire.FrontendOrder, status: string, updatedAt?: number): Order => {
  const filledQuantity = BigDecimal.subtract(o.origSz, o.sz)
  return {
    id: o.oid,
    ...(o.cloid !== undefined && o.cloid !== null ? { clientOrderId: o.cloid } : {}),
    symbol: market.unified,
    venueSymbol: market.symbol,
    side: o.side === "B" ? "buy" : "sell",
    type: o.orderType === "Market" ? "market" : "limit",
    ...(o.tif === "Ioc"
      ? { timeInForce: "IOC" as const }
      : o.tif === "Gtc" || o.tif === "Alo"
      ? { timeInForce: "GTC" as const }
      : {}),
    postOnly: o.tif === "Alo",
    reduceOnly: o.reduceOnly === true,
    price: o.limitPx,
    quantity: o.origSz,
    filledQuantity: BigDecimal.isNegative(filledQuantity) ? Decimal.zero : filledQuantity,
    status: orderStatus(status, BigDecimal.isPositive(filledQuantity)),
    venueStatus: status,
    createdAt: o.timestamp,
    ...(updatedAt !== undefined ? { updatedAt } : {})
  }
}

/**
 * A position of `clearinghouseState` (one-way: `szi` signed).
 * @since 0.1.0
 */
export const toPosition = (
  market: Market,
  p: Wire.ClearinghouseState["assetPositions"][number]["position"],
  time: number
): Position => ({
  symbol: market.unified,
  venueSymbol: market.symbol,
  side: BigDecimal.isNegative(p.szi) ? "short" : "long",
  size: BigDecimal.abs(p.szi),
  entryPrice: p.entryPx ?? Decimal.zero,
  ...(p.liquidationPx !== null ? { liquidationPrice: p.liquidationPx } : {}),
  unrealizedPnl: p.unrealizedPnl,
  leverage: Decimal.fromBigInt(BigInt(Math.trunc(p.leverage.value))),
  marginMode: p.leverage.type === "isolated" ? "isolated" : "cross",
  timestamp: time
})
