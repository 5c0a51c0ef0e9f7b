/**
 * USDⓈ-M account endpoints (v2 and v3 of each): `account`, `balance`, `positionRisk`: per margin
 * asset the wallet, unrealized PnL, margins and available balance (the kit's `marginAccount`), and
 * the positions (one-way mode, cross margin).
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { zero } from "../../../../model/Decimal.js"
import type { MarginAsset } from "../../kit/Margin.js"
import { marginAccount } from "../../kit/Margin.js"
import type { Route } from "../Route.js"
import { route } from "../Route.js"
import { optionalSymbol } from "./marketData.js"
import * as Wire from "./wire.js"

const A = Wire.amount

/** The cross-margin part of an asset's row, last in `account` and in `balance`. */
const crossBalance = (a: MarginAsset) => ({
  crossWalletBalance: A(a.walletBalance),
  crossUnPnl: A(a.unrealizedProfit),
  availableBalance: A(a.availableBalance),
  maxWithdrawAmount: A(a.availableBalance),
  marginAvailable: true,
  updateTime: a.updateTime
})

/** The account routes; `fundedAt` is when the sandbox funded its accounts (the dialect's start). @since 0.1.0 */
export const accountRoutes = (fundedAt: number): ReadonlyArray<Route> => [
  ...(["/fapi/v2/account", "/fapi/v3/account"] as const).map((path) =>
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V2
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V3
    route("GET", path, "USER_DATA", [], 5, (ctx) => {
      const key = ctx.key!
      const { assets, positions } = marginAccount(ctx.engine, key.accountId, fundedAt)
      const total = (f: (a: (typeof assets)[number]) => BigDecimal.BigDecimal) =>
        A(assets.reduce((s, a) => BigDecimal.sum(s, f(a)), zero))
      return Either.right({
        feeTier: 0,
        canTrade: key.permissions.trade,
        canDeposit: true,
        canWithdraw: key.permissions.withdraw,
        feeBurn: false,
        updateTime: 0,
        multiAssetsMargin: false,
        tradeGroupId: -1,
        totalInitialMargin: total((a) => a.initialMargin),
        totalMaintMargin: "0.00000000",
        totalWalletBalance: total((a) => a.walletBalance),
        totalUnrealizedProfit: total((a) => a.unrealizedProfit),
        totalMarginBalance: total((a) => a.marginBalance),
        totalPositionInitialMargin: total((a) => a.positionInitialMargin),
        totalOpenOrderInitialMargin: total((a) => a.openOrderInitialMargin),
        totalCrossWalletBalance: total((a) => a.walletBalance),
        totalCrossUnPnl: total((a) => a.unrealizedProfit),
        availableBalance: total((a) => a.availableBalance),
        maxWithdrawAmount: total((a) => a.availableBalance),
        assets: assets.map((a) => ({
          asset: a.asset,
          walletBalance: A(a.walletBalance),
          unrealizedProfit: A(a.unrealizedProfit),
          marginBalance: A(a.marginBalance),
          maintMargin: "0.00000000",
          initialMargin: A(a.initialMargin),
          positionInitialMargin: A(a.positionInitialMargin),
          openOrderInitialMargin: A(a.openOrderInitialMargin),
          ...crossBalance(a)
        })),
        positions: positions.map(({ i, p }) => ({
          ...Wire.position(i, p),
          unrealizedProfit: A(p.unrealizedPnl),
          isolatedMargin: "0",
          initialMargin: A(p.margin),
          maintMargin: "0",
          positionInitialMargin: A(p.margin),
          openOrderInitialMargin: "0",
          isolated: false,
          maxNotional: "50000000",
          bidNotional: "0",
          askNotional: "0"
        }))
      })
    })
  ),
  ...(["/fapi/v2/balance", "/fapi/v3/balance"] as const).map((path) =>
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Futures-Account-Balance-V2
    route("GET", path, "USER_DATA", [], 5, (ctx) =>
      Either.right(
        marginAccount(ctx.engine, ctx.key!.accountId, fundedAt).assets.map((a) => ({
          accountAlias: "SgsR",
          asset: a.asset,
          balance: A(a.walletBalance),
          ...crossBalance(a)
        }))
      ))
  ),
  ...(["/fapi/v2/positionRisk", "/fapi/v3/positionRisk"] as const).map((path) =>
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V2
    route("GET", path, "USER_DATA", ["symbol"], 5, (ctx) =>
      Either.gen(function*() {
        const one = yield* optionalSymbol(ctx.params, ctx.engine)
        const instruments = one === undefined ? ctx.engine.perpetuals : [one]
        return instruments
          .map((i) => ({ i, p: ctx.engine.position(ctx.key!.accountId, i.symbol)! }))
          .filter(({ p }) => path.startsWith("/fapi/v2") || !BigDecimal.isZero(p.size))
          .map(({ i, p }) => Wire.positionRisk(i, p))
      }))
  )
]
