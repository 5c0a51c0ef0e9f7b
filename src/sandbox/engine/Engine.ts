/**
 * The sandbox's ground truth and matching engine, venue-agnostic: instruments, accounts and keys
 * (through the `Ledger`), orders, fills, public trades, and one price-time-priority order book per
 * instrument. This is the facade dialects use; the parts live beside it: `EngineState` (shared
 * state and bookkeeping), `Matching` (validation, placement, amendment, cancellation, matching),
 * `Settlement` (what an execution moves), `Positions` (perpetual positions and margin) and
 * `Funding` (mark prices and funding).
 *
 * Every method is synchronous and atomic: a request is validated completely before anything
 * changes, so a rejected request never mutates the ledger. Money is exact (`BigDecimal`).
 * Every change to a book level increments that instrument's update id, and is published as a
 * `BookChanged` event carrying it, so dialects can stream diffs with exact sequence numbers.
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import type { Decimal } from "../../model/Decimal.js"
import { unsafe } from "../../model/Decimal.js"
import type { EngineEvent, FundingEvent, OrderRef } from "./EngineState.js"
import { EngineState } from "./EngineState.js"
import type { MarketUpdate, PerpMarket } from "./Funding.js"
import { Funding, seedPerp } from "./Funding.js"
import type { Instrument, PerpInstrument, SpotInstrument } from "./Instrument.js"
import { defaultInstruments } from "./Instrument.js"
import type { Account, ApiKey, Balance, Ledger, Permissions } from "./Ledger.js"
import type { Prepared } from "./Matching.js"
import { Matching } from "./Matching.js"
import type { AmendOrder, Fill, Order, Placed, PlaceOrder, Rejection, Side, Trade } from "./Order.js"
import type { Level } from "./OrderBook.js"
import { makeOrderBook } from "./OrderBook.js"
import type { Position } from "./Positions.js"
import { Positions } from "./Positions.js"
import type { Random } from "./Random.js"

export type { EngineEvent, FundingEvent, OrderRef } from "./EngineState.js"
export type { MarketUpdate, PerpMarket } from "./Funding.js"
export type { Prepared } from "./Matching.js"
export type { Position } from "./Positions.js"

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

const FULL_PERMISSIONS: Permissions = { read: true, trade: true, withdraw: false }

/**
 * The matching engine and ledger.
 * @since 0.1.0
 */
export class Engine {
  readonly ledger: Ledger
  readonly makerFee: Decimal
  readonly takerFee: Decimal
  readonly now: () => number
  private readonly state: EngineState
  private readonly positionBook: Positions
  private readonly funding: Funding
  private readonly matching: Matching
  private nextAccount = 1

  constructor(options: EngineOptions) {
    this.now = options.now
    this.makerFee = options.makerFee ?? unsafe("0.001")
    this.takerFee = options.takerFee ?? unsafe("0.001")
    this.state = new EngineState(options.now, options.random, options.tradeHistoryLimit ?? 50_000)
    this.ledger = this.state.ledger
    this.positionBook = new Positions(this.state)
    this.funding = new Funding(this.state, this.positionBook)
    this.matching = new Matching(this.state, this.positionBook, this)
    const start = options.now()
    for (const instrument of [...(options.instruments ?? defaultInstruments), ...(options.perpetuals ?? [])]) {
      this.state.symbols.set(instrument.symbol, {
        instrument,
        book: makeOrderBook(),
        updateId: 1_000,
        nextTradeId: 1,
        trades: [],
        perp: instrument.kind === "perp" ? seedPerp(instrument, start, options.random) : undefined
      })
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.state.subscribe(listener)
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
    return [...this.state.symbols.values()].map((s) => s.instrument)
  }

  instrument(symbol: string): Instrument | undefined {
    return this.state.symbols.get(symbol)?.instrument
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
    if (options.ephemeral === true) this.state.ephemeral.add(id)
    this.state.ordersByAccount.set(id, [])
    this.state.fillsByAccount.set(id, [])
    return account
  }

  /**
   * Issues a new API key and secret (64 alphanumerics each, as Binance's are) for an account, with a
   * passphrase (16 alphanumerics) when the venue's keys have one (OKX).
   */
  issueApiKey(
    accountId: string,
    permissions: Permissions = FULL_PERMISSIONS,
    options: { readonly passphrase?: boolean | undefined } = {}
  ): ApiKey {
    const random = this.state.random
    const key = random.string(64)
    const secret = random.string(64)
    const passphrase = options.passphrase === true ? random.string(16) : undefined
    return this.ledger.issueKey(key, secret, accountId, permissions, passphrase)
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
    const s = this.state.symbols.get(symbol)
    if (s === undefined) return undefined
    return { lastUpdateId: s.updateId, bids: s.book.bids.top(limit), asks: s.book.asks.top(limit) }
  }

  updateId(symbol: string): number | undefined {
    return this.state.symbols.get(symbol)?.updateId
  }

  bestBid(symbol: string): Level | undefined {
    return this.state.symbols.get(symbol)?.book.bids.best()
  }

  bestAsk(symbol: string): Level | undefined {
    return this.state.symbols.get(symbol)?.book.asks.best()
  }

  /** Public trades of an instrument, oldest first. */
  trades(symbol: string): ReadonlyArray<Trade> {
    return this.state.symbols.get(symbol)?.trades ?? []
  }

  /** The last trade price, else the mid, else the instrument's initial price. */
  referencePrice(symbol: string): Decimal | undefined {
    const s = this.state.symbols.get(symbol)
    return s === undefined ? undefined : this.matching.referencePrice(s)
  }

  // ---------------------------------------------------------------------------------------------
  // Orders

  /** All orders of an account (or of every account), oldest first. */
  orders(accountId?: string): ReadonlyArray<Order> {
    return this.state.orders(accountId)
  }

  openOrders(accountId: string, symbol?: string): ReadonlyArray<Order> {
    return this.state.openOrders(accountId, symbol)
  }

  fills(accountId: string, symbol?: string): ReadonlyArray<Fill> {
    const all = this.state.fillsByAccount.get(accountId) ?? []
    return symbol === undefined ? all : all.filter((f) => f.symbol === symbol)
  }

  /**
   * Finds an order of an account on a symbol: by id; or by client order id (the most recent order
   * carrying it); or by both, when they must agree.
   */
  findOrder(accountId: string, symbol: string, ref: OrderRef): Order | undefined {
    return this.state.findOrder(accountId, symbol, ref)
  }

  /**
   * Validates an order completely (account, symbol, status, filters, client id, post-only,
   * balance) without changing anything. Returns the quantity to trade and the amount to lock.
   */
  validate(accountId: string, request: PlaceOrder): Either.Either<Prepared, Rejection> {
    return this.matching.validate(accountId, request)
  }

  /**
   * Places an order: validates it, locks the balance, matches it against the book (price-time
   * priority), rests the remainder of a GTC limit order, and expires the remainder of IOC, FOK and
   * market orders. FOK checks that it can fill completely before touching the book.
   */
  placeOrder(accountId: string, request: PlaceOrder): Either.Either<Placed, Rejection> {
    return this.matching.placeOrder(accountId, request)
  }

  /**
   * Amends a resting limit order's price and/or total quantity. The order keeps its id and client
   * id, goes to the back of its new level's queue, and trades if the new price crosses (post-only
   * orders are refused instead). Validated completely before anything changes.
   */
  amendOrder(accountId: string, symbol: string, ref: OrderRef, amend: AmendOrder): Either.Either<Placed, Rejection> {
    return this.matching.amendOrder(accountId, symbol, ref, amend)
  }

  /** Cancels one open order. `UnknownOrder` when it does not exist or is no longer open. */
  cancelOrder(accountId: string, symbol: string, ref: OrderRef): Either.Either<Order, Rejection> {
    return this.matching.cancelOrder(accountId, symbol, ref)
  }

  /** Cancels every open order of an account on a symbol; returns them (empty when none). */
  cancelAll(accountId: string, symbol: string): ReadonlyArray<Order> {
    return this.matching.cancelAll(accountId, symbol)
  }

  // ---------------------------------------------------------------------------------------------
  // Perpetuals: positions, leverage, mark price and funding

  /** How much an order on `side` may still reduce the account's position (zero when it would not). */
  reducible(accountId: string, symbol: string, side: Side): Decimal {
    return this.positionBook.reducible(accountId, symbol, side)
  }

  /** The account's leverage on a perpetual (the instrument's default until set). */
  leverage(accountId: string, symbol: string): number {
    return this.positionBook.leverage(accountId, symbol)
  }

  /**
   * Sets the account's leverage on a perpetual (1..maxLeverage) and re-margins the position and
   * open orders. Refused (`InsufficientBalance`) when free balance cannot cover the extra margin.
   */
  setLeverage(accountId: string, symbol: string, leverage: number): Either.Either<number, Rejection> {
    return this.positionBook.setLeverage(accountId, symbol, leverage)
  }

  /** The account's position in a perpetual (flat when it never traded it); `undefined` for others. */
  position(accountId: string, symbol: string): Position | undefined {
    return this.positionBook.position(accountId, symbol)
  }

  /** Every position the account has held (flat ones included), by symbol. */
  positions(accountId: string): ReadonlyArray<Position> {
    return this.positionBook.positions(accountId)
  }

  /** Mark, index and funding figures of a perpetual. */
  perpMarket(symbol: string): PerpMarket | undefined {
    return this.funding.perpMarket(symbol)
  }

  /** Past funding settlements of a perpetual, oldest first (seeded history included). */
  fundingHistory(symbol: string): ReadonlyArray<FundingEvent> {
    return this.funding.fundingHistory(symbol)
  }

  /** Moves a perpetual's mark, index and funding rate (the market simulator's job), then settles due funding. */
  setMarket(symbol: string, market: MarketUpdate): void {
    this.funding.setMarket(symbol, market)
  }

  /**
   * Settles every funding interval that has ended: each position pays `size × mark × rate`
   * (longs pay shorts when the rate is positive) from its free balance.
   */
  settleFunding(): void {
    this.funding.settleFunding()
  }
}
