/**
 * A cross-margin account as the perpetual venues report it, per margin (settle) asset: the wallet
 * balance, the unrealized PnL and margin of the positions settled in it, the margin held by open
 * orders and what is available, from the engine's balances and positions. How each venue names
 * and writes the figures stays the dialect's business.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { zero } from "../../../model/Decimal.js"
import type { Engine, Position } from "../../engine/Engine.js"
import type { PerpInstrument } from "../../engine/Instrument.js"

/**
 * One margin asset's figures.
 * @since 0.1.0
 */
export interface MarginAsset {
  readonly asset: string
  /** Free plus locked. */
  readonly walletBalance: Decimal
  readonly unrealizedProfit: Decimal
  /** Wallet plus unrealized PnL. */
  readonly marginBalance: Decimal
  /** The margin of the positions settled in the asset. */
  readonly positionInitialMargin: Decimal
  /** What is locked beyond the positions' margin: the open orders' margin. */
  readonly openOrderInitialMargin: Decimal
  /** Everything locked. */
  readonly initialMargin: Decimal
  readonly availableBalance: Decimal
  /**
   * When the asset's balance last changed: the latest order or position change on a contract
   * settled in it, else when the account was funded. Real accounts never report 0 for a funded
   * asset, and clients such as ccxt skip assets whose `updateTime` is 0 as uninitialised.
   */
  readonly updateTime: number
}

/**
 * An account's margin assets (one per settle asset of the engine's perpetuals) and its position
 * in every perpetual; `fundedAt` is when the sandbox funded the account.
 * @since 0.1.0
 */
export const marginAccount = (engine: Engine, accountId: string, fundedAt: number): {
  readonly assets: ReadonlyArray<MarginAsset>
  readonly positions: ReadonlyArray<{ readonly i: PerpInstrument; readonly p: Position }>
} => {
  const positions = engine.perpetuals.map((i) => ({ i, p: engine.position(accountId, i.symbol)! }))
  const orders = engine.orders(accountId)
  const sum = (ds: ReadonlyArray<Decimal>) => ds.reduce((a, d) => BigDecimal.sum(a, d), zero)
  const assets = [...new Set(engine.perpetuals.map((i) => i.settle))].map((asset): MarginAsset => {
    const b = engine.balances(accountId).find((x) => x.asset === asset) ?? { asset, free: zero, locked: zero }
    const mine = positions.filter(({ i }) => i.settle === asset)
    const unrealized = sum(mine.map(({ p }) => p.unrealizedPnl))
    const positionMargin = sum(mine.map(({ p }) => p.margin))
    const wallet = BigDecimal.sum(b.free, b.locked)
    return {
      asset,
      walletBalance: wallet,
      unrealizedProfit: unrealized,
      marginBalance: BigDecimal.sum(wallet, unrealized),
      positionInitialMargin: positionMargin,
      openOrderInitialMargin: BigDecimal.subtract(b.locked, positionMargin),
      initialMargin: b.locked,
      availableBalance: b.free,
      updateTime: Math.max(
        fundedAt,
        ...mine.map(({ p }) => p.updatedAt),
        ...orders.filter((o) => mine.some(({ i }) => i.symbol === o.symbol)).map((o) => o.updatedAt)
      )
    }
  })
  return { assets, positions }
}
