/**
 * OKX v5 wire values → the unified model, for the two instrument types LotusX trades: `SPOT` and
 * linear (USDT/USDC-settled) `SWAP`.
 *
 * Contracts: OKX sizes SWAP orders, positions, fills and books in contracts of `ctVal` units of
 * `ctValCcy` (the base currency of a linear swap). LotusX's unified quantity is always in the base
 * asset, so a SWAP market here has `contractSize = ctVal`, `lotStep = lotSz × ctVal` and
 * `minQuantity = minSz × ctVal` (all in base units), and every size crossing the wire is converted
 * exactly: base → contracts by `contracts` (refusing a quantity that is not a whole multiple of
 * `lotSz` contracts), contracts → base by `toBase`.
 *
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { InvalidOrder } from "../../errors/ExchangeError.js"
import type { Candle, Interval } from "../../model/Candle.js"
import { closeTimeOf, fromRow } from "../../model/Candle.js"
import * as Decimal from "../../model/Decimal.js"
import type { FundingRate } from "../../model/Funding.js"
import { type Market, type MarketStatus, symbolsOf, unifiedSymbol } from "../../model/Market.js"
import { type OrderBookSnapshot, snapshotOf } from "../../model/OrderBook.js"
import type { Ticker } from "../../model/Ticker.js"
import type { Trade } from "../../model/Trade.js"
import type * as Wire from "./wire.js"

/** @since 0.1.0 */
export const VENUE = "okx"

/**
 * OKX instrument types this connector trades.
 * @since 0.1.0
 */
export type InstType = "SPOT" | "SWAP"

/** @since 0.1.0 */
export const instTypeOf = (market: Market): InstType => market.type === "spot" ? "SPOT" : "SWAP"

/**
 * Instrument state → unified status: `live` trades; `suspend`, `preopen` and `test` do not (yet).
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments
 * @since 0.1.0
 */
export const marketStatus = (state: string): MarketStatus => {
  switch (state) {
    case "live":
      return "trading"
    case "suspend":
    case "preopen":
    case "test":
    case "rebase":
      return "halted"
    default:
      return "delisted"
  }
}

const one = Decimal.unsafe("1")
const positive = (d: Decimal.Decimal | undefined): d is Decimal.Decimal => d !== undefined && BigDecimal.isPositive(d)

/**
 * A SPOT instrument: sizes are in the base currency.
 * @since 0.1.0
 */
export const spotMarket = (i: Wire.Instrument): Either.Either<Market, string> => {
  if (!positive(i.tickSz)) return Either.left(`${i.instId}: tickSz is not positive`)
  if (!positive(i.lotSz)) return Either.left(`${i.instId}: lotSz is not positive`)
  if (i.baseCcy === "" || i.quoteCcy === "") return Either.left(`${i.instId}: no base or quote currency`)
  return Either.right({
    venue: VENUE,
    symbol: i.instId,
    unified: unifiedSymbol(i.baseCcy, i.quoteCcy, "spot"),
    base: i.baseCcy,
    quote: i.quoteCcy,
    type: "spot",
    status: marketStatus(i.state),
    tickSize: i.tickSz,
    lotStep: i.lotSz,
    minQuantity: i.minSz,
    contractSize: one,
    venueStatus: i.state
  })
}

/**
 * A linear SWAP (`ctType: linear`): base = `ctValCcy`, quote from the instrument family
 * (`BTC-USDT`), settle = `settleCcy`. Inverse swaps are left out (`undefined`).
 * @since 0.1.0
 */
export const swapMarket = (i: Wire.Instrument): Either.Either<Market, string> | undefined => {
  if (i.ctType !== undefined && i.ctType !== "linear") return undefined
  if (!positive(i.tickSz)) return Either.left(`${i.instId}: tickSz is not positive`)
  if (!positive(i.lotSz)) return Either.left(`${i.instId}: lotSz is not positive`)
  if (!positive(i.ctVal)) return Either.left(`${i.instId}: ctVal is not positive`)
  const family = (i.instFamily !== undefined && i.instFamily !== "" ? i.instFamily : i.uly ?? "").split("-")
  const base = i.ctValCcy
  const quote = family.length === 2 ? family[1]! : i.settleCcy
  if (base === "" || quote === "" || i.settleCcy === "") return Either.left(`${i.instId}: no base or settle currency`)
  if (family.length === 2 && family[0] !== base) return undefined
  return Either.right({
    venue: VENUE,
    symbol: i.instId,
    unified: unifiedSymbol(base, quote, "perp", i.settleCcy),
    base,
    quote,
    settle: i.settleCcy,
    type: "perp",
    status: marketStatus(i.state),
    tickSize: i.tickSz,
    lotStep: BigDecimal.normalize(BigDecimal.multiply(i.lotSz, i.ctVal)),
    minQuantity: BigDecimal.normalize(BigDecimal.multiply(i.minSz, i.ctVal)),
    contractSize: BigDecimal.normalize(i.ctVal),
    venueStatus: i.state
  })
}

/**
 * A size on the wire → base units: contracts × `ctVal` for a SWAP, unchanged for SPOT.
 * @since 0.1.0
 */
export const toBase = (market: Market, size: Decimal.Decimal): Decimal.Decimal =>
  market.type === "spot" ? size : BigDecimal.normalize(BigDecimal.multiply(size, market.contractSize))

/** `a / b` when the quotient is a finite decimal, else `undefined`. Exact (bigint). */
const divideExact = (a: Decimal.Decimal, b: Decimal.Decimal): Decimal.Decimal | undefined => {
  if (b.value === 0n) return undefined
  const scale = Math.max(a.scale, b.scale, 0)
  const av = BigDecimal.scale(a, scale).value
  const bv = BigDecimal.scale(b, scale).value
  for (let k = 0; k <= 36; k++) {
    const n = av * 10n ** BigInt(k)
    if (n % bv === 0n) return BigDecimal.normalize(BigDecimal.make(n / bv, k))
  }
  return undefined
}

/**
 * A SWAP's lot in contracts (`lotSz`), recovered exactly from the market (`lotStep / ctVal`).
 * @since 0.1.0
 */
export const contractLot = (market: Market): Decimal.Decimal =>
  market.type === "spot" ? market.lotStep : divideExact(market.lotStep, market.contractSize) ?? market.lotStep

/**
 * A base quantity → the size OKX takes (`sz`): contracts for a SWAP, base for SPOT. A quantity that
 * is not a whole multiple of `lotSz` contracts is refused, never rounded.
 * @since 0.1.0
 */
export const toWireSize = (market: Market, quantity: Decimal.Decimal): Either.Either<Decimal.Decimal, InvalidOrder> => {
  if (market.type === "spot") return Either.right(quantity)
  const contracts = divideExact(quantity, market.contractSize)
  const lot = contractLot(market)
  if (contracts === undefined || !Decimal.isMultipleOf(contracts, lot)) {
    return Either.left(
      new InvalidOrder({
        venue: VENUE,
        reason: "lot_size",
        detail: `quantity ${Decimal.format(quantity)} ${market.base} is not a whole multiple of ${
          Decimal.format(lot)
        } contract(s) of ${Decimal.format(market.contractSize)} ${market.base} (${market.symbol})`
      })
    )
  }
  return Either.right(contracts)
}

/**
 * A ticker. SWAP sizes are converted to base; `baseVolume` is `vol24h` (SPOT) or `volCcy24h`
 * (SWAP, already in the base currency); `quoteVolume` is `volCcy24h` for SPOT only.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-ticker
 * @since 0.1.0
 */
export const toTicker = (market: Market, t: Wire.Ticker): Ticker => {
  const spot = market.type === "spot"
  const baseVolume = spot ? t.vol24h : t.volCcy24h
  return {
    ...symbolsOf(market),
    timestamp: t.ts,
    last: t.last,
    ...(positive(t.bidPx)
      ? { bid: t.bidPx, ...(t.bidSz !== undefined ? { bidSize: toBase(market, t.bidSz) } : {}) }
      : {}),
    ...(positive(t.askPx)
      ? { ask: t.askPx, ...(t.askSz !== undefined ? { askSize: toBase(market, t.askSz) } : {}) }
      : {}),
    ...(t.open24h !== undefined ? { open: t.open24h, change: BigDecimal.subtract(t.last, t.open24h) } : {}),
    ...(positive(t.open24h) ? { percentage: percentChange(t.last, t.open24h) } : {}),
    ...(t.high24h !== undefined ? { high: t.high24h } : {}),
    ...(t.low24h !== undefined ? { low: t.low24h } : {}),
    ...(baseVolume !== undefined ? { baseVolume } : {}),
    ...(spot && t.volCcy24h !== undefined ? { quoteVolume: t.volCcy24h } : {})
  }
}

const hundred = Decimal.unsafe("100")

/** `(last - open) / open × 100`, to 4 decimals (half-even): OKX reports no percentage itself. */
const percentChange = (last: Decimal.Decimal, open: Decimal.Decimal): Decimal.Decimal =>
  BigDecimal.normalize(
    BigDecimal.round(BigDecimal.unsafeDivide(BigDecimal.multiply(BigDecimal.subtract(last, open), hundred), open), {
      scale: 4,
      mode: "half-even"
    })
  )

/**
 * A REST book; SWAP sizes in base units. The REST book carries no sequence id unless OKX adds one.
 * @since 0.1.0
 */
export const toSnapshot = (market: Market, b: Wire.OrderBook): OrderBookSnapshot =>
  snapshotOf(
    market,
    b.bids.map(([px, sz]) => [px, toBase(market, sz)] as const),
    b.asks.map(([px, sz]) => [px, toBase(market, sz)] as const),
    b.seqId,
    b.ts
  )

/** @since 0.1.0 */
export const toTrade = (market: Market, t: Wire.Trade): Trade => ({
  id: t.tradeId,
  ...symbolsOf(market),
  timestamp: t.ts,
  price: t.px,
  quantity: toBase(market, t.sz),
  side: t.side
})

/**
 * A candle: volume in base (`vol` for SPOT, `volCcy` for SWAP), quote volume (`volCcy` for SPOT,
 * `volCcyQuote` for SWAP); closed when `confirm` is `"1"`.
 * @since 0.1.0
 */
export const toCandle = (market: Market, interval: Interval, c: Wire.Candle): Candle => {
  const [ts, , , , , vol, volCcy, ...rest] = c
  const spot = market.type === "spot"
  const volCcyQuote = rest[0] === undefined || rest[0] === "" ? undefined : Decimal.parseOrUndefined(rest[0])
  const confirm = rest[1]
  const volume = spot ? vol : volCcy ?? toBase(market, vol)
  const quoteVolume = spot ? volCcy : volCcyQuote
  return {
    ...fromRow(market.unified, interval, c),
    closeTime: closeTimeOf(interval, ts),
    volume,
    ...(quoteVolume !== undefined ? { quoteVolume } : {}),
    closed: confirm === "1"
  }
}

/** @since 0.1.0 */
export const toFundingRate = (market: Market, f: Wire.FundingRate): FundingRate => ({
  ...symbolsOf(market),
  rate: f.fundingRate,
  timestamp: f.fundingTime,
  ...(f.nextFundingTime !== undefined ? { nextFundingTime: f.nextFundingTime } : {})
})

/**
 * A settled rate (`realizedRate` where OKX gives it, else `fundingRate`).
 * @since 0.1.0
 */
export const toFundingHistory = (market: Market, f: Wire.FundingRateHistory): FundingRate => ({
  ...symbolsOf(market),
  rate: f.realizedRate ?? f.fundingRate,
  timestamp: f.fundingTime
})

/**
 * Unified interval → OKX `bar`. From 6h up the UTC-aligned bars (`6Hutc`, `1Dutc`…) are used: the
 * plain `1D` is aligned to Hong Kong time. OKX has no 1s, 8h or 3d bars.
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks
 * @since 0.1.0
 */
export const bars: Partial<Record<Interval, string>> = {
  "1m": "1m",
  "3m": "3m",
  "5m": "5m",
  "15m": "15m",
  "30m": "30m",
  "1h": "1H",
  "2h": "2H",
  "4h": "4H",
  "6h": "6Hutc",
  "12h": "12Hutc",
  "1d": "1Dutc",
  "1w": "1Wutc",
  "1M": "1Mutc"
}

/** @since 0.1.0 */
export const intervals: ReadonlyArray<Interval> = Object.keys(bars) as Array<Interval>
