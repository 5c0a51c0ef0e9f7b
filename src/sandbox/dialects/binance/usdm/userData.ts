/**
 * Binance USDⓈ-M's user data stream: listen keys (`POST/PUT/DELETE /fapi/v1/listenKey`, API key
 * only, 60 minutes each, one per account; POST returns the active key, extended) and the stream at
 * `/ws/<listenKey>`: `ORDER_TRADE_UPDATE`, `ACCOUNT_UPDATE` (wallet balance and position) before
 * the update of a fill, `listenKeyExpired` when the key runs out or the `listenKeyExpiry` fault
 * fires; `LIST_SUBSCRIPTIONS` is answered. `GET /fapi/v1/userTrades` serves the reconciliation
 * (`startTime` alone: 7 days from it; neither: the last 7 days).
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Connect
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Start-User-Data-Stream
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Balance-and-Position-Update
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-User-Data-Stream-Expired
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Account-Trade-List
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { format as num, zero } from "../../../../model/Decimal.js"
import type { Engine } from "../../../engine/Engine.js"
import type { PerpInstrument } from "../../../engine/Instrument.js"
import type { Fill } from "../../../engine/Order.js"
import type { Random } from "../../../engine/Random.js"
import { averagePrice } from "../../kit/Orders.js"
import * as P from "../params.js"
import type { RouteContext } from "../Route.js"
import { accountOf, route } from "../Route.js"
import type { Execution, MakeUserData } from "../userData.js"
import { onExecution } from "../userData.js"
import { orderStatus, side } from "../wire.js"
import { error as usdmError } from "./errors.js"
import { symbol } from "./marketData.js"

const VALIDITY_MS = 60 * 60_000
const WEEK_MS = 7 * 24 * 3_600_000
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** A USDⓈ-M `ORDER_TRADE_UPDATE`. @since 0.1.0 */
export const orderTradeUpdate = (i: PerpInstrument, { fill, order: o, x }: Execution, now: number) => {
  const avg = averagePrice(o)
  return {
    e: "ORDER_TRADE_UPDATE",
    E: now,
    T: fill?.time ?? o.updatedAt,
    o: {
      s: i.nativeSymbol,
      c: o.clientOrderId,
      S: side(o.side),
      o: o.type === "market" ? "MARKET" : "LIMIT",
      f: o.postOnly ? "GTX" : o.timeInForce,
      q: num(o.quantity),
      p: o.price === undefined ? "0" : num(o.price),
      ap: avg === undefined ? "0" : num(avg),
      sp: "0",
      x,
      X: orderStatus(o.status),
      i: o.orderId,
      l: fill === undefined ? "0" : num(fill.quantity),
      z: num(o.executedQuantity),
      L: fill === undefined ? "0" : num(fill.price),
      ...(fill === undefined ? {} : { N: fill.commissionAsset, n: num(fill.commission) }),
      T: fill?.time ?? o.updatedAt,
      t: fill?.tradeId ?? 0,
      b: "0",
      a: "0",
      m: fill?.maker ?? false,
      R: o.reduceOnly,
      wt: "CONTRACT_PRICE",
      ot: o.type === "market" ? "MARKET" : "LIMIT",
      ps: "BOTH",
      cp: false,
      rp: "0",
      pP: false,
      si: 0,
      ss: 0,
      V: "EXPIRE_MAKER",
      pm: "NONE",
      gtd: 0
    }
  }
}

/** A USDⓈ-M `ACCOUNT_UPDATE` for one perpetual: its settle asset's wallet balance and the position. @since 0.1.0 */
export const accountUpdate = (engine: Engine, accountId: string, i: PerpInstrument, now: number) => {
  const b = engine.balances(accountId).find((x) => x.asset === i.settle)
  const wb = b === undefined ? zero : BigDecimal.sum(b.free, b.locked)
  const p = engine.position(accountId, i.symbol)
  return {
    e: "ACCOUNT_UPDATE",
    E: now,
    T: now,
    a: {
      m: "ORDER",
      B: [{ a: i.settle, wb: num(wb), cw: num(wb), bc: "0" }],
      P: p === undefined ? [] : [{
        s: i.nativeSymbol,
        pa: num(p.size),
        ep: num(p.entryPrice),
        bep: num(p.entryPrice),
        cr: num(p.realizedPnl),
        up: num(p.unrealizedPnl),
        mt: "cross",
        iw: "0",
        ps: "BOTH"
      }]
    }
  }
}

/**
 * The listen keys of one dialect: one per account, valid 60 minutes from creation or the last
 * keep-alive.
 * @since 0.1.0
 */
export class ListenKeys {
  private readonly byKey = new Map<string, { accountId: string; validUntil: number }>()
  constructor(private readonly random: Random, private readonly now: () => number) {}

  /** The account's active key, extended, or a new one. */
  create(accountId: string): string {
    const active = this.keepAlive(accountId)
    if (active !== undefined) return active
    const key = this.random.string(64, KEY_ALPHABET)
    this.byKey.set(key, { accountId, validUntil: this.now() + VALIDITY_MS })
    return key
  }

  /** Extends the account's active key; `undefined` when it has none. */
  keepAlive(accountId: string): string | undefined {
    const now = this.now()
    for (const [key, k] of this.byKey) {
      if (k.accountId === accountId && k.validUntil > now) {
        k.validUntil = now + VALIDITY_MS
        return key
      }
    }
    return undefined
  }

  close(accountId: string): void {
    for (const [key, k] of this.byKey) if (k.accountId === accountId) this.byKey.delete(key)
  }

  /** The account of a valid key. */
  account(key: string): string | undefined {
    const k = this.byKey.get(key)
    return k !== undefined && k.validUntil > this.now() ? k.accountId : undefined
  }

  /** Fault: the key expires now. */
  expire(key: string): void {
    const k = this.byKey.get(key)
    if (k !== undefined) k.validUntil = this.now()
  }
}

/** A fill as `userTrades` lists it. */
const accountTrade = (i: PerpInstrument, f: Fill) => ({
  buyer: f.side === "buy",
  commission: num(f.commission),
  commissionAsset: f.commissionAsset,
  id: f.tradeId,
  maker: f.maker,
  orderId: f.orderId,
  price: num(f.price),
  qty: num(f.quantity),
  quoteQty: num(f.quote),
  realizedPnl: "0",
  side: side(f.side),
  positionSide: "BOTH",
  symbol: i.nativeSymbol,
  time: f.time
})

/** `GET /fapi/v1/userTrades`: the account's fills of a symbol in the 7 days from `startTime` (else the last 7 days). */
const userTrades = (ctx: RouteContext) =>
  Either.gen(function*() {
    const i = yield* symbol(ctx.params, ctx.engine)
    const from = (yield* P.optionalInteger(ctx.params, "startTime")) ?? ctx.now - WEEK_MS
    const n = yield* P.limit(ctx.params, 500, 1000)
    const fills = ctx.engine.fills(accountOf(ctx), i.symbol).filter((f) => f.time >= from && f.time < from + WEEK_MS)
    return fills.slice(0, n).map((f) => accountTrade(i, f))
  })

/** The listen-key routes, `userTrades`, and the `/ws/<listenKey>` streams. @since 0.1.0 */
export const userData: MakeUserData = ({ engine, faults, random, timers, venue }) => {
  const listenKeys = new ListenKeys(random, engine.now)
  return {
    routes: [
      route(
        "POST",
        "/fapi/v1/listenKey",
        "USER_STREAM",
        [],
        1,
        (ctx) => Either.right({ listenKey: listenKeys.create(accountOf(ctx)) })
      ),
      route("PUT", "/fapi/v1/listenKey", "USER_STREAM", [], 1, (ctx) => {
        const listenKey = listenKeys.keepAlive(accountOf(ctx))
        return listenKey === undefined ? Either.left(usdmError("INVALID_LISTEN_KEY")) : Either.right({ listenKey })
      }),
      route("DELETE", "/fapi/v1/listenKey", "USER_STREAM", [], 1, (ctx) => {
        listenKeys.close(accountOf(ctx))
        return Either.right({})
      }),
      route("GET", "/fapi/v1/userTrades", "USER_DATA", ["symbol", "startTime", "limit"], 5, userTrades)
    ],
    connect: (connection) => {
      const listenKey = /^\/ws\/([A-Za-z0-9]{64})$/.exec(connection.path)?.[1]
      if (listenKey === undefined) return false
      const accountId = listenKeys.account(listenKey)
      if (accountId === undefined) {
        connection.close(1008, "invalid listen key")
        return true
      }
      const send = (m: unknown) => connection.send(JSON.stringify(m))
      connection.onMessage((text) => {
        try {
          const m = JSON.parse(text) as { method?: unknown; id?: unknown }
          if (m.method === "LIST_SUBSCRIPTIONS") send({ result: [], id: m.id })
        } catch {
          // not a request: ignored, as Binance does
        }
      })
      connection.own(onExecution(engine, accountId, "perp", (r) => {
        const i = engine.instrument(r.order.symbol) as PerpInstrument
        const now = timers.now()
        if (r.fill !== undefined) send(accountUpdate(engine, accountId, i, now))
        send(orderTradeUpdate(i, r, now))
      }))
      connection.own(timers.every(100, () => {
        if (faults.take(["listenKeyExpiry"], { venue, path: connection.path }) !== undefined) {
          listenKeys.expire(listenKey)
        }
        if (listenKeys.account(listenKey) === undefined) {
          send({ e: "listenKeyExpired", E: timers.now(), listenKey })
          connection.close(1000, "listen key expired")
        }
      }))
      return true
    }
  }
}
