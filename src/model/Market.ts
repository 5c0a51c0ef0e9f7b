/**
 * Instruments (markets) and symbol resolution. Symbols resolve through the venue's loaded market
 * list only — never by guessing suffixes.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { UnknownSymbol } from "../errors/ExchangeError.js"
import { type Decimal, NonNegativeDecimal, PositiveDecimal } from "./Decimal.js"

/** @since 0.1.0 */
export const MarketType = Schema.Literal("spot", "perp")
/** @since 0.1.0 */
export type MarketType = typeof MarketType.Type

/**
 * `trading`: orders accepted. `halted`: listed, no trading (break, maintenance, pre-trading).
 * `delisted`: gone or settling.
 * @since 0.1.0
 */
export const MarketStatus = Schema.Literal("trading", "halted", "delisted")
/** @since 0.1.0 */
export type MarketStatus = typeof MarketStatus.Type

/**
 * One instrument on one venue.
 * @since 0.1.0
 */
export const Market = Schema.Struct({
  /** LotusX venue id. */
  venue: Schema.String,
  /** The venue's native symbol: `BTCUSDT`, `BTC-USDT-SWAP`, `BTC`. */
  symbol: Schema.String,
  /** The venue's own id of the instrument where orders name it by id (Hyperliquid's asset id). */
  venueId: Schema.optional(Schema.String),
  /** Unified symbol: `BTC/USDT` for spot, `BTC/USDT:USDT` for a USDT-settled perp. */
  unified: Schema.String,
  base: Schema.String,
  quote: Schema.String,
  /** Settlement asset, for derivatives. */
  settle: Schema.optional(Schema.String),
  type: MarketType,
  status: MarketStatus,
  /**
   * Minimum price increment. Where the venue has no fixed tick but a `priceRule`, the finest
   * increment the rule allows (a price must then also satisfy the rule).
   */
  tickSize: PositiveDecimal,
  /**
   * A price rule beyond the tick, where the venue states one (Hyperliquid: at most 5 significant
   * figures, integers always allowed).
   */
  priceRule: Schema.optional(Schema.Struct({
    /** At most this many significant figures… */
    maxSignificantFigures: Schema.Number,
    /** …unless the price is an integer. */
    integersAllowed: Schema.Boolean
  })),
  /** Quantity increment. */
  lotStep: PositiveDecimal,
  minQuantity: NonNegativeDecimal,
  maxQuantity: Schema.optional(NonNegativeDecimal),
  /** Minimum price × quantity, in the quote asset, where the venue has one. */
  minNotional: Schema.optional(NonNegativeDecimal),
  /** Units of the base asset one contract stands for (1 for spot and linear perps quoted in base). */
  contractSize: PositiveDecimal,
  /** The venue's own status string, verbatim. */
  venueStatus: Schema.optional(Schema.String),
  /** Allowed order types / time-in-force the venue advertises for this market, verbatim. */
  venueOrderTypes: Schema.optional(Schema.Array(Schema.String))
}).annotations({ identifier: "Market" })

/** @since 0.1.0 */
export type Market = typeof Market.Type

/**
 * Unified symbol of a market: `BASE/QUOTE`, or `BASE/QUOTE:SETTLE` for a derivative.
 * @since 0.1.0
 */
export const unifiedSymbol = (base: string, quote: string, type: MarketType, settle?: string): string =>
  type === "spot" ? `${base}/${quote}` : `${base}/${quote}:${settle ?? quote}`

/**
 * The two names of a market that every value about it carries (`symbol`: unified, `venueSymbol`:
 * native): `...symbolsOf(market)`.
 * @since 0.1.0
 */
export const symbolsOf = (market: { readonly unified: string; readonly symbol: string }) => ({
  symbol: market.unified,
  venueSymbol: market.symbol
})

/**
 * A venue's instrument statuses as data: the names that trade and the names that are halted; any
 * other name is `delisted`.
 * @since 0.1.0
 */
export const statusTable = (names: {
  readonly trading: ReadonlyArray<string>
  readonly halted: ReadonlyArray<string>
}) =>
(status: string): MarketStatus =>
  names.trading.includes(status) ? "trading" : names.halted.includes(status) ? "halted" : "delisted"

/**
 * What a venue's instrument says of a market, before the checks every venue makes.
 * @since 0.1.0
 */
export interface MarketFields
  extends Omit<Market, "unified" | "tickSize" | "lotStep" | "contractSize" | "maxQuantity">
{
  /** With the venue's name of the field, for the reason an instrument is skipped. */
  readonly tickSize: readonly [value: Decimal | undefined, name: string]
  readonly lotStep: readonly [value: Decimal | undefined, name: string]
  /** Left out unless positive (venues write 0 for "no maximum"). */
  readonly maxQuantity?: Decimal | undefined
  readonly minNotional?: Decimal | undefined
  /** Default 1 (spot, and linear perps sized in the base asset). */
  readonly contractSize?: Decimal | undefined
}

/**
 * A market from a venue's instrument: a positive tick size and lot step, or `Left` naming the
 * venue's field; the unified symbol from base, quote and settle.
 * @since 0.1.0
 */
export const build = (fields: MarketFields): Either.Either<Market, string> => {
  const { contractSize, lotStep, maxQuantity, minNotional, tickSize, ...rest } = fields
  for (const [value, name] of [tickSize, lotStep]) {
    if (value === undefined) return Either.left(`${fields.symbol}: no ${name}`)
    if (!BigDecimal.isPositive(value)) return Either.left(`${fields.symbol}: ${name} is not positive`)
  }
  return Either.right({
    ...rest,
    unified: unifiedSymbol(fields.base, fields.quote, fields.type, fields.settle),
    tickSize: tickSize[0]!,
    lotStep: lotStep[0]!,
    ...(maxQuantity !== undefined && BigDecimal.isPositive(maxQuantity) ? { maxQuantity } : {}),
    ...(minNotional !== undefined ? { minNotional } : {}),
    contractSize: contractSize ?? one
  })
}

const one = BigDecimal.fromBigInt(1n)

/**
 * A venue's loaded market list, indexed by native and by unified symbol.
 * @since 0.1.0
 */
export interface Markets {
  readonly venue: string
  readonly all: ReadonlyArray<Market>
  /**
   * Resolves a native (`BTCUSDT`) or unified (`BTC/USDT`) symbol. A native symbol the venue uses for
   * more than one market (Bybit's `BTCUSDT` is both the spot pair and the linear perp) does not
   * resolve: the error lists the unified symbols to choose from.
   */
  readonly resolve: (symbol: string) => Either.Either<Market, UnknownSymbol>
  /**
   * Finds a market by the venue's native symbol exactly as the venue writes it; pass `type` where
   * the venue reuses native symbols across market types.
   */
  readonly byVenueSymbol: (symbol: string, type?: MarketType) => Market | undefined
}

/**
 * Indexes a market list. Native symbols are matched exactly first, then case-insensitively (venue
 * symbols are case-insensitive on every supported venue); unified symbols are matched exactly, then
 * upper-cased.
 * @since 0.1.0
 */
export const makeMarkets = (venue: string, markets: ReadonlyArray<Market>): Markets => {
  const native = new Map<string, Array<Market>>()
  const nativeUpper = new Map<string, Array<Market>>()
  const unified = new Map<string, Market>()
  const add = (map: Map<string, Array<Market>>, key: string, m: Market) => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [m])
    else list.push(m)
  }
  const withoutSettle = new Map<string, Array<Market>>()
  for (const m of markets) {
    const colon = m.unified.indexOf(":")
    if (colon > 0) add(withoutSettle, m.unified.slice(0, colon).toUpperCase(), m)
    add(native, m.symbol, m)
    add(nativeUpper, m.symbol.toUpperCase(), m)
    unified.set(m.unified, m)
  }
  const byNative = (symbol: string) => native.get(symbol) ?? nativeUpper.get(symbol.toUpperCase())
  return {
    venue,
    all: markets,
    byVenueSymbol: (symbol, type) => {
      const list = byNative(symbol)
      if (list === undefined) return undefined
      if (type !== undefined) return list.find((m) => m.type === type)
      return list.length === 1 ? list[0] : undefined
    },
    resolve: (symbol) => {
      const exact = unified.get(symbol) ?? unified.get(symbol.toUpperCase())
      if (exact !== undefined) return Either.right(exact)
      const list = byNative(symbol)
      if (list === undefined) {
        const upper = symbol.toUpperCase()
        const colon = upper.indexOf(":")
        const near = colon > 0
          ? [unified.get(upper.slice(0, colon)), ...(withoutSettle.get(upper.slice(0, colon)) ?? [])]
          : withoutSettle.get(upper) ?? []
        const suggestions = near.flatMap((m) => m === undefined || m.unified === upper ? [] : [m.unified])
        return Either.left(
          new UnknownSymbol({ venue, symbol, ...(suggestions.length === 0 ? {} : { suggestions }) })
        )
      }
      if (list.length > 1) {
        return Either.left(new UnknownSymbol({ venue, symbol, candidates: list.map((m) => m.unified) }))
      }
      return Either.right(list[0]!)
    }
  }
}
