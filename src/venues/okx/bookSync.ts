/**
 * OKX v5 order-book synchronisation (`books` channel).
 *
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 * - after subscribing, a `snapshot` arrives, then `update`s; each message carries `seqId` and
 *   `prevSeqId` (`-1` on the snapshot): an update continues the book when its `prevSeqId` is the
 *   last `seqId`; "if there are no updates to the depth for an extended period, OKX will send a
 *   message with `asks: [], bids: []` to inform users that the connection is still active; `seqId`
 *   is the same as the last sent message and `prevSeqId` equals to `seqId`" (a keep-alive);
 * - a size of 0 deletes the level;
 * - `checksum`: crc32 (signed 32-bit) of the top 25 bids and asks interleaved
 *   `bid1px:bid1sz:ask1px:ask1sz:…` (the longer side continuing alone), as the strings OKX sent.
 *   OKX has announced the field's retirement (it then sends 0): 0 or absent means "not provided",
 *   and the sequence ids are the integrity check.
 *
 * So the book starts from the stream's snapshot (no REST snapshot: the REST book carries no
 * `seqId`), and a gap leaves it stale until the next stream snapshot (the connector resubscribes).
 *
 * @since 0.1.0
 */
import { crc32 } from "node:zlib"
import * as BookSync from "../../model/BookSync.js"
import type { RawLevel } from "../../model/OrderBook.js"

/**
 * The checksum text of the top levels: `bid:size:ask:size:…` interleaved.
 * @since 0.1.0
 */
export const checksumText = (bids: ReadonlyArray<RawLevel>, asks: ReadonlyArray<RawLevel>, depth = 25): string => {
  const parts: Array<string> = []
  const n = Math.max(Math.min(bids.length, depth), Math.min(asks.length, depth))
  for (let i = 0; i < n; i++) {
    const bid = i < depth ? bids[i] : undefined
    const ask = i < depth ? asks[i] : undefined
    if (bid !== undefined) parts.push(bid[0], bid[1])
    if (ask !== undefined) parts.push(ask[0], ask[1])
  }
  return parts.join(":")
}

/**
 * OKX's checksum: crc32 of `checksumText`, as a signed 32-bit integer.
 * @since 0.1.0
 */
export const checksum = (bids: ReadonlyArray<RawLevel>, asks: ReadonlyArray<RawLevel>, depth = 25): number =>
  crc32(checksumText(bids, asks, depth)) | 0

/**
 * A size in base units → the contracts OKX wrote, exactly: `size / contractSize` by moving the
 * decimal point when the contract size is a power of ten (every OKX linear swap), else by long
 * division. `contractSize` is a normalized decimal string.
 * @since 0.1.0
 */
export const toContracts = (size: string, contractSize: string): string => {
  if (contractSize === "1") return size
  const shift = powerOfTen(contractSize)
  return shift === undefined ? divide(size, contractSize) : shiftPoint(size, -shift)
}

/**
 * `k` when `s` is 10^k (`"0.01"` → -2, `"1000"` → 3), else `undefined`.
 * @since 0.1.0
 */
export const powerOfTen = (s: string): number | undefined => {
  const m = /^(?:0\.(0*)1|1(0*))$/.exec(s)
  if (m === null) return undefined
  return m[1] !== undefined ? -(m[1].length + 1) : m[2]!.length
}

/** Moves the decimal point of an unsigned decimal string `k` places right (left when negative). */
export const shiftPoint = (s: string, k: number): string => {
  const dot = s.indexOf(".")
  const int = dot < 0 ? s : s.slice(0, dot)
  const frac = dot < 0 ? "" : s.slice(dot + 1)
  const digits = int + frac
  const point = int.length + k
  const padded = point <= 0
    ? "0".repeat(1 - point) + digits
    : point > digits.length
    ? digits + "0".repeat(point - digits.length)
    : digits
  const at = point <= 0 ? 1 : point
  let whole = padded.slice(0, at).replace(/^0+(?=\d)/, "")
  let fraction = padded.slice(at).replace(/0+$/, "")
  if (whole === "") whole = "0"
  return fraction === "" ? whole : `${whole}.${(fraction = fraction)}`
}

const divide = (a: string, b: string): string => {
  const scale = (s: string) => (s.indexOf(".") < 0 ? 0 : s.length - s.indexOf(".") - 1)
  const sa = scale(a)
  const sb = scale(b)
  const s = Math.max(sa, sb)
  const av = BigInt(a.replace(".", "")) * 10n ** BigInt(s - sa)
  const bv = BigInt(b.replace(".", "")) * 10n ** BigInt(s - sb)
  for (let k = 0; k <= 36; k++) {
    const n = av * 10n ** BigInt(k)
    if (n % bv === 0n) return shiftPoint((n / bv).toString(), -k)
  }
  return "NaN"
}

/**
 * Checks `update.checksum` against the book's top 25 levels, sizes turned back into contracts.
 * @since 0.1.0
 */
export const okxChecksum: BookSync.BookChecksum = {
  depth: 25,
  verify: (update, bids, asks, contractSize) => {
    const wire = (levels: ReadonlyArray<RawLevel>): ReadonlyArray<RawLevel> =>
      contractSize === "1" ? levels : levels.map(([px, sz]) => [px, toContracts(sz, contractSize)] as const)
    const computed = checksum(wire(bids), wire(asks))
    return computed === update.checksum ? undefined : `expected ${update.checksum}, computed ${computed}`
  }
}

/**
 * The OKX rule. `BookUpdate.lastUpdateId` is `seqId`, `prevUpdateId` is `prevSeqId`.
 * @since 0.1.0
 */
export const okxBookSync: BookSync.BookSync = BookSync.make({
  name: "okx",
  snapshotDepth: 400,
  requiresSnapshot: false,
  streamSnapshotReplaces: true,
  first: (last, update) => decide(last, update),
  next: (last, update) => decide(last, update),
  describeGap: (last, update) =>
    `sequence gap: last seqId ${last}, received prevSeqId ${update.prevUpdateId ?? "?"} (seqId ${update.lastUpdateId})`,
  checksum: okxChecksum
})

const decide = (
  last: number,
  update: { readonly lastUpdateId: number; readonly prevUpdateId?: number | undefined }
) => {
  const prev = update.prevUpdateId
  if (prev === last) return "apply" as const
  if (prev !== undefined && prev < last && update.lastUpdateId <= last) return "skip" as const
  return "gap" as const
}
