/**
 * The sandbox's instruments as Hyperliquid lists them. Perpetuals: the engine's perpetuals, named
 * by their base asset (`BTC`), asset id = index in `meta.universe`. Spot: the engine's spot pairs
 * quoted in the engine's dollar asset, as tokens (`spotMeta.tokens`, USDC at index 0) and pairs
 * (`spotMeta.universe`); asset id = 10000 + pair index; the first pair is named `BASE/USDC` (as
 * `PURR/USDC` is on the venue), the others `@<index>`.
 *
 * The engine keeps dollars as `USDT`; this dialect shows that ledger asset as `USDC`, the venue's
 * only quote and margin asset. Spot and perp margin draw on the same dollar balance (as on
 * Hyperliquid's unified account).
 *
 * `szDecimals` is the number of decimals of the engine's lot step; the price rule is the venue's:
 * at most 5 significant figures (integers always allowed) and at most 6 − szDecimals decimals
 * (8 − szDecimals for spot).
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/asset-ids
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/tick-and-lot-size
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { decimalPlaces } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument, PerpInstrument, SpotInstrument } from "../../engine/Instrument.js"

/** The engine asset shown as USDC. */
export const DOLLAR = "USDT"
/** @since 0.1.0 */
export const USDC = "USDC"

/** @since 0.1.0 */
export const assetName = (engineAsset: string) => engineAsset === DOLLAR ? USDC : engineAsset

/**
 * One tradable asset as the venue sees it.
 * @since 0.1.0
 */
export interface Asset {
  readonly kind: "perp" | "spot"
  /** The asset id orders carry (`a`). */
  readonly id: number
  /** The `coin` of info requests and streams: `BTC`, `BTC/USDC`, `@1`. */
  readonly coin: string
  readonly szDecimals: number
  readonly instrument: Instrument
  /** Spot only: the base token's index in `spotMeta.tokens`. */
  readonly token?: number | undefined
}

/**
 * @since 0.1.0
 */
export interface Universe {
  readonly perps: ReadonlyArray<Asset & { readonly instrument: PerpInstrument }>
  readonly spots: ReadonlyArray<Asset & { readonly instrument: SpotInstrument }>
  /** Spot tokens: USDC first. */
  readonly tokens: ReadonlyArray<{ readonly name: string; readonly szDecimals: number; readonly engineAsset: string }>
  readonly byCoin: (coin: string) => Asset | undefined
  readonly byId: (id: number) => Asset | undefined
  readonly bySymbol: (engineSymbol: string) => Asset | undefined
}

/**
 * Builds the universe from the engine's listings (fixed for the engine's life).
 * @since 0.1.0
 */
export const make = (engine: Engine): Universe => {
  const perps = engine.perpetuals.filter((i) => i.settle === DOLLAR).map((instrument, index) => ({
    kind: "perp" as const,
    id: index,
    coin: instrument.base,
    szDecimals: decimalPlaces(instrument.lotStep),
    instrument
  }))
  const tokens: Array<{ name: string; szDecimals: number; engineAsset: string }> = [
    { name: USDC, szDecimals: 8, engineAsset: DOLLAR }
  ]
  const spots = engine.instruments.filter((i) => i.quote === DOLLAR).map((instrument, index) => {
    let token = tokens.findIndex((t) => t.engineAsset === instrument.base)
    if (token < 0) {
      token = tokens.length
      tokens.push({
        name: instrument.base,
        szDecimals: decimalPlaces(instrument.lotStep),
        engineAsset: instrument.base
      })
    }
    return {
      kind: "spot" as const,
      id: 10_000 + index,
      coin: index === 0 ? `${instrument.base}/${USDC}` : `@${index}`,
      szDecimals: decimalPlaces(instrument.lotStep),
      instrument,
      token
    }
  })
  const all: ReadonlyArray<Asset> = [...perps, ...spots]
  const coins = new Map(all.map((a) => [a.coin, a]))
  const ids = new Map(all.map((a) => [a.id, a]))
  const symbols = new Map(all.map((a) => [a.instrument.symbol, a]))
  return {
    perps,
    spots,
    tokens,
    byCoin: (coin) => coins.get(coin),
    byId: (id) => ids.get(id),
    bySymbol: (symbol) => symbols.get(symbol)
  }
}

/** Significant figures of a non-zero decimal (trailing zeros do not count). */
const significantDigits = (d: Decimal): number => {
  const n = BigDecimal.normalize(d)
  return (n.value < 0n ? -n.value : n.value).toString().length
}

/**
 * Whether a price follows the venue's rule for this asset.
 * @since 0.1.0
 */
export const validPrice = (asset: Asset, price: Decimal): boolean => {
  if (!BigDecimal.isPositive(price)) return false
  if (BigDecimal.isInteger(price)) return true
  const maxDecimals = (asset.kind === "perp" ? 6 : 8) - asset.szDecimals
  return decimalPlaces(price) <= maxDecimals && significantDigits(price) <= 5
}

/**
 * Whether a size has at most `szDecimals` decimals and is positive.
 * @since 0.1.0
 */
export const validSize = (asset: Asset, size: Decimal): boolean =>
  BigDecimal.isPositive(size) && decimalPlaces(size) <= asset.szDecimals
