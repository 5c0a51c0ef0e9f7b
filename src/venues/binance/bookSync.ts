/**
 * Binance diff-depth synchronisation, Spot (`<symbol>@depth@100ms` + `GET /api/v3/depth`) and USDⓈ-M
 * (`<symbol>@depth@100ms` + `GET /fapi/v1/depth`).
 *
 * Spot:
 *
 * "How to manage a local order book correctly":
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#how-to-manage-a-local-order-book-correctly
 * 1. buffer the stream's events; 2. fetch the snapshot; 3. drop every event with
 * `u <= lastUpdateId`; 4. the first event applied must have `U <= lastUpdateId + 1 <= u`
 * (otherwise the snapshot is older than the stream: fetch a new one); 5. from then on each event's
 * `U` must be the previous event's `u + 1`, else the book is out of sync and restarts from step 2.
 * A quantity of 0 removes the level; removing a level that is not in the book is normal.
 *
 * @since 0.1.0
 */
import * as BookSync from "../../model/BookSync.js"

/**
 * The Binance Spot rule. `BookUpdate.firstUpdateId` is `U`, `lastUpdateId` is `u`.
 * @since 0.1.0
 */
export const binanceSpotBookSync: BookSync.BookSync = BookSync.make({
  name: "binance-spot",
  snapshotDepth: 1000,
  first: (lastUpdateId, update) => {
    const u = update.lastUpdateId
    if (u <= lastUpdateId) return "skip"
    const U = update.firstUpdateId
    return U !== undefined && U <= lastUpdateId + 1 ? "apply" : "gap"
  },
  next: (previous, update) => {
    if (update.lastUpdateId <= previous) return "skip"
    return update.firstUpdateId === previous + 1 ? "apply" : "gap"
  },
  describeGap: (previous, update) =>
    `sequence gap: expected U = ${previous + 1}, received U = ${
      update.firstUpdateId ?? "none"
    }, u = ${update.lastUpdateId}`
})

/**
 * The Binance USDⓈ-M rule. `BookUpdate.firstUpdateId` is `U`, `lastUpdateId` is `u`,
 * `prevUpdateId` is `pu`.
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
 * 1. buffer the stream's events; 2. fetch the snapshot; 3. drop every event with
 * `u < lastUpdateId`; 4. the first event applied must have `U <= lastUpdateId <= u`; 5. from then
 * on each event's `pu` must equal the previous event's `u`, else restart from step 2.
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
