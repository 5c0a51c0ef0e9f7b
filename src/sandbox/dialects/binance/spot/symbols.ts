/**
 * How Binance Spot names instruments: by their engine id (`BTCUSDT`).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { Engine } from "../../../engine/Engine.js"
import type { Instrument } from "../../../engine/Instrument.js"
import type { BinanceError } from "../errors.js"
import { error } from "../errors.js"
import type { Params } from "../params.js"
import * as P from "../params.js"
import { error as spotError } from "./errors.js"

/** Spot's symbol readers. @since 0.1.0 */
export const { clientOrderIdOr, instrumentOf, optionalSymbol, orderRef, symbol } = P.naming<Instrument>((engine, s) =>
  engine.instrument(s)
)

/** A JSON array of symbols (`symbols=["BTCUSDT","ETHUSDT"]`), each resolved. @since 0.1.0 */
export const symbolList = (engine: Engine, value: string): Either.Either<ReadonlyArray<Instrument>, BinanceError> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return Either.left(
      error("ILLEGAL_CHARS", "symbols", "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$")
    )
  }
  if (!Array.isArray(parsed) || parsed.some((s) => typeof s !== "string")) {
    return Either.left(error("INVALID_PARAMETER", "symbols"))
  }
  const names = parsed as Array<string>
  if (new Set(names).size !== names.length) return Either.left(spotError("DUPLICATE_SYMBOLS"))
  return Either.all(names.map((s) => instrumentOf(engine, s, "symbols")))
}

/** `symbol`, `symbols`, or every spot instrument (-1128 for both). @since 0.1.0 */
export const selection = (
  p: Params,
  engine: Engine
): Either.Either<{ readonly single: boolean; readonly instruments: ReadonlyArray<Instrument> }, BinanceError> =>
  Either.gen(function*() {
    const single = yield* P.optional(p, "symbol")
    const list = yield* P.optional(p, "symbols")
    if (single !== undefined && list !== undefined) return yield* Either.left(spotError("COMBINATION_INVALID"))
    if (single !== undefined) return { single: true, instruments: [yield* symbol(p, engine)] }
    if (list !== undefined) return { single: false, instruments: yield* symbolList(engine, list) }
    return { single: false, instruments: engine.instruments }
  })
