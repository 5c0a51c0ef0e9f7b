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
 * Perpetuals (`kind: "perp"`, engine ids `perp:BTCUSDT`) add, per account and instrument, a
 * one-way position (signed size, entry price, realized PnL, funding) margined in the settle asset:
 * an order locks `notional / leverage` (reduce-only orders lock nothing), a position keeps
 * `entry × |size| / leverage` locked, realized PnL, commissions and funding payments move the free
 * balance. Each perpetual has a mark and index price and a funding rate (set by the market
 * simulator through `setMarket`); funding is settled every `fundingIntervalMs` of engine time, and
 * a seeded history precedes the start.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../model/Decimal.js"
import { roundToStep, unsafe, zero } from "../../model/Decimal.js"
import type { Instrument, PerpInstrument, SpotInstrument } from "./Instrument.js"
import { checkNotional, checkPrice, checkQuantity, defaultInstruments, lockAssetOf } from "./Instrument.js"
import type { Account, ApiKey, Balance, Permissions } from "./Ledger.js"
import { Ledger } from "./Ledger.js"
import type { AmendOrder, Fill, Order, Placed, PlaceOrder, Rejection, Side, Trade } from "./Order.js"
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
   * One account's side of an execution (taker and maker each get one), published as it is
   * recorded, before the orders' `OrderUpdated`: what private streams report as executions.
   */
  | { readonly _tag: "AccountFill"; readonly fill: Fill }

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
  /** Perpetuals listed besides `instruments`; none by default (the sandbox lists `defaultPerpetuals`). */
  readonly perpetuals?: ReadonlyArray<PerpInstrument> | undefined
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
  readonly perp: PerpState | undefined
}

interface PerpState {
  mark: Decimal
  index: Decimal
  fundingRate: Decimal
  nextFundingTime: number
  readonly history: Array<FundingEvent>
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
 * The mark, index and funding figures of a perpetual.
 * @since 0.1.0
 */
export interface PerpMarket {
  readonly symbol: string
  readonly markPrice: Decimal
  readonly indexPrice: Decimal
  readonly fundingRate: Decimal
  readonly nextFundingTime: number
  readonly fundingIntervalMs: number
}

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

interface PositionState {
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
const FUNDING_HISTORY = 30

const abs = (d: Decimal): Decimal => BigDecimal.abs(d)

const marginFor = (notional: Decimal, leverage: number): Decimal =>
  roundToStep(BigDecimal.unsafeDivide(notional, BigDecimal.fromBigInt(BigInt(leverage))), MARGIN_STEP, "up")

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
  private readonly positionStates = new Map<string, Map<string, PositionState>>()
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
    const start = options.now()
    for (const instrument of [...(options.instruments ?? defaultInstruments), ...(options.perpetuals ?? [])]) {
      this.symbols.set(instrument.symbol, {
        instrument,
        book: makeOrderBook(),
        updateId: 1_000,
        nextTradeId: 1,
        trades: [],
        perp: instrument.kind === "perp" ? this.seedPerp(instrument, start) : undefined
      })
    }
  }

  /** A perpetual's starting state, with `FUNDING_HISTORY` seeded settlements before `start`. */
  private seedPerp(instrument: PerpInstrument, start: number): PerpState {
    const interval = instrument.fundingIntervalMs
    const nextFundingTime = Math.ceil((start + 1) / interval) * interval
    const random = this.random.fork(`funding:${instrument.symbol}`)
    const history: Array<FundingEvent> = []
    for (let k = FUNDING_HISTORY; k >= 1; k--) {
      history.push({
        symbol: instrument.symbol,
        fundingTime: nextFundingTime - k * interval,
        rate: BigDecimal.sum(
          instrument.initialFundingRate,
          BigDecimal.make(BigInt(random.between(-50, 50)), 6)
        ),
        markPrice: instrument.initialPrice
      })
    }
    return {
      mark: instrument.initialPrice,
      index: instrument.initialPrice,
      fundingRate: instrument.initialFundingRate,
      nextFundingTime,
      history
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

  /** The spot instruments (perpetuals: `perpetuals`; both: `listed`). */
  get instruments(): ReadonlyArray<SpotInstrument> {
    return this.listed.filter((i): i is SpotInstrument => i.kind === "spot")
  }

  /** The perpetuals. */
  get perpetuals(): ReadonlyArray<PerpInstrument> {
    return this.listed.filter((i): i is PerpInstrument => i.kind === "perp")
  }

  /** Every instrument, spot and perpetual. */
  get listed(): ReadonlyArray<Instrument> {
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
      const reference = this.referencePrice(request.symbol)!
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

    const duplicate = (this.ordersByAccount.get(accountId) ?? []).some((o) =>
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
    if (BigDecimal.lessThan(this.ledger.free(accountId, lockAsset), lockAmount)) {
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
      const reducible = this.reducible(accountId, instrument.symbol, request.side)
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
    const lockAmount = marginFor(notional, this.leverage(accountId, instrument.symbol))
    if (BigDecimal.lessThan(this.ledger.free(accountId, instrument.settle), lockAmount)) {
      return Either.left({ _tag: "InsufficientBalance" })
    }
    return Either.right({ quantity, lockAsset: instrument.settle, lockAmount })
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
    this.ledger.lock(accountId, lockAsset, lockAmount)
    this.orderIndex.set(order.orderId, order)
    this.ordersByAccount.get(accountId)!.push(order)

    const opposite = order.side === "buy" ? s.book.asks : s.book.bids
    const fillable = order.timeInForce !== "FOK" ||
      BigDecimal.greaterThanOrEqualTo(availableToTake(opposite.levels, order.side, order.price, quantity), quantity)
    const fills: Array<Fill> = []
    if (fillable) this.match(s, order, fills, now)
    this.rest(s, order, now)
    this.publish({ _tag: "OrderUpdated", order })
    this.forget(order)
    this.pruneReduceOnly(s, fills)
    return Either.right({ order, fills })
  }

  /** After matching: rests what is left of a GTC limit order, expires the rest of anything else. */
  private rest(s: SymbolState, order: Order, now: number): void {
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
  }

  /**
   * Amends a resting limit order's price and/or total quantity. The order keeps its id and client
   * id, goes to the back of its new level's queue, and trades if the new price crosses (post-only
   * orders are refused instead). Validated completely before anything changes.
   */
  amendOrder(accountId: string, symbol: string, ref: OrderRef, amend: AmendOrder): Either.Either<Placed, Rejection> {
    const s = this.symbols.get(symbol)
    if (s === undefined) return Either.left({ _tag: "UnknownSymbol" })
    const order = this.findOrder(accountId, symbol, ref)
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
    const opposite = order.side === "buy" ? s.book.asks : s.book.bids
    const best = opposite.best()
    if (order.postOnly && best !== undefined && crosses(order.side, price, best.price)) {
      return Either.left({ _tag: "WouldTake" })
    }
    const left = BigDecimal.subtract(quantity, order.executedQuantity)
    const lock = instrument.kind === "perp"
      ? order.reduceOnly ? zero : marginFor(BigDecimal.multiply(price, left), this.leverage(accountId, symbol))
      : order.side === "buy"
      ? BigDecimal.multiply(price, left)
      : left
    const asset = lockAssetOf(instrument, order.side)
    const more = BigDecimal.subtract(lock, order.locked)
    if (BigDecimal.greaterThan(more, this.ledger.free(accountId, asset))) {
      return Either.left({ _tag: "InsufficientBalance" })
    }

    const now = this.now()
    const side = order.side === "buy" ? s.book.bids : s.book.asks
    const total = side.remove(order, remaining(order))
    this.bookChanged(s, order.side, order.price, total, now)
    if (BigDecimal.isPositive(more)) this.ledger.lock(accountId, asset, more)
    else if (BigDecimal.isNegative(more)) this.ledger.unlock(accountId, asset, BigDecimal.negate(more))
    order.locked = lock
    order.price = price
    order.quantity = quantity
    order.updatedAt = now
    const fills: Array<Fill> = []
    this.match(s, order, fills, now)
    this.rest(s, order, now)
    this.publish({ _tag: "OrderUpdated", order })
    this.forget(order)
    this.pruneReduceOnly(s, fills)
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
      let stop = false
      while (level.orders.length > 0 && BigDecimal.isPositive(remaining(taker))) {
        const maker = level.orders[0]!
        let quantity = BigDecimal.min(remaining(taker), remaining(maker))
        if (maker.reduceOnly) {
          const reducible = this.reducible(maker.accountId, maker.symbol, maker.side)
          if (!BigDecimal.isPositive(reducible)) {
            level.orders.shift()
            level.total = BigDecimal.subtract(level.total, remaining(maker))
            maker.status = "expired"
            maker.updatedAt = now
            this.release(maker)
            this.publish({ _tag: "OrderUpdated", order: maker })
            this.forget(maker)
            continue
          }
          quantity = BigDecimal.min(quantity, reducible)
        }
        if (taker.reduceOnly) {
          quantity = BigDecimal.min(quantity, this.reducible(taker.accountId, taker.symbol, taker.side))
          if (!BigDecimal.isPositive(quantity)) {
            stop = true
            break
          }
        }
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
    const buyerRate = buyer === taker ? this.takerFee : this.makerFee
    const sellerRate = seller === taker ? this.takerFee : this.makerFee
    const instrument = s.instrument
    const settled = instrument.kind === "perp"
      ? this.settlePerp(instrument, buyer, seller, price, quantity, quoteAmount, buyerRate, sellerRate, now)
      : this.settleSpot(instrument, buyer, seller, quantity, quoteAmount, buyerRate, sellerRate)
    if (instrument.kind === "spot") {
      for (const order of [taker, maker]) {
        order.executedQuantity = BigDecimal.sum(order.executedQuantity, quantity)
        order.cumulativeQuote = BigDecimal.sum(order.cumulativeQuote, quoteAmount)
        order.status = BigDecimal.equals(order.executedQuantity, order.quantity) ? "filled" : "partially_filled"
        order.updatedAt = now
      }
    }
    const { buyerCommission, buyerCommissionAsset, sellerCommission, sellerCommissionAsset } = settled

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
    const buyerFill = fillOf(buyer, buyerCommission, buyerCommissionAsset)
    const sellerFill = fillOf(seller, sellerCommission, sellerCommissionAsset)
    this.recordFill(buyerFill)
    this.recordFill(sellerFill)
    this.publish({ _tag: "AccountFill", fill: buyerFill })
    this.publish({ _tag: "AccountFill", fill: sellerFill })
    fills.push(buyer === taker ? buyerFill : sellerFill)
    this.publish({ _tag: "Trade", trade })
    this.publish({ _tag: "OrderUpdated", order: maker, fill: maker === buyer ? buyerFill : sellerFill })
  }

  private settleSpot(
    instrument: SpotInstrument,
    buyer: Order,
    seller: Order,
    quantity: Decimal,
    quoteAmount: Decimal,
    buyerRate: Decimal,
    sellerRate: Decimal
  ): Settled {
    const { base, quote } = instrument
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
    return { buyerCommission, buyerCommissionAsset: base, sellerCommission, sellerCommissionAsset: quote }
  }

  /**
   * A perpetual execution: both orders advance, their margin shrinks to what is left of them,
   * both positions move (realizing PnL on the closed part), and commissions are paid in the
   * settle asset.
   */
  private settlePerp(
    instrument: PerpInstrument,
    buyer: Order,
    seller: Order,
    price: Decimal,
    quantity: Decimal,
    quoteAmount: Decimal,
    buyerRate: Decimal,
    sellerRate: Decimal,
    now: number
  ): Settled {
    const commissions: Array<Decimal> = []
    for (const [order, rate] of [[buyer, buyerRate], [seller, sellerRate]] as const) {
      order.executedQuantity = BigDecimal.sum(order.executedQuantity, quantity)
      order.cumulativeQuote = BigDecimal.sum(order.cumulativeQuote, quoteAmount)
      order.status = BigDecimal.equals(order.executedQuantity, order.quantity) ? "filled" : "partially_filled"
      order.updatedAt = now
      const leverage = this.leverage(order.accountId, order.symbol)
      const lock = order.reduceOnly
        ? zero
        : order.price !== undefined
        ? marginFor(BigDecimal.multiply(order.price, remaining(order)), leverage)
        : BigDecimal.max(zero, BigDecimal.subtract(order.locked, marginFor(quoteAmount, leverage)))
      const freed = BigDecimal.subtract(order.locked, lock)
      if (BigDecimal.isPositive(freed)) {
        this.ledger.unlock(order.accountId, instrument.settle, freed)
        order.locked = lock
      }
      this.applyFill(order.accountId, instrument, order.side, quantity, price, now)
      const commission = commissionOn(quoteAmount, rate)
      this.ledger.credit(order.accountId, instrument.settle, BigDecimal.negate(commission))
      this.ledger.collectFee(instrument.settle, commission)
      commissions.push(commission)
    }
    return {
      buyerCommission: commissions[0]!,
      buyerCommissionAsset: instrument.settle,
      sellerCommission: commissions[1]!,
      sellerCommissionAsset: instrument.settle
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Perpetuals: positions, leverage, mark price and funding

  private positionState(accountId: string, symbol: string): PositionState {
    let byAccount = this.positionStates.get(accountId)
    if (byAccount === undefined) {
      byAccount = new Map()
      this.positionStates.set(accountId, byAccount)
    }
    let state = byAccount.get(symbol)
    if (state === undefined) {
      const instrument = this.symbols.get(symbol)!.instrument as PerpInstrument
      state = {
        size: zero,
        entryPrice: zero,
        margin: zero,
        leverage: instrument.defaultLeverage,
        realizedPnl: zero,
        funding: zero,
        updatedAt: this.now()
      }
      byAccount.set(symbol, state)
    }
    return state
  }

  /** How much an order on `side` may still reduce the account's position (zero when it would not). */
  reducible(accountId: string, symbol: string, side: Side): Decimal {
    const size = this.positionStates.get(accountId)?.get(symbol)?.size ?? zero
    return (side === "buy" ? BigDecimal.isNegative(size) : BigDecimal.isPositive(size)) ? abs(size) : zero
  }

  /** The account's leverage on a perpetual (the instrument's default until set). */
  leverage(accountId: string, symbol: string): number {
    const state = this.positionStates.get(accountId)?.get(symbol)
    if (state !== undefined) return state.leverage
    const instrument = this.symbols.get(symbol)?.instrument
    return instrument?.kind === "perp" ? instrument.defaultLeverage : 1
  }

  /**
   * Sets the account's leverage on a perpetual (1..maxLeverage) and re-margins the position and
   * open orders. Refused (`InsufficientBalance`) when free balance cannot cover the extra margin.
   */
  setLeverage(accountId: string, symbol: string, leverage: number): Either.Either<number, Rejection> {
    if (!this.ledger.accounts.has(accountId)) return Either.left({ _tag: "UnknownAccount" })
    const instrument = this.symbols.get(symbol)?.instrument
    if (instrument?.kind !== "perp") return Either.left({ _tag: "UnknownSymbol" })
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > instrument.maxLeverage) {
      return Either.left({ _tag: "FilterFailure", filter: "NOTIONAL" })
    }
    const state = this.positionState(accountId, symbol)
    const open = this.openOrders(accountId, symbol).filter((o) => !o.reduceOnly && o.price !== undefined)
    const positionMargin = marginFor(BigDecimal.multiply(state.entryPrice, abs(state.size)), leverage)
    const orderMargins = open.map((o) => marginFor(BigDecimal.multiply(o.price!, remaining(o)), leverage))
    const before = open.reduce((a, o) => BigDecimal.sum(a, o.locked), state.margin)
    const after = orderMargins.reduce((a, m) => BigDecimal.sum(a, m), positionMargin)
    if (BigDecimal.greaterThan(BigDecimal.subtract(after, before), this.ledger.free(accountId, instrument.settle))) {
      return Either.left({ _tag: "InsufficientBalance" })
    }
    this.ledger.adjustLocked(accountId, instrument.settle, BigDecimal.subtract(after, before))
    open.forEach((o, i) => {
      o.locked = orderMargins[i]!
    })
    state.leverage = leverage
    state.margin = positionMargin
    return Either.right(leverage)
  }

  private applyFill(
    accountId: string,
    instrument: PerpInstrument,
    side: Side,
    quantity: Decimal,
    price: Decimal,
    now: number
  ): void {
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
      this.ledger.credit(accountId, instrument.settle, pnl)
      if (BigDecimal.greaterThan(quantity, held)) p.entryPrice = price
    }
    p.size = BigDecimal.normalize(BigDecimal.sum(size, signed))
    if (BigDecimal.isZero(p.size)) p.entryPrice = zero
    p.updatedAt = now
    const margin = marginFor(BigDecimal.multiply(p.entryPrice, abs(p.size)), p.leverage)
    this.ledger.adjustLocked(accountId, instrument.settle, BigDecimal.subtract(margin, p.margin))
    p.margin = margin
  }

  /**
   * Expires resting reduce-only orders of the accounts that traded which can no longer reduce
   * their position (it is flat, or on their side).
   */
  private pruneReduceOnly(s: SymbolState, fills: ReadonlyArray<Fill>): void {
    if (s.instrument.kind !== "perp" || fills.length === 0) return
    const now = this.now()
    for (const order of this.orders().filter((o) => o.reduceOnly && isOpen(o) && o.symbol === s.instrument.symbol)) {
      if (BigDecimal.isPositive(this.reducible(order.accountId, order.symbol, order.side))) continue
      const side = order.side === "buy" ? s.book.bids : s.book.asks
      const total = side.remove(order, remaining(order))
      this.bookChanged(s, order.side, order.price!, total, now)
      order.status = "expired"
      order.updatedAt = now
      this.release(order)
      this.publish({ _tag: "OrderUpdated", order })
      this.forget(order)
    }
  }

  private view(accountId: string, symbol: string, p: PositionState): Position {
    const mark = this.symbols.get(symbol)!.perp!.mark
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
    const s = this.symbols.get(symbol)
    if (s?.perp === undefined) return undefined
    const state = this.positionStates.get(accountId)?.get(symbol)
    return this.view(
      accountId,
      symbol,
      state ?? {
        size: zero,
        entryPrice: zero,
        margin: zero,
        leverage: this.leverage(accountId, symbol),
        realizedPnl: zero,
        funding: zero,
        updatedAt: 0
      }
    )
  }

  /** Every position the account has held (flat ones included), by symbol. */
  positions(accountId: string): ReadonlyArray<Position> {
    return [...(this.positionStates.get(accountId) ?? new Map<string, PositionState>()).entries()].map((
      [symbol, p]
    ) => this.view(accountId, symbol, p))
  }

  /** Mark, index and funding figures of a perpetual. */
  perpMarket(symbol: string): PerpMarket | undefined {
    const s = this.symbols.get(symbol)
    if (s?.perp === undefined || s.instrument.kind !== "perp") return undefined
    this.settleFunding()
    return {
      symbol,
      markPrice: s.perp.mark,
      indexPrice: s.perp.index,
      fundingRate: s.perp.fundingRate,
      nextFundingTime: s.perp.nextFundingTime,
      fundingIntervalMs: s.instrument.fundingIntervalMs
    }
  }

  /** Past funding settlements of a perpetual, oldest first (seeded history included). */
  fundingHistory(symbol: string): ReadonlyArray<FundingEvent> {
    this.settleFunding()
    return this.symbols.get(symbol)?.perp?.history ?? []
  }

  /** Moves a perpetual's mark, index and funding rate (the market simulator's job), then settles due funding. */
  setMarket(
    symbol: string,
    market: {
      readonly markPrice: Decimal
      readonly indexPrice?: Decimal | undefined
      readonly fundingRate?: Decimal | undefined
    }
  ): void {
    const perp = this.symbols.get(symbol)?.perp
    if (perp === undefined) return
    perp.mark = market.markPrice
    perp.index = market.indexPrice ?? market.markPrice
    if (market.fundingRate !== undefined) perp.fundingRate = market.fundingRate
    this.settleFunding()
  }

  /**
   * Settles every funding interval that has ended: each position pays `size × mark × rate`
   * (longs pay shorts when the rate is positive) from its free balance.
   */
  settleFunding(): void {
    const now = this.now()
    for (const s of this.symbols.values()) {
      const perp = s.perp
      if (perp === undefined || s.instrument.kind !== "perp") continue
      const settle = s.instrument.settle
      while (now >= perp.nextFundingTime) {
        perp.history.push({
          symbol: s.instrument.symbol,
          fundingTime: perp.nextFundingTime,
          rate: perp.fundingRate,
          markPrice: perp.mark
        })
        for (const [accountId, byAccount] of this.positionStates) {
          const p = byAccount.get(s.instrument.symbol)
          if (p === undefined || BigDecimal.isZero(p.size)) continue
          const payment = BigDecimal.multiply(BigDecimal.multiply(p.size, perp.mark), perp.fundingRate)
          this.ledger.credit(accountId, settle, BigDecimal.negate(payment))
          p.funding = BigDecimal.subtract(p.funding, payment)
        }
        perp.nextFundingTime += s.instrument.fundingIntervalMs
      }
    }
  }

  private recordFill(fill: Fill): void {
    if (!this.ephemeral.has(fill.accountId)) this.fillsByAccount.get(fill.accountId)!.push(fill)
  }

  /** Returns whatever an order that can no longer trade still has locked. */
  private release(order: Order): void {
    if (BigDecimal.isZero(order.locked)) return
    const instrument = this.symbols.get(order.symbol)!.instrument
    this.ledger.unlock(order.accountId, lockAssetOf(instrument, order.side), order.locked)
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

interface Settled {
  readonly buyerCommission: Decimal
  readonly buyerCommissionAsset: string
  readonly sellerCommission: Decimal
  readonly sellerCommissionAsset: string
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
