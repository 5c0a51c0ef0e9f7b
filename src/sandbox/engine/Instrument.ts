/**
 * The instruments the sandbox lists: its ground truth for symbols, assets and trading rules
 * (tick size, lot step, minimum quantity and notional, status). Venue dialects render them in their
 * own wire format (e.g. Binance `exchangeInfo` filters).
 *
 * Only spot instruments exist today; `kind` is the discriminant that perpetuals (positions,
 * reduce-only, contract size, funding) will extend.
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
 * Any instrument. A union so that perpetuals can be added without touching spot code.
 * @since 0.1.0
 */
export type Instrument = SpotInstrument

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
