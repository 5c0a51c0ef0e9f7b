/**
 * `POST /info`: market data and account state, by request `type`.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/spot
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import { format, zero } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Order } from "../../engine/Order.js"
import { isOpen } from "../../engine/Order.js"
import type { Candle, CandleInterval } from "../../engine/Statistics.js"
import { candles, rolling } from "../../engine/Statistics.js"
import type { HttpResponse } from "../../server/Dialect.js"
import { json } from "../../server/Dialect.js"
import { intervals } from "../kit/Intervals.js"
import type { Accounts } from "./accounts.js"
import type { AddressBudgets } from "./addressBudget.js"
import * as Errors from "./errors.js"
import type { Asset, Universe } from "./universe.js"
import { assetName, DOLLAR } from "./universe.js"
import { fillsOf } from "./userData.js"

/** Decimal as the venue writes it. */
export const num = (d: Decimal): string => format(d)

/**
 * Candle intervals the venue offers.
 * @since 0.1.0
 */
export const candleIntervals: Readonly<Record<string, CandleInterval>> = Object.fromEntries(
  intervals("1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w 1M")
)

/**
 * What the handlers need.
 * @since 0.1.0
 */
export interface InfoContext {
  readonly engine: Engine
  readonly universe: Universe
  readonly accounts: Accounts
  readonly now: number
  /** The address-based request budgets (`userRateLimit`). */
  readonly budgets?: AddressBudgets | undefined
}

type Body = Record<string, unknown>

const str = (body: Body, key: string): string | undefined => typeof body[key] === "string" ? body[key] : undefined
const int = (v: unknown): number | undefined => typeof v === "number" && Number.isSafeInteger(v) ? v : undefined

/** The mid of the book, else the reference price. */
export const midOf = (engine: Engine, symbol: string): Decimal | undefined => {
  const bid = engine.bestBid(symbol)
  const ask = engine.bestAsk(symbol)
  if (bid !== undefined && ask !== undefined) {
    return BigDecimal.unsafeDivide(BigDecimal.sum(bid.price, ask.price), BigDecimal.fromBigInt(2n))
  }
  return engine.referencePrice(symbol)
}

/**
 * The `l2Book` of a coin: up to 20 levels a side, `n` the number of orders at the level.
 * @since 0.1.0
 */
export const l2Book = (engine: Engine, asset: Asset, now: number) => {
  const symbol = asset.instrument.symbol
  const depth = engine.depth(symbol, 20)!
  const counts = new Map<string, number>()
  for (const o of engine.orders()) {
    if (o.symbol !== symbol || !isOpen(o) || o.price === undefined) continue
    const key = `${o.side}:${num(o.price)}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const side = (s: "buy" | "sell", levels: ReadonlyArray<readonly [Decimal, Decimal]>) =>
    levels.map(([p, q]) => ({ px: num(p), sz: num(q), n: counts.get(`${s}:${num(p)}`) ?? 1 }))
  return { coin: asset.coin, time: now, levels: [side("buy", depth.bids), side("sell", depth.asks)] }
}

/**
 * Trades as the `trades` channel and `recentTrades` write them: `side` is the taker's (`B` buy,
 * `A` sell).
 * @since 0.1.0
 */
export const wireTrade = (asset: Asset, t: {
  readonly tradeId: number
  readonly price: Decimal
  readonly quantity: Decimal
  readonly time: number
  readonly buyerIsMaker: boolean
}) => ({
  coin: asset.coin,
  side: t.buyerIsMaker ? "A" : "B",
  px: num(t.price),
  sz: num(t.quantity),
  time: t.time,
  hash: "0x" + t.tradeId.toString(16).padStart(64, "0"),
  tid: t.tradeId,
  users: ["0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000"]
})

/**
 * One candle as `candleSnapshot` and the `candle` channel write it.
 * @since 0.1.0
 */
export const wireCandle = (asset: Asset, interval: string, c: Candle) => ({
  t: c.openTime,
  T: c.closeTime,
  s: asset.coin,
  i: interval,
  o: num(c.open),
  c: num(c.close),
  h: num(c.high),
  l: num(c.low),
  v: num(c.volume),
  n: c.count
})

const meta = (u: Universe) => ({
  universe: u.perps.map((a) => ({ szDecimals: a.szDecimals, name: a.coin, maxLeverage: a.instrument.maxLeverage }))
})

const spotMeta = (u: Universe) => ({
  universe: u.spots.map((a) => ({
    tokens: [a.token!, 0],
    name: a.coin,
    index: a.id - 10_000,
    isCanonical: a.id === 10_000
  })),
  tokens: u.tokens.map((t, index) => ({
    name: t.name,
    szDecimals: t.szDecimals,
    weiDecimals: 8,
    index,
    tokenId: "0x" + index.toString(16).padStart(32, "0"),
    isCanonical: index === 0,
    evmContract: null,
    fullName: null
  }))
})

const perpCtx = (engine: Engine, a: Asset, now: number) => {
  const symbol = a.instrument.symbol
  const market = engine.perpMarket(symbol)!
  const stats = rolling(engine.trades(symbol), now)
  const bid = engine.bestBid(symbol)
  const ask = engine.bestAsk(symbol)
  const mid = midOf(engine, symbol)
  return {
    dayNtlVlm: num(stats.quoteVolume),
    funding: num(market.fundingRate),
    impactPxs: bid !== undefined && ask !== undefined ? [num(bid.price), num(ask.price)] : null,
    markPx: num(market.markPrice),
    midPx: mid === undefined ? null : num(mid),
    openInterest: num(openInterest(engine, symbol)),
    oraclePx: num(market.indexPrice),
    premium: num(
      BigDecimal.unsafeDivide(BigDecimal.subtract(market.markPrice, market.indexPrice), market.indexPrice)
    ),
    prevDayPx: num(stats.previousClose)
  }
}

const openInterest = (engine: Engine, symbol: string): Decimal => {
  let total = zero
  for (const accountId of engine.ledger.accounts.keys()) {
    const p = engine.position(accountId, symbol)
    if (p !== undefined) total = BigDecimal.sum(total, BigDecimal.abs(p.size))
  }
  return total
}

const spotCtx = (engine: Engine, a: Asset, now: number) => {
  const symbol = a.instrument.symbol
  const stats = rolling(engine.trades(symbol), now)
  const mid = midOf(engine, symbol)
  const mark = engine.referencePrice(symbol)!
  return {
    dayNtlVlm: num(stats.quoteVolume),
    markPx: num(mark),
    midPx: mid === undefined ? null : num(mid),
    prevDayPx: num(stats.previousClose),
    circulatingSupply: "1000000000",
    coin: a.coin,
    totalSupply: "1000000000",
    dayBaseVlm: num(stats.volume)
  }
}

/**
 * An order as `frontendOpenOrders` and `orderStatus` write it.
 * @since 0.1.0
 */
export const wireOrder = (u: Universe, o: Order, cloid: string | undefined) => {
  const asset = u.bySymbol(o.symbol)
  return {
    coin: asset?.coin ?? o.symbol,
    side: o.side === "buy" ? "B" : "A",
    limitPx: num(o.price ?? zero),
    sz: num(BigDecimal.subtract(o.quantity, o.executedQuantity)),
    oid: o.orderId,
    timestamp: o.createdAt,
    triggerCondition: "N/A",
    isTrigger: false,
    triggerPx: "0.0",
    children: [],
    isPositionTpsl: false,
    reduceOnly: o.reduceOnly,
    orderType: o.type === "market" ? "Market" : "Limit",
    origSz: num(o.quantity),
    tif: o.postOnly ? "Alo" : o.timeInForce === "IOC" ? "Ioc" : "Gtc",
    cloid: cloid ?? null
  }
}

/**
 * The venue's order status words.
 * @since 0.1.0
 */
export const orderStatusWord = (o: Order): string => {
  switch (o.status) {
    case "new":
    case "partially_filled":
      return "open"
    case "filled":
      return "filled"
    case "canceled":
      return "canceled"
    case "expired":
      // an IOC remainder: the venue reports an IOC that matched nothing as rejected
      return BigDecimal.isZero(o.executedQuantity) && o.timeInForce === "IOC" ? "iocCancelRejected" : "canceled"
  }
}

/**
 * `clearinghouseState` of an account (also the websocket subscription's payload).
 * @since 0.1.0
 */
export const clearinghouseState = (ctx: InfoContext, accountId: string) => {
  const { engine, universe } = ctx
  const usd = engine.balances(accountId).find((b) => b.asset === DOLLAR)
  const free = usd?.free ?? zero
  const locked = usd?.locked ?? zero
  let unrealized = zero
  let notional = zero
  let marginUsed = zero
  const assetPositions = []
  for (const a of universe.perps) {
    const p = engine.position(accountId, a.instrument.symbol)
    if (p === undefined || BigDecimal.isZero(p.size)) continue
    unrealized = BigDecimal.sum(unrealized, p.unrealizedPnl)
    notional = BigDecimal.sum(notional, p.notional)
    marginUsed = BigDecimal.sum(marginUsed, p.margin)
    assetPositions.push({
      type: "oneWay",
      position: {
        coin: a.coin,
        szi: num(p.size),
        leverage: { type: "cross", value: p.leverage },
        entryPx: num(p.entryPrice),
        positionValue: num(p.notional),
        unrealizedPnl: num(p.unrealizedPnl),
        returnOnEquity: BigDecimal.isZero(p.margin) ? "0" : num(
          BigDecimal.round(BigDecimal.unsafeDivide(p.unrealizedPnl, p.margin), { scale: 8 })
        ),
        liquidationPx: null,
        marginUsed: num(p.margin),
        maxLeverage: a.instrument.maxLeverage,
        cumFunding: {
          allTime: num(BigDecimal.negate(p.funding)),
          sinceOpen: num(BigDecimal.negate(p.funding)),
          sinceChange: "0"
        }
      }
    })
  }
  const total = BigDecimal.sum(free, locked)
  const accountValue = BigDecimal.sum(total, unrealized)
  const summary = {
    accountValue: num(accountValue),
    totalNtlPos: num(notional),
    totalRawUsd: num(total),
    totalMarginUsed: num(marginUsed)
  }
  return {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: num(BigDecimal.unsafeDivide(marginUsed, BigDecimal.fromBigInt(2n))),
    withdrawable: num(free),
    assetPositions,
    time: ctx.now
  }
}

const spotClearinghouseState = (ctx: InfoContext, accountId: string) => ({
  balances: ctx.engine.balances(accountId).map((b) => {
    const name = assetName(b.asset)
    const token = ctx.universe.tokens.findIndex((t) => t.engineAsset === b.asset)
    return {
      coin: name,
      token: token < 0 ? null : token,
      total: num(BigDecimal.sum(b.free, b.locked)),
      hold: num(b.locked),
      entryNtl: "0.0"
    }
  })
})

/**
 * Answers one `/info` request.
 * @since 0.1.0
 */
export const handle = (ctx: InfoContext, body: Body): HttpResponse => {
  const { accounts, engine, now, universe } = ctx
  const coinOf = () => {
    const coin = str(body, "coin")
    return coin === undefined ? undefined : universe.byCoin(coin)
  }
  const userOf = () => {
    const user = str(body, "user")
    return user === undefined ? undefined : user.toLowerCase()
  }
  /** The answer about the request's `user` (422 without one), given its account if it has one. */
  const forUser = (answer: (user: string, accountId: string | undefined) => unknown): HttpResponse => {
    const user = userOf()
    return user === undefined ? Errors.unprocessable : json(200, answer(user, accounts.accountOf(user)))
  }
  switch (body.type) {
    case "meta":
      return json(200, meta(universe))
    case "spotMeta":
      return json(200, spotMeta(universe))
    case "metaAndAssetCtxs":
      return json(200, [meta(universe), universe.perps.map((a) => perpCtx(engine, a, now))])
    case "spotMetaAndAssetCtxs":
      return json(200, [spotMeta(universe), universe.spots.map((a) => spotCtx(engine, a, now))])
    case "allMids": {
      const mids: Record<string, string> = {}
      for (const a of [...universe.perps, ...universe.spots]) {
        const mid = midOf(engine, a.instrument.symbol)
        if (mid !== undefined) mids[a.coin] = num(mid)
      }
      return json(200, mids)
    }
    case "l2Book": {
      const asset = coinOf()
      return asset === undefined ? json(200, null) : json(200, l2Book(engine, asset, now))
    }
    case "recentTrades": {
      const asset = coinOf()
      if (asset === undefined) return json(200, null)
      const trades = engine.trades(asset.instrument.symbol)
      return json(200, trades.slice(-10).reverse().map((t) => wireTrade(asset, t)))
    }
    case "candleSnapshot": {
      const req = body.req
      if (typeof req !== "object" || req === null) return Errors.unprocessable
      const r = req as Body
      const coin = str(r, "coin")
      const interval = str(r, "interval")
      const startTime = int(r.startTime)
      const endTime = r.endTime === undefined || r.endTime === null ? undefined : int(r.endTime)
      if (coin === undefined || interval === undefined || startTime === undefined) return Errors.unprocessable
      const asset = universe.byCoin(coin)
      const spec = candleIntervals[interval]
      if (spec === undefined) return Errors.unprocessable
      if (asset === undefined) return json(200, [])
      const list = candles(engine.trades(asset.instrument.symbol), spec, { now, limit: 5000, startTime, endTime })
      return json(
        200,
        list.filter((c) => endTime === undefined || c.openTime <= endTime).map((c) => wireCandle(asset, interval, c))
      )
    }
    case "fundingHistory": {
      const asset = coinOf()
      const startTime = int(body.startTime)
      if (startTime === undefined) return Errors.unprocessable
      if (asset === undefined || asset.kind !== "perp") return json(200, [])
      const endTime = int(body.endTime) ?? now
      return json(
        200,
        engine.fundingHistory(asset.instrument.symbol)
          .filter((f) => f.fundingTime >= startTime && f.fundingTime <= endTime)
          .slice(0, 500)
          .map((f) => ({ coin: asset.coin, fundingRate: num(f.rate), premium: "0", time: f.fundingTime }))
      )
    }
    case "openOrders":
    case "frontendOpenOrders": {
      return forUser((_, accountId) =>
        [...(accountId === undefined ? [] : engine.openOrders(accountId))].reverse().map((o) => {
          const w = wireOrder(universe, o, accounts.cloidOf(o))
          return body.type === "openOrders"
            ? {
              coin: w.coin,
              limitPx: w.limitPx,
              oid: w.oid,
              side: w.side,
              sz: w.sz,
              timestamp: w.timestamp,
              ...(w.cloid === null ? {} : { cloid: w.cloid })
            }
            : w
        })
      )
    }
    case "historicalOrders": {
      // every order of the user, newest first, in its latest state (the venue: at most 2,000)
      const user = userOf()
      const accountId = user === undefined ? undefined : accounts.accountOf(user)
      if (user === undefined) return Errors.unprocessable
      const history = accountId === undefined ? [] : engine.orders(accountId).slice(-2000).reverse()
      const entry = (o: Order) => ({
        order: wireOrder(universe, o, accounts.cloidOf(o)),
        status: orderStatusWord(o),
        statusTimestamp: o.updatedAt
      })
      return json(200, history.map(entry))
    }
    case "orderStatus": {
      const user = userOf()
      const oid = body.oid
      if (user === undefined || (typeof oid !== "number" && typeof oid !== "string")) return Errors.unprocessable
      const accountId = accounts.accountOf(user)
      const order = accountId === undefined ? undefined : accounts.findOrder(accountId, oid)
      if (order === undefined) return json(200, { status: "unknownOid" })
      return json(200, {
        status: "order",
        order: {
          order: wireOrder(universe, order, accounts.cloidOf(order)),
          status: orderStatusWord(order),
          statusTimestamp: order.updatedAt
        }
      })
    }
    case "userFills":
    case "userFillsByTime": {
      const user = userOf()
      const startTime = int(body.startTime)
      if (user === undefined || (body.type === "userFillsByTime" && startTime === undefined)) {
        return Errors.unprocessable
      }
      const accountId = accounts.accountOf(user)
      const range = startTime === undefined ? undefined : { startTime, endTime: int(body.endTime) }
      return json(200, accountId === undefined ? [] : fillsOf(ctx, accountId, range))
    }
    case "userRateLimit": {
      const user = userOf()
      if (user === undefined) return Errors.unprocessable
      if (ctx.budgets === undefined) return Errors.unprocessable
      return json(200, ctx.budgets.status(accounts.accountOf(user)))
    }
    case "clearinghouseState": {
      return forUser((_, accountId) =>
        accountId === undefined ? emptyClearinghouse(now) : clearinghouseState(ctx, accountId)
      )
    }
    case "spotClearinghouseState": {
      return forUser((_, accountId) =>
        accountId === undefined ? { balances: [] } : spotClearinghouseState(ctx, accountId)
      )
    }
    case "userRole": {
      return forUser((user) => accounts.role(user))
    }
    case "extraAgents": {
      return forUser((user) => accounts.agentsOf(user))
    }
    default:
      return Errors.unprocessable
  }
}

const emptyClearinghouse = (now: number) => {
  const summary = { accountValue: "0.0", totalNtlPos: "0.0", totalRawUsd: "0.0", totalMarginUsed: "0.0" }
  return {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: "0.0",
    withdrawable: "0.0",
    assetPositions: [],
    time: now
  }
}
