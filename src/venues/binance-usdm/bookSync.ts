/**
 * Binance USDⓈ-M futures diff-depth synchronisation (`<symbol>@depth@100ms` + `GET /fapi/v1/depth`).
 *
 * "How to manage a local order book correctly":
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
 * 1. buffer the stream's events; 2. fetch the snapshot; 3. drop every event with
 * `u < lastUpdateId`; 4. the first event applied must have `U <= lastUpdateId <= u`; 5. from then
 * on each event's `pu` must equal the previous event's `u`, else restart from step 2.
 * A quantity of 0 removes the level; removing a level that is not in the book is normal.
 *
 * @since 0.1.0
 */
import * as BookSync from "../../book/BookSync.js"

/**
 * The Binance USDⓈ-M rule. `BookUpdate.firstUpdateId` is `U`, `lastUpdateId` is `u`,
 * `prevUpdateId` is `pu`.
 * @since 0.1.0
 */
export const binanceUsdmBookSync: BookSync.BookSync = BookSync.make({
  name: "binance-usdm",
  snapshotDepth: 1000,
  first: (lastUpdateId, update) => {
    const u = update.lastUpdateId
    if (u < lastUpdateId) return "skip"
    const U = update.firstUpdateId
    return U !== undefined && U <= lastUpdateId ? "apply" : "gap"
  },
  next: (previous, update) => {
    if (update.lastUpdateId <= previous) return "skip"
    return update.prevUpdateId === previous ? "apply" : "gap"
  },
  describeGap: (previous, update) =>
    `sequence gap: expected pu = ${previous}, received pu = ${
      update.prevUpdateId ?? "none"
    }, u = ${update.lastUpdateId}`
})
