/**
 * The sandbox's ground truth and matching engine, venue-agnostic: instruments, accounts and keys
 * (through the `Ledger`), orders, fills, public trades, and one price-time-priority order book per
 * instrument.
 *
 * Every method is synchronous and atomic: a request is validated completely before anything
 * changes, so a rejected request never mutates the ledger. Money is exact (`BigDecimal`).
 * Every change to a book level increments that instrument's update id, and is published as a
 * `BookChanged` event carrying it, so dialects can stream diffs with exact sequence numbers.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../model/Decimal.js"
import { roundToStep, unsafe, zero } from "../../model/Decimal.js"
import type { Instrument } from "./Instrument.js"
import { checkNotional, checkPrice, checkQuantity, defaultInstruments } from "./Instrument.js"
import type { Account, ApiKey, Balance, Permissions } from "./Ledger.js"
import { Ledger } from "./Ledger.js"
import type { Fill, Order, Placed, PlaceOrder, Rejection, Side, Trade } from "./Order.js"
import { isOpen } from "./Order.js"
import type { Level, OrderBook } from "./OrderBook.js"
import { crosses, makeOrderBook, remaining } from "./OrderBook.js"
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
 * A depth snapshot with the update id it is consistent with.
 * @since 0.1.0
 */
export interface Depth {
  readonly lastUpdateId: number
  readonly bids: ReadonlyArray<readonly [Decimal, Decimal]>
  readonly asks: ReadonlyArray<readonly [Decimal, Decimal]>
}

/** @since 0.1.0 */
export interface EngineOptions {
  readonly now: () => number
  readonly random: Random
  readonly instruments?: ReadonlyArray<Instrument> | undefined
  /** Commission rates as decimal fractions; both default to 0.001 (0.1%). */
  readonly makerFee?: Decimal | undefined
  readonly takerFee?: Decimal | undefined
  /** Trades kept per instrument for trades/klines/tickers (oldest dropped first). */
  readonly tradeHistoryLimit?: number | undefined
}

interface SymbolState {
  readonly instrument: Instrument
  readonly book: OrderBook
  updateId: number
  nextTradeId: number
  readonly trades: Array<Trade>
}

const COMMISSION_STEP = unsafe("0.00000001")
const FULL_PERMISSIONS: Permissions = { read: true, trade: true, withdraw: false }

const commissionOn = (amount: Decimal, rate: Decimal): Decimal =>
  roundToStep(BigDecimal.multiply(amount, rate), COMMISSION_STEP, "up")

/**
 * The matching engine and ledger.
 * @since 0.1.0
 */
export class Engine {
  readonly ledger = new Ledger()
  readonly makerFee: Decimal
  readonly takerFee: Decimal
  readonly now: () => number
  private readonly random: Random
  private readonly symbols = new Map<string, SymbolState>()
  private readonly orderIndex = new Map<number, Order>()
  private readonly ordersByAccount = new Map<string, Array<Order>>()
  private readonly fillsByAccount = new Map<string, Array<Fill>>()
  /** Accounts whose closed orders and fills are not kept (the synthetic market's). */
  private readonly ephemeral = new Set<string>()
  private readonly listeners = new Set<(event: EngineEvent) => void>()
  private readonly tradeHistoryLimit: number
  private nextOrderId = 1
  private nextAccount = 1

  constructor(options: EngineOptions) {
    this.now = options.now
    this.random = options.random
    this.makerFee = options.makerFee ?? unsafe("0.001")
    this.takerFee = options.takerFee ?? unsafe("0.001")
    this.tradeHistoryLimit = options.tradeHistoryLimit ?? 50_000
    for (const instrument of options.instruments ?? defaultInstruments) {
      this.symbols.set(instrument.symbol, {
        instrument,
        book: makeOrderBook(),
        updateId: 1_000,
        nextTradeId: 1,
        trades: []
      })
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private publish(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  // ---------------------------------------------------------------------------------------------
  // Instruments and accounts

  get instruments(): ReadonlyArray<Instrument> {
    return [...this.symbols.values()].map((s) => s.instrument)
  }

  instrument(symbol: string): Instrument | undefined {
    return this.symbols.get(symbol)?.instrument
  }

  /**
   * Opens an account with the given free balances. `ephemeral` accounts (the synthetic market's)
   * keep no history of closed orders or fills.
   */
  createAccount(options: {
    readonly balances: Record<string, Decimal>
    readonly label?: string | undefined
    readonly ephemeral?: boolean | undefined
  }): Account {
    const id = `acct-${this.nextAccount++}`
    const account = this.ledger.createAccount(id, options.label ?? id, this.now(), options.balances)
    if (options.ephemeral === true) this.ephemeral.add(id)
    this.ordersByAccount.set(id, [])
    this.fillsByAccount.set(id, [])
    return account
  }

  /** Issues a new API key and secret (64 alphanumerics each, as Binance's are) for an account. */
  issueApiKey(accountId: string, permissions: Permissions = FULL_PERMISSIONS): ApiKey {
    return this.ledger.issueKey(this.random.string(64), this.random.string(64), accountId, permissions)
  }

  apiKey(key: string): ApiKey | undefined {
    return this.ledger.keys.get(key)
  }

  balances(accountId: string): ReadonlyArray<Balance> {
    return this.ledger.balances(accountId)
  }

  /** Adds to an account's free balance (a deposit). */
  deposit(accountId: string, asset: string, amount: Decimal): void {
    this.ledger.credit(accountId, asset, amount)
  }

  // ---------------------------------------------------------------------------------------------
  // Market data

  depth(symbol: string, limit: number): Depth | undefined {
    const s = this.symbols.get(symbol)
    if (s === undefined) return undefined
    return { lastUpdateId: s.updateId, bids: s.book.bids.top(limit), asks: s.book.asks.top(limit) }
  }

  updateId(symbol: string): number | undefined {
    return this.symbols.get(symbol)?.updateId
  }

  bestBid(symbol: string): Level | undefined {
    return this.symbols.get(symbol)?.book.bids.best()
  }

  bestAsk(symbol: string): Level | undefined {
    return this.symbols.get(symbol)?.book.asks.best()
  }

  /** Public trades of an instrument, oldest first. */
  trades(symbol: string): ReadonlyArray<Trade> {
    return this.symbols.get(symbol)?.trades ?? []
  }

  /** The last trade price, else the mid, else the instrument's initial price. */
  referencePrice(symbol: string): Decimal | undefined {
    const s = this.symbols.get(symbol)
    if (s === undefined) return undefined
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

  // ---------------------------------------------------------------------------------------------
  // Orders: queries

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

  fills(accountId: string, symbol?: string): ReadonlyArray<Fill> {
    const all = this.fillsByAccount.get(accountId) ?? []
    return symbol === undefined ? all : all.filter((f) => f.symbol === symbol)
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

  // ---------------------------------------------------------------------------------------------
  // Orders: placing

  /**
   * Validates an order completely (account, symbol, status, filters, client id, post-only,
   * balance) without changing anything. Returns the quantity to trade and the amount to lock.
   */
  validate(accountId: string, request: PlaceOrder): Either.Either<Prepared, Rejection> {
    if (!this.ledger.accounts.has(accountId)) return Either.left({ _tag: "UnknownAccount" })
    const s = this.symbols.get(request.symbol)
    if (s === undefined) return Either.left({ _tag: "UnknownSymbol" })
    const instrument = s.instrument
    if (instrument.status !== "trading") return Either.left({ _tag: "MarketClosed" })
    const opposite = request.side === "buy" ? s.book.asks : s.book.bids

    let quantity: Decimal
    if (request.type === "limit") {
      const price = request.price!
      const priceFailure = checkPrice(instrument, price)
      if (priceFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: priceFailure })
      quantity = request.quantity!
      const lotFailure = checkQuantity(instrument, quantity)
      if (lotFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: lotFailure })
      const notionalFailure = checkNotional(instrument, price, quantity)
      if (notionalFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: notionalFailure })
    } else if (request.quantity !== undefined) {
      quantity = request.quantity
      const lotFailure = checkQuantity(instrument, quantity)
      if (lotFailure !== undefined) return Either.left({ _tag: "FilterFailure", filter: lotFailure })
      const reference = this.referencePrice(request.symbol)!
      const notionalFailure = checkNotional(instrument, reference, quantity)
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

    const duplicate = (this.ordersByAccount.get(accountId) ?? []).some((o) =>
      isOpen(o) && o.symbol === request.symbol && o.clientOrderId === request.clientOrderId
    )
    if (duplicate) return Either.left({ _tag: "DuplicateClientOrderId" })

    const best = opposite.best()
    if (request.postOnly && best !== undefined && crosses(request.side, request.price, best.price)) {
      return Either.left({ _tag: "WouldTake" })
    }

    const lockAsset = request.side === "buy" ? instrument.quote : instrument.base
    const lockAmount = request.side === "sell"
      ? quantity
      : request.price !== undefined
      ? BigDecimal.multiply(request.price, quantity)
      : costToTake(opposite.levels, quantity)
    if (BigDecimal.lessThan(this.ledger.free(accountId, lockAsset), lockAmount)) {
      return Either.left({ _tag: "InsufficientBalance" })
    }
    return Either.right({ quantity, lockAsset, lockAmount })
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
    const s = this.symbols.get(request.symbol)!
    const now = this.now()
    const order: Order = {
      orderId: this.nextOrderId++,
      accountId,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce,
      postOnly: request.postOnly,
      clientOrderId: request.clientOrderId,
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
    this.ledger.lock(accountId, lockAsset, lockAmount)
    this.orderIndex.set(order.orderId, order)
    this.ordersByAccount.get(accountId)!.push(order)

    const opposite = order.side === "buy" ? s.book.asks : s.book.bids
    const fillable = order.timeInForce !== "FOK" ||
      BigDecimal.greaterThanOrEqualTo(availableToTake(opposite.levels, order.side, order.price, quantity), quantity)
    const fills: Array<Fill> = []
    if (fillable) this.match(s, order, fills, now)

    if (isOpen(order)) {
      if (order.type === "limit" && order.timeInForce === "GTC") {
        const side = order.side === "buy" ? s.book.bids : s.book.asks
        const total = side.add(order)
        this.bookChanged(s, order.side, order.price!, total, now)
      } else {
        order.status = "expired"
      }
    }
    if (!isOpen(order)) this.release(order)
    this.publish({ _tag: "OrderUpdated", order })
    this.forget(order)
    return Either.right({ order, fills })
  }

  // ---------------------------------------------------------------------------------------------
  // Orders: canceling

  /** Cancels one open order. `UnknownOrder` when it does not exist or is no longer open. */
  cancelOrder(accountId: string, symbol: string, ref: OrderRef): Either.Either<Order, Rejection> {
    if (!this.symbols.has(symbol)) return Either.left({ _tag: "UnknownSymbol" })
    const order = this.findOrder(accountId, symbol, ref)
    if (order === undefined || !isOpen(order)) return Either.left({ _tag: "UnknownOrder" })
    this.cancel(order)
    return Either.right(order)
  }

  /** Cancels every open order of an account on a symbol; returns them (empty when none). */
  cancelAll(accountId: string, symbol: string): ReadonlyArray<Order> {
    const open = this.openOrders(accountId, symbol)
    for (const order of open) this.cancel(order)
    return open
  }

  private cancel(order: Order): void {
    const s = this.symbols.get(order.symbol)!
    const side = order.side === "buy" ? s.book.bids : s.book.asks
    const now = this.now()
    if (order.price !== undefined) {
      const total = side.remove(order, remaining(order))
      this.bookChanged(s, order.side, order.price, total, now)
    }
    order.status = "canceled"
    order.updatedAt = now
    this.release(order)
    this.publish({ _tag: "OrderUpdated", order })
    this.forget(order)
  }

  // ---------------------------------------------------------------------------------------------
  // Matching

  private match(s: SymbolState, taker: Order, fills: Array<Fill>, now: number): void {
    const opposite = taker.side === "buy" ? s.book.asks : s.book.bids
    while (BigDecimal.isPositive(remaining(taker))) {
      const level = opposite.best()
      if (level === undefined || !crosses(taker.side, taker.price, level.price)) break
      while (level.orders.length > 0 && BigDecimal.isPositive(remaining(taker))) {
        const maker = level.orders[0]!
        const quantity = BigDecimal.min(remaining(taker), remaining(maker))
        this.execute(s, taker, maker, level.price, quantity, fills, now)
        level.total = BigDecimal.subtract(level.total, quantity)
        if (!isOpen(maker)) {
          level.orders.shift()
          this.release(maker)
          this.publish({ _tag: "OrderUpdated", order: maker })
          this.forget(maker)
        }
      }
      if (level.orders.length === 0) opposite.levels.shift()
      this.bookChanged(s, opposite.side, level.price, level.orders.length === 0 ? zero : level.total, now)
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
    const { base, quote } = s.instrument
    const quoteAmount = BigDecimal.multiply(price, quantity)
    const buyer = taker.side === "buy" ? taker : maker
    const seller = taker.side === "buy" ? maker : taker
    const buyerRate = buyer === taker ? this.takerFee : this.makerFee
    const sellerRate = seller === taker ? this.takerFee : this.makerFee

    const buyerLockUsed = buyer.price !== undefined ? BigDecimal.multiply(buyer.price, quantity) : quoteAmount
    buyer.locked = BigDecimal.subtract(buyer.locked, buyerLockUsed)
    this.ledger.spendLocked(buyer.accountId, quote, buyerLockUsed)
    const priceImprovement = BigDecimal.subtract(buyerLockUsed, quoteAmount)
    if (BigDecimal.isPositive(priceImprovement)) this.ledger.credit(buyer.accountId, quote, priceImprovement)
    const buyerCommission = commissionOn(quantity, buyerRate)
    this.ledger.credit(buyer.accountId, base, BigDecimal.subtract(quantity, buyerCommission))
    this.ledger.collectFee(base, buyerCommission)

    seller.locked = BigDecimal.subtract(seller.locked, quantity)
    this.ledger.spendLocked(seller.accountId, base, quantity)
    const sellerCommission = commissionOn(quoteAmount, sellerRate)
    this.ledger.credit(seller.accountId, quote, BigDecimal.subtract(quoteAmount, sellerCommission))
    this.ledger.collectFee(quote, sellerCommission)

    for (const order of [taker, maker]) {
      order.executedQuantity = BigDecimal.sum(order.executedQuantity, quantity)
      order.cumulativeQuote = BigDecimal.sum(order.cumulativeQuote, quoteAmount)
      order.status = BigDecimal.equals(order.executedQuantity, order.quantity) ? "filled" : "partially_filled"
      order.updatedAt = now
    }

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
    if (s.trades.length > this.tradeHistoryLimit) s.trades.splice(0, s.trades.length - this.tradeHistoryLimit)

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
    const buyerFill = fillOf(buyer, buyerCommission, base)
    const sellerFill = fillOf(seller, sellerCommission, quote)
    this.recordFill(buyerFill)
    this.recordFill(sellerFill)
    fills.push(buyer === taker ? buyerFill : sellerFill)
    this.publish({ _tag: "Trade", trade })
    this.publish({ _tag: "OrderUpdated", order: maker, fill: maker === buyer ? buyerFill : sellerFill })
  }

  private recordFill(fill: Fill): void {
    if (!this.ephemeral.has(fill.accountId)) this.fillsByAccount.get(fill.accountId)!.push(fill)
  }

  /** Returns whatever an order that can no longer trade still has locked. */
  private release(order: Order): void {
    if (BigDecimal.isZero(order.locked)) return
    const instrument = this.symbols.get(order.symbol)!.instrument
    this.ledger.unlock(order.accountId, order.side === "buy" ? instrument.quote : instrument.base, order.locked)
    order.locked = zero
  }

  /** Drops closed orders of ephemeral (synthetic) accounts, so a long run does not grow. */
  private forget(order: Order): void {
    if (isOpen(order) || !this.ephemeral.has(order.accountId)) return
    this.orderIndex.delete(order.orderId)
    const list = this.ordersByAccount.get(order.accountId)!
    const at = list.indexOf(order)
    if (at >= 0) list.splice(at, 1)
  }

  private bookChanged(s: SymbolState, side: Side, price: Decimal, quantity: Decimal, time: number): void {
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

/**
 * The result of a successful validation.
 * @since 0.1.0
 */
export interface Prepared {
  readonly quantity: Decimal
  readonly lockAsset: string
  readonly lockAmount: Decimal
}

/** How much of `quantity` the opposite levels can fill within a limit price. */
const availableToTake = (
  levels: ReadonlyArray<Level>,
  side: Side,
  limit: Decimal | undefined,
  quantity: Decimal
): Decimal => {
  let total = zero
  for (const level of levels) {
    if (!crosses(side, limit, level.price) || BigDecimal.greaterThanOrEqualTo(total, quantity)) break
    total = BigDecimal.sum(total, level.total)
  }
  return total
}

/** What taking `quantity` from the opposite levels costs in the quote asset (what is there of it). */
const costToTake = (levels: ReadonlyArray<Level>, quantity: Decimal): Decimal => {
  let left = quantity
  let cost = zero
  for (const level of levels) {
    if (!BigDecimal.isPositive(left)) break
    const take = BigDecimal.min(left, level.total)
    cost = BigDecimal.sum(cost, BigDecimal.multiply(take, level.price))
    left = BigDecimal.subtract(left, take)
  }
  return cost
}

/** The base quantity (a multiple of the lot step) that `quoteAmount` buys or sells on these levels. */
const quantityForQuote = (levels: ReadonlyArray<Level>, quoteAmount: Decimal, lotStep: Decimal): Decimal => {
  let left = quoteAmount
  let quantity = zero
  for (const level of levels) {
    const affordable = roundToStep(BigDecimal.unsafeDivide(left, level.price), lotStep, "down")
    const take = BigDecimal.min(affordable, level.total)
    if (!BigDecimal.isPositive(take)) break
    quantity = BigDecimal.sum(quantity, take)
    left = BigDecimal.subtract(left, BigDecimal.multiply(take, level.price))
    if (BigDecimal.lessThan(take, level.total)) break
  }
  return roundToStep(quantity, lotStep, "down")
}
