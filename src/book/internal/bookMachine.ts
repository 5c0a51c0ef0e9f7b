/**
 * The synchronous state machine behind `LiveOrderBook`: one instance per book, fed every chunk of
 * stream messages by a single long-lived consumer of the update stream, and every snapshot result by
 * the snapshot fetcher. No Effect runs per message; JS runs each call to completion, so the two
 * callers never interleave inside the machine.
 *
 * @internal
 */
import * as Chunk from "effect/Chunk"
import type { BookSync } from "../../model/BookSync.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
import type { BookUpdate, OrderBookSnapshot } from "../../model/OrderBook.js"
import type { RawLevel } from "../../model/OrderBook.js"
import type * as BookScale from "../BookScale.js"
import { Ladder } from "../Ladder.js"
import type { BookState, OrderBookView } from "../OrderBookView.js"
import { View } from "../OrderBookView.js"

/** A snapshot the machine asked for. `attempt` > 0 asks the fetcher to back off first. */
export interface SnapshotRequest {
  readonly generation: number
  readonly attempt: number
}

/** A snapshot arrived for request `generation`. */
export class SnapshotLoaded {
  constructor(
    readonly generation: number,
    readonly snapshot: OrderBookSnapshot,
    readonly receiveTime: number
  ) {}
}

/** Fetching the snapshot for request `generation` failed; the fetcher retries with backoff. */
export class SnapshotFailed {
  constructor(
    readonly generation: number,
    readonly reason: string,
    readonly receiveTime: number
  ) {}
}

const EMPTY_VIEWS: ReadonlyArray<OrderBookView> = []

export interface MachineOptions {
  readonly market: Pick<Market, "symbol" | "unified"> & Partial<Pick<Market, "contractSize">>
  readonly scale: BookScale.BookScale
  readonly sync: BookSync
  readonly depth: number
  readonly requestSnapshot: (request: SnapshotRequest) => void
  /** Snapshot backoff restarts from zero once the book has stayed live this long (ms of receive time). */
  readonly backoffResetMs: number
}

export class BookMachine {
  readonly ladder: Ladder
  state: BookState = "syncing"
  current: OrderBookView
  /** Views produced since the last `drain`. */
  out: Array<OrderBookView> = []

  private readonly symbol: string
  private readonly venueSymbol: string
  private readonly scale: BookScale.BookScale
  private readonly sync: BookSync
  private readonly depth: number
  private readonly requestSnapshot: (request: SnapshotRequest) => void
  /** Last applied update id (or the snapshot's, while `awaitingFirst`); NaN without a book. */
  private sequence = NaN
  private awaitingFirst = false
  private buffer: Array<BookUpdate> = []
  private generation = 0
  private attempt = 0
  private exchangeTime: number | undefined = undefined
  private receiveTime = 0
  private closed = false
  private liveSince = NaN
  /**
   * After an interruption, the snapshot to rebuild from is not asked for until the feed is back (a
   * `resumed` message, or any message of the new connection): a snapshot fetched while the feed is
   * down would make a book that says `live` and receives nothing.
   */
  private awaitingFeed = false
  /** A snapshot must bring the book at least this far: what was already published or refused. */
  private floor = -Infinity
  private readonly backoffResetMs: number
  private readonly contractSize: string
  /**
   * Room for a view's levels, of V8's "packed doubles" kind: `slice` of it is as cheap as
   * `new Array(n)` and gives an array whose reads are about twice as fast (no hole checks, no
   * integer-to-double conversion), which is what readers of the view do most.
   */
  private levelsTemplate: Array<number> = packedDoubles(1)

  constructor(options: MachineOptions, now: number) {
    this.symbol = options.market.unified
    this.venueSymbol = options.market.symbol
    this.scale = options.scale
    this.sync = options.sync
    this.depth = options.depth
    this.requestSnapshot = options.requestSnapshot
    this.backoffResetMs = options.backoffResetMs
    this.contractSize = options.market.contractSize === undefined ? "1" : Decimal.format(options.market.contractSize)
    this.ladder = new Ladder(options.scale)
    this.receiveTime = now
    this.current = this.emptyView("syncing", undefined)
    if (this.sync.requiresSnapshot) this.request()
  }

  /** Feeds one chunk of stream messages (the Stream stage); the views go to `out`. */
  onUpdates(updates: Chunk.Chunk<BookUpdate>): void {
    const n = updates.length
    for (let i = 0; i < n; i++) this.onUpdate(Chunk.unsafeGet(updates, i))
  }

  /** Feeds a snapshot result; the views go to `out`. */
  onSnapshotResult(event: SnapshotLoaded | SnapshotFailed): void {
    if (event instanceof SnapshotLoaded) this.onSnapshot(event)
    else this.onSnapshotFailed(event)
  }

  /** The views produced since the last call (empty: none). */
  drain(): ReadonlyArray<OrderBookView> {
    if (this.out.length === 0) return EMPTY_VIEWS
    const views = this.out
    this.out = []
    return views
  }

  /** One stream message: the per-message hot path. */
  onUpdate(update: BookUpdate): void {
    if (this.closed) return
    if (update.interrupted !== undefined) {
      this.onInterrupted(`the feed was interrupted: ${update.interrupted}`, update.receiveTime)
      return
    }
    if (this.awaitingFeed) {
      // The feed is back: what it sends from now on can be joined to a snapshot fetched now.
      this.awaitingFeed = false
      this.request()
    }
    if (update.resumed === true) return
    if (update.kind === "snapshot") {
      if (this.sync.streamSnapshotReplaces) this.onStreamSnapshot(update)
      return
    }
    if (this.state !== "live") {
      if (this.sync.requiresSnapshot) this.bufferUpdate(update)
      return
    }
    const decision = this.awaitingFirst
      ? this.sync.first(this.sequence, update)
      : this.sync.next(this.sequence, update)
    if (decision === "skip") return
    if (decision === "gap") {
      this.bufferUpdate(update)
      this.fail(
        this.awaitingFirst
          ? `the snapshot (update ${this.sequence}) is older than the stream (${this.describe(update)})`
          : this.sync.describeGap(this.sequence, update),
        update.receiveTime
      )
      return
    }
    if (!this.applyUpdate(update)) return
    if (this.attempt !== 0 && update.receiveTime - this.liveSince >= this.backoffResetMs) this.attempt = 0
    this.emitLive()
  }

  /** Applies an update the sync rule accepted; on an invalid or crossed book, fails and returns false. */
  private applyUpdate(update: BookUpdate): boolean {
    const refused = this.ladder.apply(update)
    if (refused !== undefined) {
      this.raiseFloor(update.lastUpdateId)
      this.fail(`invalid update ${update.lastUpdateId}: ${refused}`, update.receiveTime)
      return false
    }
    if (this.ladder.isCrossed()) {
      this.raiseFloor(update.lastUpdateId)
      this.fail(`crossed book after update ${update.lastUpdateId}: ${this.crossing()}`, update.receiveTime)
      return false
    }
    const mismatch = this.verifyChecksum(update)
    if (mismatch !== undefined) {
      this.raiseFloor(update.lastUpdateId)
      this.fail(`checksum mismatch after update ${update.lastUpdateId}: ${mismatch}`, update.receiveTime)
      return false
    }
    this.sequence = update.lastUpdateId
    this.awaitingFirst = false
    this.exchangeTime = update.exchangeTime
    this.receiveTime = update.receiveTime
    return true
  }

  private onSnapshot(event: SnapshotLoaded): void {
    if (this.closed || event.generation !== this.generation || this.state === "live") return
    const snapshot = event.snapshot
    const previous = this.sequence
    this.receiveTime = event.receiveTime
    if (snapshot.sequence === undefined) {
      return this.retry("the snapshot has no sequence number", event.receiveTime)
    }
    const refused = this.ladder.load(snapshot.bids, snapshot.asks)
    if (refused !== undefined) {
      this.ladder.clear()
      return this.retry(`invalid snapshot ${snapshot.sequence}: ${refused}`, event.receiveTime)
    }
    if (this.ladder.isCrossed()) {
      const crossing = this.crossing()
      this.ladder.clear()
      return this.retry(`crossed snapshot ${snapshot.sequence}: ${crossing}`, event.receiveTime)
    }
    this.sequence = snapshot.sequence
    this.awaitingFirst = true
    this.exchangeTime = snapshot.timestamp
    const buffered = this.buffer
    this.buffer = []
    for (let i = 0; i < buffered.length; i++) {
      const update = buffered[i]!
      const decision = this.awaitingFirst
        ? this.sync.first(this.sequence, update)
        : this.sync.next(this.sequence, update)
      if (decision === "skip") continue
      if (decision === "gap") {
        const reason = this.awaitingFirst
          ? `the snapshot (update ${snapshot.sequence}) is older than the buffered updates (${this.describe(update)})`
          : `gap in the buffered updates: ${this.sync.describeGap(this.sequence, update)}`
        this.ladder.clear()
        this.buffer = buffered.slice(i)
        this.sequence = previous
        return this.retry(reason, update.receiveTime)
      }
      const refusedUpdate = this.ladder.apply(update)
      if (refusedUpdate !== undefined || this.ladder.isCrossed()) {
        this.raiseFloor(update.lastUpdateId)
        const reason = refusedUpdate !== undefined
          ? `invalid update ${update.lastUpdateId}: ${refusedUpdate}`
          : `crossed book after update ${update.lastUpdateId}: ${this.crossing()}`
        this.ladder.clear()
        this.buffer = buffered.slice(i + 1)
        this.sequence = previous
        return this.retry(reason, update.receiveTime)
      }
      this.sequence = update.lastUpdateId
      this.awaitingFirst = false
      this.exchangeTime = update.exchangeTime
      this.receiveTime = update.receiveTime
    }
    if (this.sequence < this.floor) {
      const reason = `the snapshot (update ${snapshot.sequence}) is older than the stream (update ${this.floor})`
      this.ladder.clear()
      this.sequence = previous
      return this.retry(reason, event.receiveTime)
    }
    this.liveSince = this.receiveTime
    this.emitLive()
  }

  private onSnapshotFailed(event: SnapshotFailed): void {
    if (this.closed || event.generation !== this.generation || this.state === "live") return
    this.receiveTime = event.receiveTime
    this.emit(this.emptyView(this.state, `snapshot failed: ${event.reason}`))
  }

  private onStreamSnapshot(update: BookUpdate): void {
    this.ladder.clear()
    const refused = this.ladder.apply(update)
    if (refused !== undefined) {
      this.fail(`invalid snapshot ${update.lastUpdateId}: ${refused}`, update.receiveTime)
      return
    }
    if (this.ladder.isCrossed()) {
      this.fail(`crossed snapshot ${update.lastUpdateId}: ${this.crossing()}`, update.receiveTime)
      return
    }
    const mismatch = this.verifyChecksum(update)
    if (mismatch !== undefined) {
      this.fail(`checksum mismatch on snapshot ${update.lastUpdateId}: ${mismatch}`, update.receiveTime)
      return
    }
    this.buffer = []
    this.generation++
    this.liveSince = update.receiveTime
    this.sequence = update.lastUpdateId
    this.awaitingFirst = false
    this.exchangeTime = update.exchangeTime
    this.receiveTime = update.receiveTime
    this.emitLive()
  }

  /**
   * The feed was lost. A live book goes stale; a book still syncing drops what it buffered and the
   * snapshot it asked for. Either way the next snapshot waits for the feed to come back.
   */
  private onInterrupted(reason: string, receiveTime: number): void {
    if (this.state === "live") return this.fail(reason, receiveTime, true)
    if (!this.sync.requiresSnapshot) return
    this.generation++
    this.buffer = []
    this.awaitingFeed = true
    this.receiveTime = receiveTime
    this.emit(this.emptyView(this.state, reason))
  }

  /**
   * The live book became inconsistent: emit `stale`, drop it, and start a resync (`feedLost`: once
   * the feed is back).
   */
  private fail(reason: string, receiveTime: number, feedLost = false): void {
    this.raiseFloor(this.sequence)
    this.ladder.clear()
    this.receiveTime = receiveTime
    this.state = "stale"
    this.emit(this.emptyView("stale", reason))
    this.state = "resyncing"
    if (this.sync.requiresSnapshot) {
      if (feedLost) {
        this.generation++
        this.buffer = []
        this.awaitingFeed = true
      } else {
        this.request()
      }
    }
    this.emit(this.emptyView("resyncing", reason))
  }

  /** A snapshot could not be used: ask for another one (backing off after the first attempt). */
  private retry(reason: string, receiveTime: number): void {
    this.receiveTime = receiveTime
    this.request()
    this.emit(this.emptyView(this.state, reason))
  }

  private raiseFloor(sequence: number): void {
    if (sequence > this.floor) this.floor = sequence
  }

  private request(): void {
    this.generation++
    this.requestSnapshot({ generation: this.generation, attempt: this.attempt })
    this.attempt++
  }

  private bufferUpdate(update: BookUpdate): void {
    if (this.buffer.length >= this.sync.maxBuffered) {
      this.buffer.splice(0, Math.max(1, this.buffer.length >> 2))
    }
    this.buffer.push(update)
  }

  /** The update stream ended or failed: the book can no longer be kept. */
  close(reason: string, receiveTime: number): OrderBookView {
    if (!this.closed) {
      this.closed = true
      this.ladder.clear()
      this.buffer = []
      this.receiveTime = receiveTime
      this.state = "stale"
      this.current = this.emptyView("stale", reason)
    }
    return this.current
  }

  private emitLive(): void {
    this.state = "live"
    const bids = this.ladder.bids
    const asks = this.ladder.asks
    const depth = this.depth
    const bidCount = bids.length < depth ? bids.length : depth
    const askCount = asks.length < depth ? asks.length : depth
    const most = bidCount > askCount ? bidCount : askCount
    if (2 * most > this.levelsTemplate.length) this.levelsTemplate = packedDoubles(4 * most)
    const bidsScaled = this.levelsTemplate.slice(0, 2 * bidCount)
    const asksScaled = this.levelsTemplate.slice(0, 2 * askCount)
    bids.copyTop(bidCount, bidsScaled, 0)
    asks.copyTop(askCount, asksScaled, 0)
    this.emit(
      new View(
        this.symbol,
        this.venueSymbol,
        "live",
        undefined,
        this.sequence,
        this.exchangeTime,
        this.receiveTime,
        this.scale,
        bidsScaled,
        asksScaled
      )
    )
  }

  private emit(view: OrderBookView): void {
    this.current = view
    this.out.push(view)
  }

  private emptyView(state: BookState, reason: string | undefined): View {
    return View.empty(
      this.symbol,
      this.venueSymbol,
      this.scale,
      state,
      reason,
      Number.isNaN(this.sequence) ? undefined : this.sequence,
      this.exchangeTime,
      this.receiveTime
    )
  }

  /** The venue's checksum over the top levels, when the update carries a non-zero one. */
  private verifyChecksum(update: BookUpdate): string | undefined {
    const checksum = this.sync.checksum
    if (checksum === undefined || update.checksum === undefined || update.checksum === 0) return undefined
    const levels = (side: Ladder["bids"]): Array<RawLevel> => {
      const n = Math.min(side.length, checksum.depth)
      const out: Array<RawLevel> = []
      for (let i = 0; i < n; i++) {
        out.push([
          normalize(formatTicks(this.scale, side.ticksAt(i))),
          normalize(formatUnits(side.lotsAt(i), this.scale.sizeDecimals))
        ])
      }
      return out
    }
    return checksum.verify(update, levels(this.ladder.bids), levels(this.ladder.asks), this.contractSize)
  }

  private crossing(): string {
    const bid = this.ladder.bids.ticksAt(0)
    const ask = this.ladder.asks.ticksAt(0)
    const price = (ticks: number) => formatTicks(this.scale, ticks)
    return `best bid ${price(bid)} >= best ask ${price(ask)}`
  }

  private describe(update: BookUpdate): string {
    return `update ${update.firstUpdateId ?? "?"}..${update.lastUpdateId}`
  }
}

/** An array of `n` numbers whose elements are stored as doubles, without holes. */
const packedDoubles = (n: number): Array<number> => {
  const out = [0.5]
  for (let i = 1; i < n; i++) out.push(0.5)
  return out
}

/** Integer units of 10^-decimals → a decimal string. */
const formatUnits = (units: number, decimals: number): string => {
  const digits = BigInt(units).toString().padStart(decimals + 1, "0")
  return decimals === 0
    ? digits
    : digits.slice(0, digits.length - decimals) + "." + digits.slice(digits.length - decimals)
}

/** Drops trailing fractional zeros (`"30261.50"` → `"30261.5"`, `"3.0"` → `"3"`). */
const normalize = (s: string): string => {
  if (s.indexOf(".") < 0) return s
  let end = s.length
  while (s.charCodeAt(end - 1) === 48) end--
  if (s.charCodeAt(end - 1) === 46) end--
  return s.slice(0, end)
}

const formatTicks = (scale: BookScale.BookScale, ticks: number): string => {
  const units = (BigInt(ticks) * scale.tickUnitsBig).toString().padStart(scale.priceDecimals + 1, "0")
  return scale.priceDecimals === 0
    ? units
    : units.slice(0, units.length - scale.priceDecimals) + "." + units.slice(units.length - scale.priceDecimals)
}
