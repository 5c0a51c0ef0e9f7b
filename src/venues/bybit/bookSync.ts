/**
 * Bybit v5 order-book synchronisation (`orderbook.<depth>.<symbol>` + `GET /v5/market/orderbook`).
 *
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
 * - after subscribing, a `snapshot` arrives, then `delta`s; "if you receive a new snapshot message,
 *   you will have to reset your local orderbook";
 * - `u` is the update id, consecutive per depth channel; `u == 1` is a snapshot after a service
 *   restart (the decoder turns it into one);
 * - a delta sets each listed level (size 0 deletes it).
 *
 * So stream snapshots replace the book, and each delta must carry `u` = previous `u` + 1. After a
 * gap the book is rebuilt from a fresh REST snapshot (`u` there is the same update id as the
 * websocket's, so buffered deltas chain onto it: skip `u <= snapshot u`, apply `u = snapshot u + 1`)
 * or from the next stream snapshot, whichever comes first.
 *
 * @since 0.1.0
 */
import * as BookSync from "../../model/BookSync.js"

/**
 * The Bybit rule. `BookUpdate.lastUpdateId` is `u`.
 * @since 0.1.0
 */
export const bybitBookSync: BookSync.BookSync = BookSync.make({
  name: "bybit",
  snapshotDepth: 200,
  requiresSnapshot: true,
  streamSnapshotReplaces: true,
  first: BookSync.consecutive,
  next: BookSync.consecutive,
  describeGap: (previousU, update) => `sequence gap: expected u = ${previousU + 1}, received u = ${update.lastUpdateId}`
})
