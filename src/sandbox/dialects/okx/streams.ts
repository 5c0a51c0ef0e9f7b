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
import type { Faults } from "../../faults/Faults.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import { bars, candleRow, instId, num, resolve, ticker, toWire } from "./marketData.js"

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
  private readonly listeners = new Set<(m: BookMessage) => void>()
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
    for (const listener of this.listeners) listener(message)
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
 * The feeds of the dialect, made on first use.
 * @since 0.1.0
 */
export class BookFeeds {
  private readonly feeds = new Map<string, BookFeed>()
  constructor(private readonly engine: Engine, private readonly timers: Timers, private readonly random: Random) {}
  get(instrument: Instrument): BookFeed {
    let feed = this.feeds.get(instrument.symbol)
    if (feed === undefined) {
      feed = new BookFeed(this.engine, instrument, this.timers, this.random)
      this.feeds.set(instrument.symbol, feed)
    }
    return feed
  }
  close(): void {
    for (const feed of this.feeds.values()) feed.stop()
    this.feeds.clear()
  }
}

interface StreamContext {
  readonly engine: Engine
  readonly faults: Faults
  readonly timers: Timers
  readonly feeds: BookFeeds
  readonly venue: string
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
      const t = e.trade
      send({
        arg,
        data: [{
          instId: instId(i),
          tradeId: String(t.tradeId),
          px: num(t.price),
          sz: num(toWire(i, t.quantity)),
          side: t.buyerIsMaker ? "sell" : "buy",
          ts: String(t.time),
          count: "1",
          source: "0",
          seqId: t.tradeId
        }]
      })
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
 * Takes over one websocket connection under `/okx`.
 * @since 0.1.0
 */
export const connect = (
  options: {
    readonly engine: Engine
    readonly faults: Faults
    readonly timers: Timers
    readonly feeds: BookFeeds
    readonly random: Random
    readonly venue: string
  },
  connection: WsConnection
): void => {
  const endpoint = connection.path === "/ws/v5/public"
    ? "public"
    : connection.path === "/ws/v5/business"
    ? "business"
    : undefined
  if (endpoint === undefined) {
    connection.close(1008, "Unknown path")
    return
  }
  const connId = options.random.string(8, "0123456789abcdef")
  const channels = new Map<string, () => void>()
  let held: Array<unknown> | undefined
  const ctx: StreamContext = {
    ...options,
    endpoint,
    connection,
    send: (message) => {
      if (held !== undefined) held.push(message)
      else connection.send(JSON.stringify(message))
    }
  }
  connection.onClose(() => {
    for (const stop of channels.values()) stop()
    channels.clear()
  })
  connection.onMessage((text) => {
    if (text === "ping") {
      connection.send("pong")
      return
    }
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      ctx.send({ event: "error", code: "60012", msg: `Invalid request: ${text.slice(0, 100)}`, connId })
      return
    }
    if (typeof message !== "object" || message === null) return
    const { args, op } = message as { op?: unknown; args?: unknown }
    if (op !== "subscribe" && op !== "unsubscribe") {
      ctx.send({ event: "error", code: "60012", msg: `Invalid request: ${text.slice(0, 100)}`, connId })
      return
    }
    if (!Array.isArray(args) || args.length === 0) {
      ctx.send({ event: "error", code: "60013", msg: "Invalid args", connId })
      return
    }
    held = []
    const replies: Array<unknown> = []
    for (const a of args as Array<unknown>) {
      const channel = typeof a === "object" && a !== null && "channel" in a && typeof a.channel === "string"
        ? a.channel
        : undefined
      const id = typeof a === "object" && a !== null && "instId" in a && typeof a.instId === "string"
        ? a.instId
        : undefined
      if (channel === undefined || id === undefined) {
        replies.push({ event: "error", code: "60013", msg: "Invalid args", connId })
        continue
      }
      const key = `${channel}:${id}`
      const arg = { channel, instId: id }
      if (op === "unsubscribe") {
        channels.get(key)?.()
        channels.delete(key)
        replies.push({ event: "unsubscribe", arg, connId })
        continue
      }
      if (channels.has(key)) {
        replies.push({ event: "subscribe", arg, connId })
        continue
      }
      const mark = held.length
      const stop = startChannel(channel, id, ctx)
      if (stop === undefined) {
        replies.push({
          event: "error",
          code: "60018",
          msg:
            `Wrong URL or channel:${channel},instId:${id} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`,
          connId
        })
        continue
      }
      channels.set(key, stop)
      replies.push({ event: "subscribe", arg, connId })
      // the acknowledgement goes before the channel's first data
      const data = held.splice(mark)
      replies.push(...data)
    }
    held = undefined
    for (const r of replies) ctx.send(r)
  })
}
