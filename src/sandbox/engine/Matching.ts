/**
 * Orders against the books: validation (complete before anything changes, so a rejected request
 * never mutates the ledger), placement with price-time-priority matching, amendment and
 * cancellation. Every change to a book level is published with the instrument's next update id.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../model/Decimal.js"
import { roundToStep, zero } from "../../model/Decimal.js"
import type { EngineState, OrderRef, SymbolState } from "./EngineState.js"
import type { PerpInstrument } from "./Instrument.js"
import { checkNotional, checkPrice, checkQuantity, lockAssetOf } from "./Instrument.js"
import { availableToTake, costToTake, quantityForQuote } from "./Liquidity.js"
import type { AmendOrder, Fill, Order, Placed, PlaceOrder, Rejection, Trade } from "./Order.js"
import { isOpen } from "./Order.js"
import type { Level } from "./OrderBook.js"
import { crosses, remaining } from "./OrderBook.js"
import type { Positions } from "./Positions.js"
import { marginFor } from "./Positions.js"
import { settlePerp, settleSpot } from "./Settlement.js"

/**
 * The result of a successful validation.
 * @since 0.1.0
 */
export interface Prepared {
  readonly quantity: Decimal
  readonly lockAsset: string
  readonly lockAmount: Decimal
}

/**
 * The commission rates, as decimal fractions.
 * @since 0.1.0
 */
export interface Fees {
  readonly makerFee: Decimal
  readonly takerFee: Decimal
}

/**
 * Places, amends, cancels and matches orders.
 * @since 0.1.0
 */
export class Matching {
  private nextOrderId = 1

  constructor(
    private readonly state: EngineState,
    private readonly positions: Positions,
    private readonly fees: Fees
  ) {}

  /**
   * Validates an order completely (account, symbol, status, filters, client id, post-only,
   * balance) without changing anything. Returns the quantity to trade and the amount to lock.
   */
  validate(accountId: string, request: PlaceOrder): Either.Either<Prepared, Rejection> {
    const { ledger } = this.state
    if (!ledger.accounts.has(accountId)) return Either.left({ _tag: "UnknownAccount" })
    const s = this.state.symbols.get(request.symbol)
    if (s === undefined) return Either.left({ _tag: "UnknownSymbol" })
    const instrument = s.instrument
    if (instrument.status !== "trading") return Either.left({ _tag: "MarketClosed" })
    const opposite = this.state.oppositeSide(s, request.side)
    /** Reduce-only orders on perpetuals are exempt from the minimum notional (as on the venues). */
    const reducing = instrument.kind === "perp" && request.reduceOnly === true

    let quantity: Decimal
    if (request.type === "limit") {
      const price = request.price!
      const priceFailure = checkPrice(instrument, price)
      if (priceFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: priceFailure })
      quantity = request.quantity!
      const lotFailure = checkQuantity(instrument, quantity)
      if (lotFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: lotFailure })
      const notionalFailure = reducing ? undefined : checkNotional(instrument, price, quantity)
      if (notionalFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: notionalFailure })
    } else if (request.quantity !== undefined) {
      quantity = request.quantity
      const lotFailure = checkQuantity(instrument, quantity)
      if (lotFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: lotFailure })
      const reference = this.referencePrice(s)
      const notionalFailure = reducing ? undefined : checkNotional(instrument, reference, quantity)
      if (notionalFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: notionalFailure })
    } else {
      const quoteQuantity = request.quoteQuantity!
      if (
        BigDecimal.lessThan(quoteQuantity, instrument.minNotional) ||
        BigDecimal.greaterThan(quoteQuantity, instrument.maxNotional)
      ) return Either.left({ _tag: "FilterFailure", filter: "NOTIONAL" })
      quantity = quantityForQuote(opposite.levels, quoteQuantity, instrument.lotStep)
      if (BigDecimal.lessThan(quantity, instrument.minQuantity)) return Either.left({ _tag: "NoLiquidity" })
    }

    const duplicate = (this.state.ordersByAccount.get(accountId) ?? []).some((o) =>
      isOpen(o) && o.symbol === request.symbol && o.clientOrderId === request.clientOrderId
    )
    if (duplicate) return Either.left({ _tag: "DuplicateClientOrderId" })

    const best = opposite.best()
    if (request.postOnly && best !== undefined && crosses(request.side, request.price, best.price)) {
      return Either.left({ _tag: "WouldTake" })
    }

    if (instrument.kind === "perp") return this.validatePerp(accountId, instrument, request, quantity, opposite.levels)
    const lockAsset = request.side === "buy" ? instrument.quote : instrument.base
    const lockAmount = request.side === "sell"
      ? quantity
      : request.price !== undefined
      ? BigDecimal.multiply(request.price, quantity)
      : costToTake(opposite.levels, quantity)
    if (BigDecimal.lessThan(ledger.free(accountId, lockAsset), lockAmount)) {
      return Either.left({ _tag: "InsufficientBalance" })
    }
    return Either.right({ quantity, lockAsset, lockAmount })
  }

  private validatePerp(
    accountId: string,
    instrument: PerpInstrument,
    request: PlaceOrder,
    quantity: Decimal,
    opposite: ReadonlyArray<Level>
  ): Either.Either<Prepared, Rejection> {
    if (request.reduceOnly === true) {
      const reducible = this.positions.reducible(accountId, instrument.symbol, request.side)
      if (!BigDecimal.isPositive(reducible)) return Either.left({ _tag: "ReduceOnlyRejected" })
      return Either.right({
        quantity: BigDecimal.min(quantity, reducible),
        lockAsset: instrument.settle,
        lockAmount: zero
      })
    }
    const notional = request.price !== undefined
      ? BigDecimal.multiply(request.price, quantity)
      : costToTake(opposite, quantity)
    const lockAmount = marginFor(notional, this.positions.leverage(accountId, instrument.symbol))
    if (BigDecimal.lessThan(this.state.ledger.free(accountId, instrument.settle), lockAmount)) {
      return Either.left({ _tag: "InsufficientBalance" })
    }
    return Either.right({ quantity, lockAsset: instrument.settle, lockAmount })
  }

  /** The last trade price, else the mid, else the instrument's initial price. */
  referencePrice(s: SymbolState): Decimal {
    const last = s.trades[s.trades.length - 1]
    if (last !== undefined) return last.price
    const bid = s.book.bids.best()
    const ask = s.book.asks.best()
    if (bid !== undefined && ask !== undefined) {
      return roundToStep(
        BigDecimal.unsafeDivide(BigDecimal.sum(bid.price, ask.price), BigDecimal.fromBigInt(2n)),
        s.instrument.tickSize,
        "down"
      )
    }
    return s.instrument.initialPrice
  }

  /**
   * Places an order: validates it, locks the balance, matches it against the book (price-time
   * priority), rests the remainder of a GTC limit order, and expires the remainder of IOC, FOK and
   * market orders. FOK checks that it can fill completely before touching the book.
   */
  placeOrder(accountId: string, request: PlaceOrder): Either.Either<Placed, Rejection> {
    const validated = this.validate(accountId, request)
    if (Either.isLeft(validated)) return Either.left(validated.left)
    const { lockAmount, lockAsset, quantity } = validated.right
    const s = this.state.symbols.get(request.symbol)!
    const now = this.state.now()
    const order: Order = {
      orderId: this.nextOrderId++,
      accountId,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce,
      postOnly: request.postOnly,
      clientOrderId: request.clientOrderId,
      reduceOnly: s.instrument.kind === "perp" && request.reduceOnly === true,
      price: request.type === "limit" ? request.price : undefined,
      quantity,
      quoteQuantity: request.quoteQuantity,
      executedQuantity: zero,
      cumulativeQuote: zero,
      status: "new",
      locked: lockAmount,
      createdAt: now,
      updatedAt: now
    }
    this.state.ledger.lock(accountId, lockAsset, lockAmount)
    this.state.orderIndex.set(order.orderId, order)
    this.state.ordersByAccount.get(accountId)!.push(order)

    const opposite = this.state.oppositeSide(s, order.side)
    const fillable = order.timeInForce !== "FOK" ||
      BigDecimal.greaterThanOrEqualTo(availableToTake(opposite.levels, order.side, order.price, quantity), quantity)
    return Either.right(this.trade(s, order, fillable, now))
  }

  /**
   * Matches an order (when `match`), rests what is left of a GTC limit order, expires the rest of
   * anything else, publishes the order, and prunes reduce-only orders the fills made useless.
   */
  private trade(s: SymbolState, order: Order, match: boolean, now: number): Placed {
    const fills: Array<Fill> = []
    if (match) this.match(s, order, fills, now)
    if (isOpen(order)) {
      if (order.type === "limit" && order.timeInForce === "GTC") {
        const total = this.state.ownSide(s, order.side).add(order)
        this.state.bookChanged(s, order.side, order.price!, total, now)
      } else {
        order.status = "expired"
      }
    }
    if (!isOpen(order)) this.state.release(order)
    this.state.publish({ _tag: "OrderUpdated", order })
    this.state.forget(order)
    this.positions.pruneReduceOnly(s, fills)
    return { order, fills }
  }

  /**
   * Amends a resting limit order's price and/or total quantity. The order keeps its id and client
   * id, goes to the back of its new level's queue, and trades if the new price crosses (post-only
   * orders are refused instead). Validated completely before anything changes.
   */
  amendOrder(accountId: string, symbol: string, ref: OrderRef, amend: AmendOrder): Either.Either<Placed, Rejection> {
    const s = this.state.symbols.get(symbol)
    if (s === undefined) return Either.left({ _tag: "UnknownSymbol" })
    const order = this.state.findOrder(accountId, symbol, ref)
    if (order === undefined || !isOpen(order) || order.price === undefined) {
      return Either.left({ _tag: "UnknownOrder" })
    }
    const instrument = s.instrument
    const price = amend.price ?? order.price
    const quantity = amend.quantity ?? order.quantity
    const priceFailure = checkPrice(instrument, price)
    if (priceFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: priceFailure })
    const lotFailure = checkQuantity(instrument, quantity)
    if (lotFailure !== undefined || !BigDecimal.greaterThan(quantity, order.executedQuantity)) {
      return Either.left({ _tag: "FilterFailure", filter: "LOT_SIZE" })
    }
    if (!order.reduceOnly) {
      const notionalFailure = checkNotional(instrument, price, quantity)
      if (notionalFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: notionalFailure })
    }
    const best = this.state.oppositeSide(s, order.side).best()
    if (order.postOnly && best !== undefined && crosses(order.side, price, best.price)) {
      return Either.left({ _tag: "WouldTake" })
    }
    const left = BigDecimal.subtract(quantity, order.executedQuantity)
    const lock = instrument.kind === "perp"
      ? order.reduceOnly
        ? zero
        : marginFor(BigDecimal.multiply(price, left), this.positions.leverage(accountId, symbol))
      : order.side === "buy"
      ? BigDecimal.multiply(price, left)
      : left
    const asset = lockAssetOf(instrument, order.side)
    const { ledger } = this.state
    const more = BigDecimal.subtract(lock, order.locked)
    if (BigDecimal.greaterThan(more, ledger.free(accountId, asset))) {
      return Either.left({ _tag: "InsufficientBalance" })
    }

    const now = this.state.now()
    this.state.unrest(s, order, now)
    if (BigDecimal.isPositive(more)) ledger.lock(accountId, asset, more)
    else if (BigDecimal.isNegative(more)) ledger.unlock(accountId, asset, BigDecimal.negate(more))
    order.locked = lock
    order.price = price
    order.quantity = quantity
    order.updatedAt = now
    return Either.right(this.trade(s, order, true, now))
  }

  /** Cancels one open order. `UnknownOrder` when it does not exist or is no longer open. */
  cancelOrder(accountId: string, symbol: string, ref: OrderRef): Either.Either<Order, Rejection> {
    if (!this.state.symbols.has(symbol)) return Either.left({ _tag: "UnknownSymbol" })
    const order = this.state.findOrder(accountId, symbol, ref)
    if (order === undefined || !isOpen(order)) return Either.left({ _tag: "UnknownOrder" })
    this.cancel(order)
    return Either.right(order)
  }

  /** Cancels every open order of an account on a symbol; returns them (empty when none). */
  cancelAll(accountId: string, symbol: string): ReadonlyArray<Order> {
    const open = this.state.openOrders(accountId, symbol)
    for (const order of open) this.cancel(order)
    return open
  }

  private cancel(order: Order): void {
    const s = this.state.symbols.get(order.symbol)!
    const now = this.state.now()
    if (order.price !== undefined) this.state.unrest(s, order, now)
    order.status = "canceled"
    order.updatedAt = now
    this.state.closed(order)
  }

  private match(s: SymbolState, taker: Order, fills: Array<Fill>, now: number): void {
    const opposite = this.state.oppositeSide(s, taker.side)
    while (BigDecimal.isPositive(remaining(taker))) {
      const level = opposite.best()
      if (level === undefined || !crosses(taker.side, taker.price, level.price)) break
      let stop = false
      while (level.orders.length > 0 && BigDecimal.isPositive(remaining(taker))) {
        const maker = level.orders[0]!
        let quantity = BigDecimal.min(remaining(taker), remaining(maker))
        if (maker.reduceOnly) {
          const reducible = this.positions.reducible(maker.accountId, maker.symbol, maker.side)
          if (!BigDecimal.isPositive(reducible)) {
            level.orders.shift()
            level.total = BigDecimal.subtract(level.total, remaining(maker))
            maker.status = "expired"
            maker.updatedAt = now
            this.state.closed(maker)
            continue
          }
          quantity = BigDecimal.min(quantity, reducible)
        }
        if (taker.reduceOnly) {
          quantity = BigDecimal.min(quantity, this.positions.reducible(taker.accountId, taker.symbol, taker.side))
          if (!BigDecimal.isPositive(quantity)) {
            stop = true
            break
          }
        }
        this.execute(s, taker, maker, level.price, quantity, fills, now)
        level.total = BigDecimal.subtract(level.total, quantity)
        if (!isOpen(maker)) {
          level.orders.shift()
          this.state.closed(maker)
        }
      }
      if (level.orders.length === 0) opposite.levels.shift()
      this.state.bookChanged(s, opposite.side, level.price, level.orders.length === 0 ? zero : level.total, now)
      if (stop) break
    }
  }

  private execute(
    s: SymbolState,
    taker: Order,
    maker: Order,
    price: Decimal,
    quantity: Decimal,
    fills: Array<Fill>,
    now: number
  ): void {
    const quoteAmount = BigDecimal.multiply(price, quantity)
    const buyer = taker.side === "buy" ? taker : maker
    const seller = taker.side === "buy" ? maker : taker
    const execution = {
      buyer,
      seller,
      price,
      quantity,
      quoteAmount,
      buyerRate: buyer === taker ? this.fees.takerFee : this.fees.makerFee,
      sellerRate: seller === taker ? this.fees.takerFee : this.fees.makerFee,
      now
    }
    const instrument = s.instrument
    const { buyerCommission, buyerCommissionAsset, sellerCommission, sellerCommissionAsset } =
      instrument.kind === "perp"
        ? settlePerp(this.state, this.positions, instrument, execution)
        : settleSpot(this.state, instrument, execution)

    const trade: Trade = {
      tradeId: s.nextTradeId++,
      symbol: s.instrument.symbol,
      price,
      quantity,
      quote: quoteAmount,
      time: now,
      buyerIsMaker: buyer === maker,
      buyOrderId: buyer.orderId,
      sellOrderId: seller.orderId
    }
    s.trades.push(trade)
    const limit = this.state.tradeHistoryLimit
    if (s.trades.length > limit) s.trades.splice(0, s.trades.length - limit)

    const fillOf = (order: Order, commission: Decimal, commissionAsset: string): Fill => ({
      tradeId: trade.tradeId,
      orderId: order.orderId,
      accountId: order.accountId,
      symbol: trade.symbol,
      side: order.side,
      price,
      quantity,
      quote: quoteAmount,
      commission,
      commissionAsset,
      maker: order === maker,
      time: now
    })
    const buyerFill = fillOf(buyer, buyerCommission, buyerCommissionAsset)
    const sellerFill = fillOf(seller, sellerCommission, sellerCommissionAsset)
    this.state.recordFill(buyerFill)
    this.state.recordFill(sellerFill)
    fills.push(buyer === taker ? buyerFill : sellerFill)
    this.state.publish({ _tag: "Trade", trade })
    this.state.publish({ _tag: "OrderUpdated", order: maker, fill: maker === buyer ? buyerFill : sellerFill })
  }
}
