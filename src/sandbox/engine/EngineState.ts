/**
 * The state the engine's parts share: the listed instruments with their books, trades and
 * perpetual figures, the ledger, the orders and fills of every account, and the event listeners.
 * It also holds the small bookkeeping steps every part takes (publish, book level changed, release
 * a closed order's lock, forget a synthetic account's closed order).
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../model/Decimal.js"
import { zero } from "../../model/Decimal.js"
import type { Instrument } from "./Instrument.js"
import { lockAssetOf } from "./Instrument.js"
import { Ledger } from "./Ledger.js"
import type { Fill, Order, Side, Trade } from "./Order.js"
import { isOpen } from "./Order.js"
import type { Ladder, OrderBook } from "./OrderBook.js"
import { remaining } from "./OrderBook.js"
import type { Random } from "./Random.js"

/**
 * What the engine publishes, synchronously, as it changes.
 * @since 0.1.0
 */
export type EngineEvent =
  | {
    readonly _tag: "BookChanged"
    readonly symbol: string
    readonly updateId: number
    /** `buy` = bids, `sell` = asks. */
    readonly side: Side
    readonly price: Decimal
    /** The level's new total; zero when the level is gone. */
    readonly quantity: Decimal
    readonly time: number
  }
  | { readonly _tag: "Trade"; readonly trade: Trade }
  | { readonly _tag: "OrderUpdated"; readonly order: Order; readonly fill?: Fill | undefined }

/**
 * How an order is referenced by its owner.
 * @since 0.1.0
 */
export interface OrderRef {
  readonly orderId?: number | undefined
  readonly clientOrderId?: string | undefined
}

/**
 * One funding settlement of a perpetual.
 * @since 0.1.0
 */
export interface FundingEvent {
  readonly symbol: string
  readonly fundingTime: number
  readonly rate: Decimal
  readonly markPrice: Decimal
}

/**
 * A perpetual's mark, index and funding figures as the engine keeps them.
 * @since 0.1.0
 */
export interface PerpState {
  mark: Decimal
  index: Decimal
  fundingRate: Decimal
  nextFundingTime: number
  readonly history: Array<FundingEvent>
}

/**
 * One listed instrument as the engine keeps it.
 * @since 0.1.0
 */
export interface SymbolState {
  readonly instrument: Instrument
  readonly book: OrderBook
  updateId: number
  nextTradeId: number
  readonly trades: Array<Trade>
  readonly perp: PerpState | undefined
}

/**
 * The engine's shared state and bookkeeping.
 * @since 0.1.0
 */
export class EngineState {
  readonly ledger = new Ledger()
  readonly symbols = new Map<string, SymbolState>()
  readonly orderIndex = new Map<number, Order>()
  readonly ordersByAccount = new Map<string, Array<Order>>()
  readonly fillsByAccount = new Map<string, Array<Fill>>()
  /** Accounts whose closed orders and fills are not kept (the synthetic market's). */
  readonly ephemeral = new Set<string>()
  private readonly listeners = new Set<(event: EngineEvent) => void>()

  constructor(
    readonly now: () => number,
    readonly random: Random,
    readonly tradeHistoryLimit: number
  ) {}

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  publish(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  /** The side of the book an order on `side` rests on. */
  ownSide(s: SymbolState, side: Side): Ladder {
    return side === "buy" ? s.book.bids : s.book.asks
  }

  /** The side of the book an order on `side` takes from. */
  oppositeSide(s: SymbolState, side: Side): Ladder {
    return side === "buy" ? s.book.asks : s.book.bids
  }

  /** All orders of an account (or of every account), oldest first. */
  orders(accountId?: string): ReadonlyArray<Order> {
    if (accountId !== undefined) return this.ordersByAccount.get(accountId) ?? []
    return [...this.orderIndex.values()]
  }

  openOrders(accountId: string, symbol?: string): ReadonlyArray<Order> {
    return (this.ordersByAccount.get(accountId) ?? []).filter((o) =>
      isOpen(o) && (symbol === undefined || o.symbol === symbol)
    )
  }

  /**
   * Finds an order of an account on a symbol: by id; or by client order id (the most recent order
   * carrying it); or by both, when they must agree.
   */
  findOrder(accountId: string, symbol: string, ref: OrderRef): Order | undefined {
    if (ref.orderId !== undefined) {
      const order = this.orderIndex.get(ref.orderId)
      if (order === undefined || order.accountId !== accountId || order.symbol !== symbol) return undefined
      if (ref.clientOrderId !== undefined && order.clientOrderId !== ref.clientOrderId) return undefined
      return order
    }
    if (ref.clientOrderId === undefined) return undefined
    const list = this.ordersByAccount.get(accountId) ?? []
    for (let i = list.length - 1; i >= 0; i--) {
      const order = list[i]!
      if (order.symbol === symbol && order.clientOrderId === ref.clientOrderId) return order
    }
    return undefined
  }

  recordFill(fill: Fill): void {
    if (!this.ephemeral.has(fill.accountId)) this.fillsByAccount.get(fill.accountId)!.push(fill)
  }

  /** Returns whatever an order that can no longer trade still has locked. */
  release(order: Order): void {
    if (BigDecimal.isZero(order.locked)) return
    const instrument = this.symbols.get(order.symbol)!.instrument
    this.ledger.unlock(order.accountId, lockAssetOf(instrument, order.side), order.locked)
    order.locked = zero
  }

  /** Drops closed orders of ephemeral (synthetic) accounts, so a long run does not grow. */
  forget(order: Order): void {
    if (isOpen(order) || !this.ephemeral.has(order.accountId)) return
    this.orderIndex.delete(order.orderId)
    const list = this.ordersByAccount.get(order.accountId)!
    const at = list.indexOf(order)
    if (at >= 0) list.splice(at, 1)
  }

  /** An order that can no longer trade: releases its lock, publishes it, forgets it if synthetic. */
  closed(order: Order): void {
    this.release(order)
    this.publish({ _tag: "OrderUpdated", order })
    this.forget(order)
  }

  /** Takes an open order's remainder off its book level and publishes the level's new total. */
  unrest(s: SymbolState, order: Order, now: number): void {
    const total = this.ownSide(s, order.side).remove(order, remaining(order))
    this.bookChanged(s, order.side, order.price!, total, now)
  }

  bookChanged(s: SymbolState, side: Side, price: Decimal, quantity: Decimal, time: number): void {
    s.updateId += 1
    this.publish({
      _tag: "BookChanged",
      symbol: s.instrument.symbol,
      updateId: s.updateId,
      side,
      price,
      quantity,
      time
    })
  }
}
