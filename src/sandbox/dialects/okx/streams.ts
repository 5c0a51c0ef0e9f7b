/**
 * OKX v5 public streams of the dialect: `/ws/v5/public` (`books`, `tickers`, `trades`) and
 * `/ws/v5/business` (`candle<bar>`), subscribed with `{"op":"subscribe","args":[{channel, instId}]}`
 * (each arg acknowledged by `{"event":"subscribe","arg":…,"connId":…}`; an unknown channel or
 * instrument, or a channel on the wrong URL, by `{"event":"error","code":"60018",…}`), kept alive
 * by the client's text `ping` (answered `pong`).
 *
 * `books`: a `snapshot` (400 levels, `prevSeqId: -1`) on subscribe, then an `update` every 100 ms
 * with the changed levels (size 0 deletes), `prevSeqId` = the previous message's `seqId`; with no
 * change for 25 s an empty update with `seqId == prevSeqId` keeps the connection alive; every
 * message carries the crc32 `checksum` of the top 25 levels (`bid:sz:ask:sz:…`, the strings as
 * sent). A `depthGap` fault drops one update (its `seqId` is spent, so the next one breaks the
 * chain). SWAP sizes are in contracts.
 *
 * https://www.okx.com/docs-v5/en/#overview-websocket-connect
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-tickers-channel
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-trades-channel
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-candlesticks-channel
 *
 * @since 0.1.0
 */
import { crc32 } from "node:zlib"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { Random } from "../../engine/Random.js"
import { candleAt, intervalStart } from "../../engine/Statistics.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import { Listeners, openSession, PerInstrument, type StreamOptions, Subscriptions } from "../kit/Subscriptions.js"
import { bars, candleRow, num, resolve, ticker, toWire, tradeRow } from "./marketData.js"

const BOOK_PUSH_MS = 100
const KEEP_ALIVE_MS = 25_000
const BOOK_DEPTH = 400

type Level = [string, string, string, string]
interface BookMessage {
  readonly asks: ReadonlyArray<Level>
  readonly bids: ReadonlyArray<Level>
  readonly ts: string
  readonly checksum: number
  readonly prevSeqId: number
  readonly seqId: number
}

/** crc32 (signed) of the top 25 levels, bids and asks interleaved. @since 0.1.0 */
export const bookChecksum = (bids: ReadonlyArray<Level>, asks: ReadonlyArray<Level>): number => {
  const parts: Array<string> = []
  for (let k = 0; k < 25; k++) {
    const b = bids[k]
    const a = asks[k]
    if (b !== undefined) parts.push(b[0], b[1])
    if (a !== undefined) parts.push(a[0], a[1])
  }
  return crc32(parts.join(":")) | 0
}

/**
 * One instrument's `books` sequence, shared by every connection.
 * @since 0.1.0
 */
export class BookFeed {
  seqId: number
  private lastSent: number
  private readonly pending = new Map<string, { side: "buy" | "sell"; price: string; size: string }>()
  private readonly listeners = new Listeners<BookMessage>()
  private readonly stops: Array<() => void> = []

  constructor(
    private readonly engine: Engine,
    private readonly instrument: Instrument,
    timers: Timers,
    random: Random
  ) {
    this.seqId = 1_000_000 + random.between(0, 1_000_000)
    this.lastSent = timers.now()
    const symbol = instrument.symbol
    this.stops.push(engine.subscribe((e) => {
      if (e._tag !== "BookChanged" || e.symbol !== symbol) return
      const price = num(e.price)
      this.pending.set(`${e.side}:${price}`, { side: e.side, price, size: num(toWire(instrument, e.quantity)) })
    }))
    this.stops.push(timers.every(BOOK_PUSH_MS, () => this.push(timers.now())))
  }

  private top(limit: number): { bids: Array<Level>; asks: Array<Level> } {
    const depth = this.engine.depth(this.instrument.symbol, limit)!
    const level = (
      [p, q]: readonly [import("../../../model/Decimal.js").Decimal, import("../../../model/Decimal.js").Decimal]
    ): Level => [
      num(p),
      num(toWire(this.instrument, q)),
      "0",
      "1"
    ]
    return { bids: depth.bids.map(level), asks: depth.asks.map(level) }
  }

  private push(now: number): void {
    if (this.pending.size === 0 && now - this.lastSent < KEEP_ALIVE_MS) return
    const levels = [...this.pending.values()]
    this.pending.clear()
    const prevSeqId = this.seqId
    if (levels.length > 0) this.seqId += 1
    this.lastSent = now
    const top = this.top(25)
    const message: BookMessage = {
      asks: levels.filter((l) => l.side === "sell").map((l) => [l.price, l.size, "0", l.size === "0" ? "0" : "1"]),
      bids: levels.filter((l) => l.side === "buy").map((l) => [l.price, l.size, "0", l.size === "0" ? "0" : "1"]),
      ts: String(now),
      checksum: bookChecksum(top.bids, top.asks),
      prevSeqId,
      seqId: this.seqId
    }
    this.listeners.emit(message)
  }

  /** The book now (400 levels), continuing the sequence. */
  snapshot(now: number): BookMessage {
    const book = this.top(BOOK_DEPTH)
    return {
      ...book,
      ts: String(now),
      checksum: bookChecksum(book.bids, book.asks),
      prevSeqId: -1,
      seqId: this.seqId
    }
  }

  listen(f: (m: BookMessage) => void): () => void {
    return this.listeners.listen(f)
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s()
  }
}

/**
 * The feeds of the dialect, made on first use.
 * @since 0.1.0
 */
export type BookFeeds = PerInstrument<Instrument, BookFeed>

/** @since 0.1.0 */
export const bookFeeds = (engine: Engine, timers: Timers, random: Random): BookFeeds =>
  new PerInstrument((i: Instrument) => new BookFeed(engine, i, timers, random))

interface StreamContext extends StreamOptions<BookFeeds> {
  readonly endpoint: "public" | "business"
  readonly connection: WsConnection
  readonly send: (message: unknown) => void
}

const startChannel = (channel: string, id: string, ctx: StreamContext): (() => void) | undefined => {
  const { engine, send, timers } = ctx
  const i = resolve(engine, id)
  if (i === undefined) return undefined
  const arg = { channel, instId: id }
  if (ctx.endpoint === "public" && channel === "books") {
    const feed = ctx.feeds.get(i)
    send({ arg, action: "snapshot", data: [feed.snapshot(timers.now())] })
    return feed.listen((m) => {
      const gap = ctx.faults.take(["depthGap"], {
        venue: ctx.venue,
        path: ctx.connection.path,
        aliases: [`books:${id}`, id]
      })
      if (gap === undefined) send({ arg, action: "update", data: [m] })
    })
  }
  if (ctx.endpoint === "public" && channel === "tickers") {
    const push = () => send({ arg, data: [ticker(engine, i, timers.now())] })
    push()
    return timers.every(100, push)
  }
  if (ctx.endpoint === "public" && channel === "trades") {
    return engine.subscribe((e) => {
      if (e._tag !== "Trade" || e.trade.symbol !== i.symbol) return
      send({ arg, data: [tradeRow(i, e.trade)] })
    })
  }
  if (ctx.endpoint === "business" && channel.startsWith("candle")) {
    const interval = bars.get(channel.slice("candle".length))
    if (interval === undefined) return undefined
    return timers.every(500, () => {
      const now = timers.now()
      const c = candleAt(engine.trades(i.symbol), interval, intervalStart(interval, now))
      if (c !== undefined) send({ arg, data: [candleRow(i, c, now)] })
    })
  }
  return undefined
}

/**
 * The error event of a request the dialect cannot read.
 * @since 0.1.0
 */
export const invalidRequest = (text: string, connId: string) => ({
  event: "error",
  code: "60012",
  msg: `Invalid request: ${text.slice(0, 100)}`,
  connId
})

/**
 * Answers the ops of a connection (`subscribe`, `unsubscribe`, and whatever `other` handles; the
 * rest `60012`), each arg acknowledged in turn and followed by the first data of its channel, as
 * OKX does. `start` begins a channel (`undefined`: refused with `60018`); `refuse` may refuse every
 * subscription first (a private connection that is not logged in).
 * https://www.okx.com/docs-v5/en/#overview-websocket-subscribe
 * @since 0.1.0
 */
export const serveOps = (
  connection: WsConnection,
  subscriptions: Subscriptions,
  connId: string,
  options: {
    readonly start: (arg: Readonly<Record<string, string>>) => (() => void) | undefined
    readonly refuse?: (() => unknown) | undefined
    readonly other?: ((op: unknown, message: Readonly<Record<string, unknown>>) => boolean) | undefined
  }
): void =>
  subscriptions.serve({
    text: (text) => {
      if (text !== "ping") return false
      connection.send("pong")
      return true
    },
    invalidJson: (text) => invalidRequest(text, connId),
    message: (message, text) => {
      const { args, id, op } = message
      const echo = typeof id === "string" ? { id } : {}
      if (op !== "subscribe" && op !== "unsubscribe") {
        if (options.other?.(op, message) !== true) subscriptions.send({ ...echo, ...invalidRequest(text, connId) })
        return
      }
      if (!Array.isArray(args) || args.length === 0) {
        subscriptions.send({ ...echo, event: "error", code: "60013", msg: "Invalid args", connId })
        return
      }
      const refused = op === "subscribe" ? options.refuse?.() : undefined
      if (refused !== undefined) {
        subscriptions.send({ ...echo, ...refused as object })
        return
      }
      const replies: Array<unknown> = []
      for (const a of args as Array<unknown>) {
        const arg = typeof a === "object" && a !== null && !Array.isArray(a)
          ? Object.fromEntries(Object.entries(a).filter((e): e is [string, string] => typeof e[1] === "string"))
          : undefined
        if (arg === undefined || arg.channel === undefined) {
          replies.push({ ...echo, event: "error", code: "60013", msg: "Invalid args", connId })
          continue
        }
        const key = JSON.stringify(Object.entries(arg).sort())
        if (op === "unsubscribe") {
          subscriptions.stop(key)
          replies.push({ ...echo, event: "unsubscribe", arg, connId })
          continue
        }
        if (subscriptions.has(key)) {
          replies.push({ ...echo, event: "subscribe", arg, connId })
          continue
        }
        const first = subscriptions.start(key, () => options.start(arg))
        if (first === undefined) {
          const what = Object.entries(arg).map(([k, v]) => `${k}:${v}`).join(",")
          replies.push({
            ...echo,
            event: "error",
            code: "60018",
            msg:
              `Wrong URL or ${what} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`,
            connId
          })
          continue
        }
        // the acknowledgement goes before the channel's first data
        replies.push({ ...echo, event: "subscribe", arg, connId }, ...first)
      }
      subscriptions.sendAll(replies)
    }
  })

/** The public stream paths. */
const PATHS = { "/ws/v5/public": "public", "/ws/v5/business": "business" } as const

/**
 * Takes over one public websocket connection under `/okx` (`/ws/v5/public`, `/ws/v5/business`).
 * @since 0.1.0
 */
export const connect = (options: StreamOptions<BookFeeds>, connection: WsConnection): void => {
  const session = openSession(connection, PATHS, () => options.random.string(8, "0123456789abcdef"))
  if (session === undefined) return
  const { connId, kind: endpoint, subscriptions } = session
  const ctx: StreamContext = { ...options, endpoint, connection, send: (m) => subscriptions.send(m) }
  serveOps(connection, subscriptions, connId, {
    start: (arg) => arg.instId === undefined ? undefined : startChannel(arg.channel!, arg.instId, ctx)
  })
}
