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
import type { Side } from "../../engine/Order.js"
import type { Timers } from "../../server/Timers.js"
import { num, wireSymbol } from "./wire.js"

/** Push interval of orderbook deltas (Bybit: 20–100 ms depending on depth). */
const BOOK_PUSH_MS = 100

type Delta = {
  readonly u: number
  readonly seq: number
  readonly b: Array<[string, string]>
  readonly a: Array<[string, string]>
  readonly ts: number
}

/**
 * One symbol's book sequence: deltas are numbered `u` = 1000, 1001, … as they are pushed.
 * @since 0.1.0
 */
export class BookFeed {
  u = 1000
  private readonly pending = new Map<string, { side: Side; price: string; quantity: string }>()
  private readonly listeners = new Set<(delta: Delta) => void>()
  private readonly stops: Array<() => void> = []

  readonly symbol: string
  /** The symbol as Bybit writes it (`BTCUSDT` for the perpetual `perp:BTCUSDT` too). */
  readonly wire: string

  constructor(private readonly engine: Engine, instrument: Instrument, timers: Timers) {
    const symbol = instrument.symbol
    this.symbol = symbol
    this.wire = wireSymbol(instrument)
    this.stops.push(engine.subscribe((e) => {
      if (e._tag !== "BookChanged" || e.symbol !== symbol) return
      const price = num(e.price)
      this.pending.set(`${e.side}:${price}`, { side: e.side, price, quantity: num(e.quantity) })
    }))
    this.stops.push(timers.every(BOOK_PUSH_MS, () => this.push(timers.now())))
  }

  private push(now: number): void {
    if (this.pending.size === 0) return
    const levels = [...this.pending.values()]
    this.pending.clear()
    this.u += 1
    const delta: Delta = {
      u: this.u,
      seq: this.engine.updateId(this.symbol) ?? 0,
      b: levels.filter((l) => l.side === "buy").map((l) => [l.price, l.quantity]),
      a: levels.filter((l) => l.side === "sell").map((l) => [l.price, l.quantity]),
      ts: now
    }
    for (const listener of this.listeners) listener(delta)
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
    this.listeners.add(f)
    return () => {
      this.listeners.delete(f)
    }
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s()
  }
}

/**
 * The feeds of a dialect, made on first use.
 * @since 0.1.0
 */
export class BookFeeds {
  private readonly feeds = new Map<string, BookFeed>()
  constructor(private readonly engine: Engine, private readonly timers: Timers) {}
  get(instrument: Instrument): BookFeed {
    let feed = this.feeds.get(instrument.symbol)
    if (feed === undefined) {
      feed = new BookFeed(this.engine, instrument, this.timers)
      this.feeds.set(instrument.symbol, feed)
    }
    return feed
  }
  close(): void {
    for (const feed of this.feeds.values()) feed.stop()
    this.feeds.clear()
  }
}
