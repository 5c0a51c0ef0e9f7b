/**
 * Request parameters read from a query string and an `application/x-www-form-urlencoded` body,
 * the query string winning when a name is in both, as exactly as received (a name repeated within
 * one of them is reported, venues refuse it); readers that decode parameters or answer with the
 * venue's own errors, among them readers of instruments and orders; paging of record lists.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { decimalPlaces, parse as parseDecimal } from "../../../model/Decimal.js"
import type { Engine, OrderRef } from "../../engine/Engine.js"

/**
 * The parameters of one request.
 * @since 0.1.0
 */
export class FormParams {
  private constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** Parses query string and body; `{ duplicate }` names a parameter sent twice in one of them. */
  static parse(rawQuery: string, body: string): FormParams | { readonly duplicate: string } {
    const values = new Map<string, string>()
    for (const source of [rawQuery, body]) {
      const seen = new Set<string>()
      for (const [name, value] of new URLSearchParams(source)) {
        if (seen.has(name)) return { duplicate: name }
        seen.add(name)
        if (!values.has(name)) values.set(name, value)
      }
    }
    return new FormParams(values)
  }

  get names(): ReadonlyArray<string> {
    return [...this.values.keys()]
  }

  has(name: string): boolean {
    return this.values.has(name)
  }

  raw(name: string): string | undefined {
    return this.values.get(name)
  }
}

/**
 * Where readers find parameters.
 * @since 0.1.0
 */
export interface ParamSource {
  readonly raw: (name: string) => string | undefined
  readonly has: (name: string) => boolean
}

/**
 * A venue's answers to bad parameters, and the patterns of its decimals and integers with the
 * text it quotes for them.
 * @since 0.1.0
 */
export interface ParamRules<E> {
  /** A mandatory parameter absent or empty. */
  readonly mandatory: (name: string) => E
  /** An optional parameter sent empty. */
  readonly empty: (name: string) => E
  /** A parameter sent where it must not be. */
  readonly notRequired: (name: string) => E
  /** A value outside its pattern. */
  readonly illegal: (name: string, pattern: string) => E
  /** An integer too large to be exact. */
  readonly overflow: (name: string) => E
  /** A decimal with more digits than allowed. */
  readonly precision: (name: string) => E
  /** A value above its maximum. */
  readonly tooGreat: (name: string, max: string) => E
  /** A value not among the allowed ones. */
  readonly invalid: (name: string) => E
  readonly decimal: readonly [RegExp, string]
  readonly integer: readonly [RegExp, string]
}

/**
 * Parameter readers answering with a venue's errors: each reads one parameter and either decodes
 * it or fails with what the venue would answer.
 * @since 0.1.0
 */
export const readers = <E>(rules: ParamRules<E>) => {
  const required = (p: ParamSource, name: string): Either.Either<string, E> => {
    const v = p.raw(name)
    return v === undefined || v === "" ? Either.left(rules.mandatory(name)) : Either.right(v)
  }
  const optional = (p: ParamSource, name: string): Either.Either<string | undefined, E> => {
    const v = p.raw(name)
    return v === "" ? Either.left(rules.empty(name)) : Either.right(v)
  }
  const notSent = (p: ParamSource, ...names: ReadonlyArray<string>): Either.Either<void, E> => {
    for (const name of names) if (p.has(name)) return Either.left(rules.notRequired(name))
    return Either.void
  }
  const decimal = (name: string, value: string, precision = 8): Either.Either<Decimal, E> => {
    const [pattern, text] = rules.decimal
    const parsed = pattern.test(value) ? parseDecimal(value) : undefined
    if (parsed === undefined || Either.isLeft(parsed)) return Either.left(rules.illegal(name, text))
    if (decimalPlaces(parsed.right) > precision) return Either.left(rules.precision(name))
    return Either.right(BigDecimal.normalize(parsed.right))
  }
  const integer = (name: string, value: string): Either.Either<number, E> => {
    const [pattern, text] = rules.integer
    if (!pattern.test(value)) return Either.left(rules.illegal(name, text))
    const n = Number.parseInt(value, 10)
    return Number.isSafeInteger(n) ? Either.right(n) : Either.left(rules.overflow(name))
  }
  const optionalInteger = (p: ParamSource, name: string): Either.Either<number | undefined, E> =>
    Either.flatMap(optional(p, name), (v) => (v === undefined ? Either.right(undefined) : integer(name, v)))
  const oneOf = <V extends string>(p: ParamSource, name: string, values: ReadonlyArray<V>, invalid: E) =>
    Either.flatMap(required(p, name), (v) => values.includes(v as V) ? Either.right(v as V) : Either.left(invalid))
  return {
    required,
    optional,
    notSent,
    decimal,
    integer,
    optionalInteger,
    oneOf,
    /** A mandatory decimal parameter. */
    requiredDecimal: (p: ParamSource, name: string, precision = 8): Either.Either<Decimal, E> =>
      Either.flatMap(required(p, name), (v) => decimal(name, v, precision)),
    /** Optional integer parameters, read in the order named. */
    optionalIntegers: <N extends string>(
      p: ParamSource,
      ...names: ReadonlyArray<N>
    ): Either.Either<Record<N, number | undefined>, E> =>
      Either.map(
        Either.all(names.map((name) => optionalInteger(p, name))),
        (values) => Object.fromEntries(names.map((name, i) => [name, values[i]])) as Record<N, number | undefined>
      ),
    /** An optional `limit`: `defaultValue` when absent, at least 1, `tooGreat` above `max`. */
    limit: (p: ParamSource, defaultValue: number, max: number): Either.Either<number, E> =>
      Either.flatMap(optionalInteger(p, "limit"), (n) => {
        if (n === undefined) return Either.right(defaultValue)
        if (n > max) return Either.left(rules.tooGreat("limit", String(max)))
        return Either.right(Math.max(1, n))
      }),
    /** An optional enumerated parameter; `invalid` (by default the rules' one) when not among `values`. */
    optionalOneOf: <V extends string>(
      p: ParamSource,
      name: string,
      values: ReadonlyArray<V>,
      invalid: E = rules.invalid(name)
    ): Either.Either<V | undefined, E> =>
      Either.flatMap(
        optional(p, name),
        (v) => v === undefined || values.includes(v as V) ? Either.right(v as V | undefined) : Either.left(invalid)
      )
  }
}

/**
 * How a venue names instruments and orders, and its answers when they are named wrong.
 * @since 0.1.0
 */
export interface NamingRules<I, E> {
  /** The instrument a wire symbol names, if any. */
  readonly lookup: (engine: Engine, symbol: string) => I | undefined
  /** The pattern of a symbol and of a client order id, with the text the venue quotes for them. */
  readonly symbol: readonly [RegExp, string]
  readonly clientId: readonly [RegExp, string]
  /** A value outside its pattern. */
  readonly illegal: (name: string, pattern: string) => E
  /** A symbol of no instrument. */
  readonly unknownSymbol: E
  /** Neither of two parameters sent, one of which is mandatory. */
  readonly either: (first: string, second: string) => E
}

/**
 * Readers of instruments and orders answering with a venue's errors: `instrumentOf` checks a
 * symbol's characters and looks it up; `symbol` and `optionalSymbol` resolve the mandatory and the
 * optional `symbol` (`undefined` when not sent); `orderRef` reads an order's venue id (an integer)
 * and/or client id; `clientOrderIdOr` a client id, else one the venue makes up.
 * @since 0.1.0
 */
export const naming = <I, E>(read: ReturnType<typeof readers<E>>, rules: NamingRules<I, E>) => {
  const instrumentOf = (engine: Engine, symbol: string, name = "symbol"): Either.Either<I, E> => {
    if (!rules.symbol[0].test(symbol)) return Either.left(rules.illegal(name, rules.symbol[1]))
    const instrument = rules.lookup(engine, symbol)
    return instrument === undefined ? Either.left(rules.unknownSymbol) : Either.right(instrument)
  }
  return {
    lookup: rules.lookup,
    instrumentOf,
    symbol: (p: ParamSource, engine: Engine): Either.Either<I, E> =>
      Either.flatMap(read.required(p, "symbol"), (s) => instrumentOf(engine, s)),
    optionalSymbol: (p: ParamSource, engine: Engine): Either.Either<I | undefined, E> =>
      Either.flatMap(
        read.optional(p, "symbol"),
        (s) => s === undefined ? Either.right(undefined) : instrumentOf(engine, s)
      ),
    /** The order named by `id` and/or `clientId`; `either(first, other)` when neither is sent. */
    orderRef: (p: ParamSource, [id, clientId]: readonly [string, string], first = id): Either.Either<OrderRef, E> =>
      Either.gen(function*() {
        const orderId = yield* read.optionalInteger(p, id)
        const clientOrderId = yield* read.optional(p, clientId)
        if (orderId === undefined && clientOrderId === undefined) {
          return yield* Either.left(rules.either(first, first === id ? clientId : id))
        }
        return { orderId, clientOrderId }
      }),
    clientOrderIdOr: (p: ParamSource, name: string, made: () => string): Either.Either<string, E> =>
      Either.flatMap(read.optional(p, name), (v) => {
        if (v === undefined) return Either.right(made())
        return rules.clientId[0].test(v) ? Either.right(v) : Either.left(rules.illegal(name, rules.clientId[1]))
      })
  }
}

/**
 * A page of records, oldest first: those from id `from` and/or within `startTime`..`endTime`; the
 * first `limit` of them when a start is given, else the last `limit`.
 * @since 0.1.0
 */
export const page = <A>(
  items: ReadonlyArray<A>,
  window: {
    readonly from?: number | undefined
    readonly startTime?: number | undefined
    readonly endTime?: number | undefined
  },
  limit: number,
  id: (a: A) => number,
  time: (a: A) => number
): ReadonlyArray<A> => {
  const { endTime, from, startTime } = window
  const selected = items.filter((a) =>
    (from === undefined || id(a) >= from) &&
    (startTime === undefined || time(a) >= startTime) &&
    (endTime === undefined || time(a) <= endTime)
  )
  return from !== undefined || startTime !== undefined ? selected.slice(0, limit) : selected.slice(-limit)
}
