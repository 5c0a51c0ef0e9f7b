/**
 * The USDⓈ-M account per margin asset, as `account`, `balance` and `positionRisk` read it: wallet,
 * unrealized PnL, margins and available balance from the engine's balances and positions.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V3
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import { zero } from "../../../../model/Decimal.js"
import type { Engine } from "../../../engine/Engine.js"

/**
 * The account's view per margin asset. `updateTime` is when the asset's balance last changed: the
 * latest order or position change on a contract settled in it, else when the account was funded
 * (the dialect's start). Real accounts never report 0 for a funded asset, and clients such as ccxt
 * skip assets whose `updateTime` is 0 as uninitialised.
 * @since 0.1.0
 */
export const accountView = (engine: Engine, accountId: string, fundedAt: number) => {
  const positions = engine.perpetuals.map((i) => ({ i, p: engine.position(accountId, i.symbol)! }))
  const orders = engine.orders(accountId)
  const settleAssets = [...new Set(engine.perpetuals.map((i) => i.settle))]
  const assets = settleAssets.map((asset) => {
    const b = engine.balances(accountId).find((x) => x.asset === asset) ?? { asset, free: zero, locked: zero }
    const mine = positions.filter(({ i }) => i.settle === asset)
    const unrealized = mine.reduce((a, { p }) => BigDecimal.sum(a, p.unrealizedPnl), zero)
    const positionMargin = mine.reduce((a, { p }) => BigDecimal.sum(a, p.margin), zero)
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
