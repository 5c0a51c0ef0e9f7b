/**
 * An account's own data as Hyperliquid writes it, for `/info` (`userFills`, `userFillsByTime`) and
 * the websocket's user subscriptions (`orderUpdates`, `userFills`, `userEvents`,
 * `clearinghouseState`): fills (`WsFill`: `tid`, `crossed` = taker, `fee` and `feeToken`,
 * `startPosition` = the position — spot: the token balance — before the fill) and order updates
 * (`WsOrder`: `{order: WsBasicOrder, status, statusTimestamp}`).
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#retrieve-a-users-fills
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { zero } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Fill, Order } from "../../engine/Order.js"
import type { Accounts } from "./accounts.js"
import { num, orderStatusWord } from "./info.js"
import type { Universe } from "./universe.js"
import { assetName } from "./universe.js"

const signed = (f: Fill): Decimal => f.side === "buy" ? f.quantity : BigDecimal.negate(f.quantity)

/** What the fill moved the position (perp) or the base balance (spot, net of a fee paid in base) by. */
const delta = (engine: Engine, f: Fill): Decimal => {
  const instrument = engine.instrument(f.symbol)
  if (instrument?.kind !== "spot" || f.commissionAsset !== instrument.base) return signed(f)
  return BigDecimal.subtract(signed(f), f.commission)
}

/** Where the fill's position or balance stands now (after every fill so far). */
const current = (engine: Engine, accountId: string, f: Fill): Decimal => {
  const instrument = engine.instrument(f.symbol)
  if (instrument?.kind === "spot") {
    const b = engine.balances(accountId).find((x) => x.asset === instrument.base)
    return b === undefined ? zero : BigDecimal.sum(b.free, b.locked)
  }
  return engine.position(accountId, f.symbol)?.size ?? zero
}

/**
 * The `startPosition` of each of `fills` (an account's fills, oldest first, up to now): what the
 * position or balance was before it, worked back from where it stands now.
 * @since 0.1.0
 */
export const startPositions = (
  engine: Engine,
  accountId: string,
  fills: ReadonlyArray<Fill>
): ReadonlyArray<Decimal> => {
  const all = engine.fills(accountId)
  const index = new Map(fills.map((f, i) => [f, i]))
  const out: Array<Decimal> = new Array(fills.length).fill(zero)
  const after = new Map<string, Decimal>()
  for (let i = all.length - 1; i >= 0; i--) {
    const f = all[i]!
    const now = after.get(f.symbol) ?? current(engine, accountId, f)
    const before = BigDecimal.subtract(now, delta(engine, f))
    after.set(f.symbol, before)
    const at = index.get(f)
    if (at !== undefined) out[at] = before
  }
  return out
}

/**
 * One fill as `WsFill` (and `userFills` rows) write it.
 * @since 0.1.0
 */
export const wireFill = (universe: Universe, f: Fill, startPosition: Decimal) => ({
  coin: universe.bySymbol(f.symbol)?.coin ?? f.symbol,
  px: num(f.price),
  sz: num(f.quantity),
  side: f.side === "buy" ? "B" : "A",
  time: f.time,
  startPosition: num(startPosition),
  dir: f.side === "buy" ? "Buy" : "Sell",
  closedPnl: "0.0",
  hash: "0x" + f.tradeId.toString(16).padStart(64, "0"),
  oid: f.orderId,
  crossed: !f.maker,
  fee: num(f.commission),
  tid: f.tradeId,
  feeToken: assetName(f.commissionAsset)
})

/**
 * An account's fills as `userFills` / `userFillsByTime` answer: newest first, at most 2,000, in
 * `[startTime, endTime]` when given.
 * @since 0.1.0
 */
export const fillsOf = (
  ctx: { readonly engine: Engine; readonly universe: Universe },
  accountId: string,
  range?: { readonly startTime: number; readonly endTime: number | undefined }
) => {
  const chosen = ctx.engine.fills(accountId).filter((f) =>
    range === undefined || (f.time >= range.startTime && (range.endTime === undefined || f.time <= range.endTime))
  )
  const starts = startPositions(ctx.engine, accountId, chosen)
  return chosen.map((f, i) => wireFill(ctx.universe, f, starts[i]!)).reverse().slice(0, 2000)
}

/**
 * One order's change as `WsOrder` writes it (`cloid` only when the order has one).
 * @since 0.1.0
 */
export const wireOrderUpdate = (universe: Universe, accounts: Accounts, o: Order) => {
  const cloid = accounts.cloidOf(o)
  return {
    order: {
      coin: universe.bySymbol(o.symbol)?.coin ?? o.symbol,
      side: o.side === "buy" ? "B" : "A",
      limitPx: num(o.price ?? zero),
      sz: num(BigDecimal.subtract(o.quantity, o.executedQuantity)),
      oid: o.orderId,
      timestamp: o.createdAt,
      origSz: num(o.quantity),
      ...(cloid === undefined ? {} : { cloid })
    },
    status: orderStatusWord(o),
    statusTimestamp: o.updatedAt
  }
}
