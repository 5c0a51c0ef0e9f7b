/**
 * What dialects stream from the engine, per instrument: its trades, its book changes, and the
 * levels of its book that changed between two pushes of a diff stream (written as the venue writes
 * prices and quantities), with the update ids they cover.
 *
 * @since 0.1.0
 */
import type { Decimal } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Side, Trade } from "../../engine/Order.js"
import type { Timers } from "../../server/Timers.js"

/**
 * Calls `f` with each trade of an engine instrument; returns what stops it.
 * @since 0.1.0
 */
export const onTrade = (engine: Engine, symbol: string, f: (trade: Trade) => void): () => void =>
  engine.subscribe((e) => {
    if (e._tag === "Trade" && e.trade.symbol === symbol) f(e.trade)
  })

/**
 * Calls `f` with the update id and time of each change to an engine instrument's book.
 * @since 0.1.0
 */
export const onBookChange = (engine: Engine, symbol: string, f: (updateId: number, time: number) => void): () => void =>
  engine.subscribe((e) => {
    if (e._tag === "BookChanged" && e.symbol === symbol) f(e.updateId, e.time)
  })

/**
 * The levels that changed since the last `take`: each level once, with its latest quantity.
 * @since 0.1.0
 */
export interface Changes {
  /** The first and last engine update id the changes cover. */
  readonly first: number
  readonly last: number
  readonly bids: ReadonlyArray<readonly [string, string]>
  readonly asks: ReadonlyArray<readonly [string, string]>
}

/**
 * Collects the changed levels of an engine instrument's book between pushes.
 * @since 0.1.0
 */
export class LevelChanges {
  private readonly pending = new Map<string, { readonly side: Side; readonly level: readonly [string, string] }>()
  private first = -1
  private last = -1
  private readonly stop: () => void

  constructor(
    engine: Engine,
    symbol: string,
    write: (price: Decimal, quantity: Decimal) => readonly [string, string]
  ) {
    this.stop = engine.subscribe((e) => {
      if (e._tag !== "BookChanged" || e.symbol !== symbol) return
      if (this.first < 0) this.first = e.updateId
      this.last = e.updateId
      const level = write(e.price, e.quantity)
      this.pending.set(`${e.side}:${level[0]}`, { side: e.side, level })
    })
  }

  /** The changes since the last take (`undefined` when none), and starts over. */
  take(): Changes | undefined {
    if (this.pending.size === 0) return undefined
    const levels = [...this.pending.values()]
    const changes: Changes = {
      first: this.first,
      last: this.last,
      bids: levels.filter((l) => l.side === "buy").map((l) => l.level),
      asks: levels.filter((l) => l.side === "sell").map((l) => l.level)
    }
    this.pending.clear()
    this.first = -1
    return changes
  }

  close(): void {
    this.stop()
  }
}

/**
 * One push of a diff stream: the changes, and the last update id of the push before it (also when
 * that one was dropped), by which a client checks that it missed nothing.
 * @since 0.1.0
 */
export interface DiffPush extends Changes {
  readonly previous: number
}

/**
 * Every `ms`, hands the levels of an engine instrument's book that changed (written by `write`) to
 * `emit`, unless `drop` says this push is lost (a `depthGap` fault); returns what stops it.
 * @since 0.1.0
 */
export const diffPushes = (
  engine: Engine,
  timers: Timers,
  symbol: string,
  ms: number,
  write: (price: Decimal, quantity: Decimal) => readonly [string, string],
  drop: () => boolean,
  emit: (push: DiffPush) => void
): () => void => {
  const changes = new LevelChanges(engine, symbol, write)
  let previous = -1
  const stopTimer = timers.every(ms, () => {
    const c = changes.take()
    if (c === undefined) return
    const push = { ...c, previous: previous < 0 ? c.first - 1 : previous }
    previous = c.last
    if (!drop()) emit(push)
  })
  return () => {
    changes.close()
    stopTimer()
  }
}
