/**
 * Perpetual positions and their margin: per account and instrument, a one-way position (signed
 * size, entry price, realized PnL, funding) margined in the settle asset. An order locks
 * `notional / leverage` (reduce-only orders lock nothing), a position keeps
 * `entry × |size| / leverage` locked, and realized PnL moves the free balance.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../model/Decimal.js"
import { roundToStep, unsafe, zero } from "../../model/Decimal.js"
import type { EngineState, SymbolState } from "./EngineState.js"
import type { PerpInstrument } from "./Instrument.js"
import type { Fill, Rejection, Side } from "./Order.js"
import { isOpen } from "./Order.js"
import { remaining } from "./OrderBook.js"

/**
 * An account's one-way position in a perpetual. `size` is signed (negative: short); a flat
 * position keeps its realized PnL and funding.
 * @since 0.1.0
 */
export interface Position {
  readonly accountId: string
  readonly symbol: string
  readonly size: Decimal
  readonly entryPrice: Decimal
  /** Initial margin locked for the position: entry × |size| / leverage, rounded up. */
  readonly margin: Decimal
  readonly leverage: number
  readonly realizedPnl: Decimal
  /** Funding received (negative: paid). */
  readonly funding: Decimal
  readonly markPrice: Decimal
  /** (mark − entry) × size. */
  readonly unrealizedPnl: Decimal
  /** mark × |size|. */
  readonly notional: Decimal
  readonly updatedAt: number
}

/**
 * A position as the engine keeps it.
 * @since 0.1.0
 */
export interface PositionState {
  size: Decimal
  entryPrice: Decimal
  margin: Decimal
  leverage: number
  realizedPnl: Decimal
  funding: Decimal
  updatedAt: number
}

const MARGIN_STEP = unsafe("0.00000001")
const ENTRY_STEP = unsafe("0.0000000001")

const abs = (d: Decimal): Decimal => BigDecimal.abs(d)

/**
 * The initial margin of a notional at a leverage, rounded up to 10⁻⁸.
 * @since 0.1.0
 */
export const marginFor = (notional: Decimal, leverage: number): Decimal =>
  roundToStep(BigDecimal.unsafeDivide(notional, BigDecimal.fromBigInt(BigInt(leverage))), MARGIN_STEP, "up")

const flat = (leverage: number, updatedAt: number): PositionState => ({
  size: zero,
  entryPrice: zero,
  margin: zero,
  leverage,
  realizedPnl: zero,
  funding: zero,
  updatedAt
})

/**
 * The positions of every account in every perpetual.
 * @since 0.1.0
 */
export class Positions {
  /** By account, then by symbol. */
  readonly states = new Map<string, Map<string, PositionState>>()

  constructor(private readonly state: EngineState) {}

  private positionState(accountId: string, symbol: string): PositionState {
    let byAccount = this.states.get(accountId)
    if (byAccount === undefined) {
      byAccount = new Map()
      this.states.set(accountId, byAccount)
    }
    let p = byAccount.get(symbol)
    if (p === undefined) {
      const instrument = this.state.symbols.get(symbol)!.instrument as PerpInstrument
      p = flat(instrument.defaultLeverage, this.state.now())
      byAccount.set(symbol, p)
    }
    return p
  }

  /** How much an order on `side` may still reduce the account's position (zero when it would not). */
  reducible(accountId: string, symbol: string, side: Side): Decimal {
    const size = this.states.get(accountId)?.get(symbol)?.size ?? zero
    return (side === "buy" ? BigDecimal.isNegative(size) : BigDecimal.isPositive(size)) ? abs(size) : zero
  }

  /** The account's leverage on a perpetual (the instrument's default until set). */
  leverage(accountId: string, symbol: string): number {
    const p = this.states.get(accountId)?.get(symbol)
    if (p !== undefined) return p.leverage
    const instrument = this.state.symbols.get(symbol)?.instrument
    return instrument?.kind === "perp" ? instrument.defaultLeverage : 1
  }

  /**
   * Sets the account's leverage on a perpetual (1..maxLeverage) and re-margins the position and
   * open orders. Refused (`InsufficientBalance`) when free balance cannot cover the extra margin.
   */
  setLeverage(accountId: string, symbol: string, leverage: number): Either.Either<number, Rejection> {
    const ledger = this.state.ledger
    if (!ledger.accounts.has(accountId)) return Either.left({ _tag: "UnknownAccount" })
    const instrument = this.state.symbols.get(symbol)?.instrument
    if (instrument?.kind !== "perp") return Either.left({ _tag: "UnknownSymbol" })
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > instrument.maxLeverage) {
      return Either.left({ _tag: "FilterFailure", filter: "NOTIONAL" })
    }
    const p = this.positionState(accountId, symbol)
    const open = this.state.openOrders(accountId, symbol).filter((o) => !o.reduceOnly && o.price !== undefined)
    const positionMargin = marginFor(BigDecimal.multiply(p.entryPrice, abs(p.size)), leverage)
    const orderMargins = open.map((o) => marginFor(BigDecimal.multiply(o.price!, remaining(o)), leverage))
    const before = open.reduce((a, o) => BigDecimal.sum(a, o.locked), p.margin)
    const after = orderMargins.reduce((a, m) => BigDecimal.sum(a, m), positionMargin)
    if (BigDecimal.greaterThan(BigDecimal.subtract(after, before), ledger.free(accountId, instrument.settle))) {
      return Either.left({ _tag: "InsufficientBalance" })
    }
    ledger.adjustLocked(accountId, instrument.settle, BigDecimal.subtract(after, before))
    open.forEach((o, i) => {
      o.locked = orderMargins[i]!
    })
    p.leverage = leverage
    p.margin = positionMargin
    return Either.right(leverage)
  }

  /** Moves the account's position by a fill, realizing PnL on the closed part and re-margining it. */
  applyFill(
    accountId: string,
    instrument: PerpInstrument,
    side: Side,
    quantity: Decimal,
    price: Decimal,
    now: number
  ): void {
    const ledger = this.state.ledger
    const p = this.positionState(accountId, instrument.symbol)
    const signed = side === "buy" ? quantity : BigDecimal.negate(quantity)
    const size = p.size
    const held = abs(size)
    if (BigDecimal.isZero(size) || BigDecimal.isNegative(size) === BigDecimal.isNegative(signed)) {
      const cost = BigDecimal.sum(BigDecimal.multiply(p.entryPrice, held), BigDecimal.multiply(price, quantity))
      p.entryPrice = roundToStep(BigDecimal.unsafeDivide(cost, BigDecimal.sum(held, quantity)), ENTRY_STEP, "nearest")
    } else {
      const closed = BigDecimal.min(quantity, held)
      const move = BigDecimal.subtract(price, p.entryPrice)
      const pnl = BigDecimal.multiply(BigDecimal.isPositive(size) ? move : BigDecimal.negate(move), closed)
      p.realizedPnl = BigDecimal.sum(p.realizedPnl, pnl)
      ledger.credit(accountId, instrument.settle, pnl)
      if (BigDecimal.greaterThan(quantity, held)) p.entryPrice = price
    }
    p.size = BigDecimal.normalize(BigDecimal.sum(size, signed))
    if (BigDecimal.isZero(p.size)) p.entryPrice = zero
    p.updatedAt = now
    const margin = marginFor(BigDecimal.multiply(p.entryPrice, abs(p.size)), p.leverage)
    ledger.adjustLocked(accountId, instrument.settle, BigDecimal.subtract(margin, p.margin))
    p.margin = margin
  }

  /**
   * Expires resting reduce-only orders of the accounts that traded which can no longer reduce
   * their position (it is flat, or on their side).
   */
  pruneReduceOnly(s: SymbolState, fills: ReadonlyArray<Fill>): void {
    if (s.instrument.kind !== "perp" || fills.length === 0) return
    const now = this.state.now()
    const resting = this.state.orders().filter((o) => o.reduceOnly && isOpen(o) && o.symbol === s.instrument.symbol)
    for (const order of resting) {
      if (BigDecimal.isPositive(this.reducible(order.accountId, order.symbol, order.side))) continue
      this.state.unrest(s, order, now)
      order.status = "expired"
      order.updatedAt = now
      this.state.closed(order)
    }
  }

  private view(accountId: string, symbol: string, p: PositionState): Position {
    const mark = this.state.symbols.get(symbol)!.perp!.mark
    return {
      accountId,
      symbol,
      size: p.size,
      entryPrice: p.entryPrice,
      margin: p.margin,
      leverage: p.leverage,
      realizedPnl: p.realizedPnl,
      funding: p.funding,
      markPrice: mark,
      unrealizedPnl: BigDecimal.multiply(BigDecimal.subtract(mark, p.entryPrice), p.size),
      notional: BigDecimal.multiply(mark, abs(p.size)),
      updatedAt: p.updatedAt
    }
  }

  /** The account's position in a perpetual (flat when it never traded it); `undefined` for others. */
  position(accountId: string, symbol: string): Position | undefined {
    const s = this.state.symbols.get(symbol)
    if (s?.perp === undefined) return undefined
    const p = this.states.get(accountId)?.get(symbol)
    return this.view(accountId, symbol, p ?? flat(this.leverage(accountId, symbol), 0))
  }

  /** Every position the account has held (flat ones included), by symbol. */
  positions(accountId: string): ReadonlyArray<Position> {
    return [...(this.states.get(accountId) ?? new Map<string, PositionState>()).entries()].map((
      [symbol, p]
    ) => this.view(accountId, symbol, p))
  }
}
