/**
 * The Hyperliquid book rule: every `l2Book` frame is a full snapshot (no diffs), so there is no
 * REST snapshot to fetch and nothing to chain. Each snapshot replaces the book; one older than the
 * last applied (its `time`, the update id here) is skipped.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 *
 * @since 0.1.0
 */
import * as BookSync from "../../model/BookSync.js"

/** @since 0.1.0 */
export const hyperliquidBookSync: BookSync.BookSync = BookSync.make({
  name: "hyperliquid",
  snapshotDepth: 20,
  requiresSnapshot: false,
  streamSnapshotReplaces: true,
  first: () => "apply",
  next: (lastTime, update) => update.lastUpdateId < lastTime ? "skip" : "apply",
  describeGap: () => "full snapshots cannot have gaps"
})
