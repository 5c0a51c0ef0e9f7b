/**
 * How the Bybit dialect writes numbers and symbols, and how a wire symbol names an instrument
 * within a category.
 *
 * @since 0.1.0
 */
import type { Decimal } from "../../../model/Decimal.js"
import { format } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import { perpId } from "../../engine/Instrument.js"

/** A decimal as Bybit writes it (plain, no exponent). @since 0.1.0 */
export const num = (d: Decimal): string => format(d)

/**
 * The symbol as Bybit writes it: spot instruments by their engine id (`BTCUSDT`), linear perpetuals
 * by their `nativeSymbol` (engine id `perp:BTCUSDT`).
 * @since 0.1.0
 */
export const wireSymbol = (i: Instrument): string => i.kind === "perp" ? i.nativeSymbol : i.symbol

/**
 * The instrument a wire symbol names within a category (`linear` → the perpetual `perp:<symbol>`).
 * @since 0.1.0
 */
export const resolve = (engine: Engine, symbol: string, c: "spot" | "linear"): Instrument | undefined => {
  const i = c === "spot" ? engine.instrument(symbol) : engine.instrument(perpId(symbol))
  return i !== undefined && (i.kind === "spot") === (c === "spot") ? i : undefined
}

/**
 * Every instrument of a category.
 * @since 0.1.0
 */
export const listOf = (engine: Engine, c: "spot" | "linear"): ReadonlyArray<Instrument> =>
  c === "spot" ? engine.instruments : engine.perpetuals
