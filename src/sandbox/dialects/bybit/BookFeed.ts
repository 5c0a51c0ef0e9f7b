/**
 * One symbol's order book sequence as the Bybit dialect publishes it: deltas numbered `u` = 1000,
 * 1001, … shared by every connection and by the REST `/v5/market/orderbook`, so a REST snapshot's
 * `u` chains with the stream's deltas.
 *
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
 *
 * @since 0.1.0
 */
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { Timers } from "../../server/Timers.js"
import { LevelChanges } from "../kit/BookChanges.js"
import { Listeners, PerInstrument } from "../kit/Subscriptions.js"
import { num, wireSymbol } from "./wire.js"

/** Push interval of orderbook deltas (Bybit: 20–100 ms depending on depth). */
const BOOK_PUSH_MS = 100

type Delta = {
  readonly u: number
  readonly seq: number
  readonly b: ReadonlyArray<readonly [string, string]>
  readonly a: ReadonlyArray<readonly [string, string]>
  readonly ts: number
}

/**
 * One symbol's book sequence: deltas are numbered `u` = 1000, 1001, … as they are pushed.
 * @since 0.1.0
 */
export class BookFeed {
  u = 1000
  private readonly changes: LevelChanges
  private readonly listeners = new Listeners<Delta>()
  private readonly stopTimer: () => void

  readonly symbol: string
  /** The symbol as Bybit writes it (`BTCUSDT` for the perpetual `perp:BTCUSDT` too). */
  readonly wire: string

  constructor(private readonly engine: Engine, instrument: Instrument, timers: Timers) {
    this.symbol = instrument.symbol
    this.wire = wireSymbol(instrument)
    this.changes = new LevelChanges(engine, this.symbol, (p, q) => [num(p), num(q)])
    this.stopTimer = timers.every(BOOK_PUSH_MS, () => this.push(timers.now()))
  }

  private push(now: number): void {
    const c = this.changes.take()
    if (c === undefined) return
    this.u += 1
    const delta: Delta = { u: this.u, seq: this.engine.updateId(this.symbol) ?? 0, b: c.bids, a: c.asks, ts: now }
    this.listeners.emit(delta)
  }

  /** The book now, top `limit` per side, with the `u` the next delta follows. */
  snapshot(limit: number) {
    const depth = this.engine.depth(this.symbol, limit)!
    return {
      s: this.wire,
      b: depth.bids.map(([p, q]) => [num(p), num(q)]),
      a: depth.asks.map(([p, q]) => [num(p), num(q)]),
      u: this.u,
      seq: depth.lastUpdateId
    }
  }

  listen(f: (delta: Delta) => void): () => void {
    return this.listeners.listen(f)
  }

  stop(): void {
    this.changes.close()
    this.stopTimer()
  }
}

/**
 * The feeds of a dialect, made on first use.
 * @since 0.1.0
 */
export type BookFeeds = PerInstrument<Instrument, BookFeed>

/** @since 0.1.0 */
export const bookFeeds = (engine: Engine, timers: Timers): BookFeeds =>
  new PerInstrument((i: Instrument) => new BookFeed(engine, i, timers))
