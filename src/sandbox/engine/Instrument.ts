/**
 * The instruments the sandbox lists: its ground truth for symbols, assets and trading rules
 * (tick size, lot step, minimum quantity and notional, status). Venue dialects render them in their
 * own wire format (e.g. Binance `exchangeInfo` filters).
 *
 * Two kinds: `spot`, and `perp` (linear perpetuals settled in `settle`, with positions, margin,
 * reduce-only, a mark price and funding). A perpetual's engine id is namespaced (`perp:BTCUSDT`) so
 * that it never collides with the spot instrument a venue writes the same way; dialects map their
 * wire symbol (`nativeSymbol`) to it.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../model/Decimal.js"
import { isMultipleOf, unsafe } from "../../model/Decimal.js"

/**
 * `trading`: orders accepted. `break`: listed, trading paused (orders rejected as "market closed").
 * `halted`: trading halted.
 * @since 0.1.0
 */
export type InstrumentStatus = "trading" | "break" | "halted"

/**
 * A spot instrument.
 * @since 0.1.0
 */
export interface SpotInstrument {
  readonly kind: "spot"
  /** Native symbol shared by the dialects that write it the same way (`BTCUSDT`). */
  readonly symbol: string
  readonly base: string
  readonly quote: string
  readonly status: InstrumentStatus
  readonly tickSize: Decimal
  readonly minPrice: Decimal
  readonly maxPrice: Decimal
  readonly lotStep: Decimal
  readonly minQuantity: Decimal
  readonly maxQuantity: Decimal
  readonly minNotional: Decimal
  readonly maxNotional: Decimal
  /** Digits the venue accepts in quantities and balances of the base / quote asset. */
  readonly basePrecision: number
  readonly quotePrecision: number
  /** Where the synthetic market starts its mid price. */
  readonly initialPrice: Decimal
}

/**
 * A linear perpetual (USDT-margined, contract size 1 base unit).
 * @since 0.1.0
 */
export interface PerpInstrument extends Omit<SpotInstrument, "kind"> {
  readonly kind: "perp"
  /** The symbol as linear-perp venues write it (`BTCUSDT`); `symbol` is the engine id `perp:BTCUSDT`. */
  readonly nativeSymbol: string
  /** The margin and settlement asset. */
  readonly settle: string
  readonly contractSize: Decimal
  readonly defaultLeverage: number
  readonly maxLeverage: number
  /** Funding rate the market starts with, per interval. */
  readonly initialFundingRate: Decimal
  readonly fundingIntervalMs: number
}

/**
 * Any instrument.
 * @since 0.1.0
 */
export type Instrument = SpotInstrument | PerpInstrument

/**
 * The engine id of the perpetual a venue writes as `nativeSymbol`.
 * @since 0.1.0
 */
export const perpId = (nativeSymbol: string): string => `perp:${nativeSymbol}`

/** @since 0.1.0 */
export const isPerp = (instrument: Instrument): instrument is PerpInstrument => instrument.kind === "perp"

/**
 * The asset an instrument's orders lock and its fees are paid in, per side.
 * @since 0.1.0
 */
export const lockAssetOf = (instrument: Instrument, side: "buy" | "sell"): string =>
  instrument.kind === "perp" ? instrument.settle : side === "buy" ? instrument.quote : instrument.base

/**
 * Which trading rule an order breaks.
 * @since 0.1.0
 */
export type FilterFailure = "PRICE_FILTER" | "LOT_SIZE" | "NOTIONAL"

/**
 * Checks a price against the instrument's price rule (range and tick).
 * @since 0.1.0
 */
export const checkPrice = (instrument: Instrument, price: Decimal): FilterFailure | undefined =>
  BigDecimal.lessThan(price, instrument.minPrice) || BigDecimal.greaterThan(price, instrument.maxPrice) ||
    !isMultipleOf(BigDecimal.subtract(price, instrument.minPrice), instrument.tickSize)
    ? "PRICE_FILTER"
    : undefined

/**
 * Checks a quantity against the instrument's lot rule (range and step).
 * @since 0.1.0
 */
export const checkQuantity = (instrument: Instrument, quantity: Decimal): FilterFailure | undefined =>
  BigDecimal.lessThan(quantity, instrument.minQuantity) || BigDecimal.greaterThan(quantity, instrument.maxQuantity) ||
    !isMultipleOf(BigDecimal.subtract(quantity, instrument.minQuantity), instrument.lotStep)
    ? "LOT_SIZE"
    : undefined

/**
 * Checks price × quantity against the instrument's notional range.
 * @since 0.1.0
 */
export const checkNotional = (instrument: Instrument, price: Decimal, quantity: Decimal): FilterFailure | undefined => {
  const notional = BigDecimal.multiply(price, quantity)
  return BigDecimal.lessThan(notional, instrument.minNotional) ||
      BigDecimal.greaterThan(notional, instrument.maxNotional)
    ? "NOTIONAL"
    : undefined
}

const spot = (
  symbol: string,
  base: string,
  quote: string,
  rules: { tick: string; step: string; minNotional: string; price: string; status?: InstrumentStatus }
): SpotInstrument => ({
  kind: "spot",
  symbol,
  base,
  quote,
  status: rules.status ?? "trading",
  tickSize: unsafe(rules.tick),
  minPrice: unsafe(rules.tick),
  maxPrice: unsafe("1000000"),
  lotStep: unsafe(rules.step),
  minQuantity: unsafe(rules.step),
  maxQuantity: unsafe("9000"),
  minNotional: unsafe(rules.minNotional),
  maxNotional: unsafe("9000000"),
  basePrecision: 8,
  quotePrecision: 8,
  initialPrice: unsafe(rules.price)
})

/**
 * The instruments a sandbox lists unless told otherwise. `LTCUSDT` is listed but in a trading
 * break, so clients can exercise "market closed".
 * @since 0.1.0
 */
export const defaultInstruments: ReadonlyArray<Instrument> = [
  spot("BTCUSDT", "BTC", "USDT", { tick: "0.01", step: "0.00001", minNotional: "5", price: "60000" }),
  spot("ETHUSDT", "ETH", "USDT", { tick: "0.01", step: "0.0001", minNotional: "5", price: "3000" }),
  spot("SOLUSDT", "SOL", "USDT", { tick: "0.01", step: "0.001", minNotional: "5", price: "150" }),
  spot("ETHBTC", "ETH", "BTC", { tick: "0.00001", step: "0.0001", minNotional: "0.0001", price: "0.05" }),
  spot("LTCUSDT", "LTC", "USDT", { tick: "0.01", step: "0.001", minNotional: "5", price: "80", status: "break" })
]

const perp = (
  nativeSymbol: string,
  base: string,
  rules: { tick: string; step: string; minNotional: string; price: string; maxQuantity: string }
): PerpInstrument => ({
  kind: "perp",
  symbol: perpId(nativeSymbol),
  nativeSymbol,
  base,
  quote: "USDT",
  settle: "USDT",
  status: "trading",
  tickSize: unsafe(rules.tick),
  minPrice: unsafe(rules.tick),
  maxPrice: unsafe("1000000"),
  lotStep: unsafe(rules.step),
  minQuantity: unsafe(rules.step),
  maxQuantity: unsafe(rules.maxQuantity),
  minNotional: unsafe(rules.minNotional),
  maxNotional: unsafe("90000000"),
  basePrecision: 8,
  quotePrecision: 8,
  initialPrice: unsafe(rules.price),
  contractSize: unsafe("1"),
  defaultLeverage: 20,
  maxLeverage: 125,
  initialFundingRate: unsafe("0.0001"),
  fundingIntervalMs: 8 * 3_600_000
})

/**
 * The linear perpetuals a sandbox lists (engine ids `perp:BTCUSDT`, `perp:ETHUSDT`).
 * @since 0.1.0
 */
export const defaultPerpetuals: ReadonlyArray<PerpInstrument> = [
  perp("BTCUSDT", "BTC", { tick: "0.10", step: "0.001", minNotional: "100", price: "60000", maxQuantity: "1000" }),
  perp("ETHUSDT", "ETH", { tick: "0.01", step: "0.001", minNotional: "20", price: "3000", maxQuantity: "10000" })
]
