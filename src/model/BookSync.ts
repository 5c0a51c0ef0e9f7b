/**
 * How a venue's book channel is synchronised with its REST snapshot: a small strategy each venue
 * folder supplies (`venues/binance/bookSync.ts`, `venues/binance-usdm/bookSync.ts`, …) and
 * `LiveOrderBook` runs.
 *
 * `LiveOrderBook` buffers every update while it waits for a snapshot (at most `maxBuffered`, oldest
 * dropped first), then asks the strategy, update by update:
 * - `first(snapshotSequence, update)` until one update has been applied on top of the snapshot:
 *   `"skip"` an update the snapshot already contains, `"apply"` the first one that continues it,
 *   `"gap"` when the update is newer than anything that could follow the snapshot (the snapshot is
 *   older than the stream: a fresh one is fetched);
 * - `next(lastUpdateId, update)` for every later update: `"skip"` a duplicate, `"apply"` the one
 *   that continues the chain, `"gap"` when one is missing (the book goes stale and resyncs).
 *
 * The functions run on the per-message hot path: they are plain and synchronous.
 *
 * @since 0.1.0
 */
import type { BookUpdate, RawLevel } from "./OrderBook.js"

/**
 * A venue's book checksum (OKX's crc32 over the top levels), checked after every applied message
 * that carries a non-zero `checksum`.
 * @since 0.1.0
 */
export interface BookChecksum {
  /** Levels per side the checksum covers. */
  readonly depth: number
  /**
   * `undefined` when the book's top `depth` levels (best first, as exact normalized decimal
   * strings, sizes in the unified unit) match `update.checksum`, else why not. `contractSize` is the
   * market's, for venues whose wire sizes are contracts.
   */
  readonly verify: (
    update: BookUpdate,
    bids: ReadonlyArray<RawLevel>,
    asks: ReadonlyArray<RawLevel>,
    contractSize: string
  ) => string | undefined
}

/**
 * What to do with one update.
 * @since 0.1.0
 */
export type Decision = "apply" | "skip" | "gap"

/**
 * A venue's book synchronisation rule.
 * @since 0.1.0
 */
export interface BookSync {
  /** A short name for messages and spans (`"binance-spot"`). */
  readonly name: string
  /** The depth to ask the REST snapshot for. */
  readonly snapshotDepth: number
  /**
   * Whether the book starts (and restarts) from a REST snapshot. When false, it starts from a
   * `kind: "snapshot"` message of the stream and updates before it are dropped.
   */
  readonly requiresSnapshot: boolean
  /** Whether a `kind: "snapshot"` message from the stream replaces the book (else it is ignored). */
  readonly streamSnapshotReplaces: boolean
  /** Most updates kept while waiting for a snapshot; older ones are dropped first. */
  readonly maxBuffered: number
  /** Decides on an update while no update has been applied on top of the snapshot yet. */
  readonly first: (snapshotSequence: number, update: BookUpdate) => Decision
  /** Decides on an update given the `lastUpdateId` of the last one applied. */
  readonly next: (lastUpdateId: number, update: BookUpdate) => Decision
  /** Describes a gap for the `stale` reason (off the hot path). */
  readonly describeGap: (lastUpdateId: number, update: BookUpdate) => string
  /** The venue's checksum, where it sends one. */
  readonly checksum?: BookChecksum | undefined
}

/**
 * The rule of venues whose update ids are consecutive (Bybit's `u`): after `previous`, the update
 * `previous + 1` is applied, an older or equal one skipped (what is applied already holds it), and
 * anything else is a gap.
 * @since 0.1.0
 */
export const consecutive = (previous: number, update: BookUpdate): Decision =>
  update.lastUpdateId <= previous ? "skip" : update.lastUpdateId === previous + 1 ? "apply" : "gap"

/**
 * Builds a strategy, with defaults for the common case (REST snapshot required, stream snapshots
 * ignored, 1000 levels, 10,000 buffered updates).
 * @since 0.1.0
 */
export const make = (
  options: Pick<BookSync, "name" | "first" | "next"> & Partial<Omit<BookSync, "name" | "first" | "next">>
): BookSync => ({
  snapshotDepth: 1000,
  requiresSnapshot: true,
  streamSnapshotReplaces: false,
  maxBuffered: 10_000,
  describeGap: (last, update) =>
    `sequence gap: last applied update ${last}, received ${
      update.firstUpdateId ?? update.prevUpdateId ?? "?"
    }..${update.lastUpdateId}`,
  ...options
})
