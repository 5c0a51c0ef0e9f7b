/**
 * The websocket's user subscriptions, by address (no login: anyone may read any address, as on the
 * venue), generated from the engine's order, fill, balance and position changes:
 *
 * - `orderUpdates` → channel `orderUpdates`, `WsOrder[]`: every change of the user's orders.
 * - `userFills` → channel `userFills`, `WsUserFills`: first `{isSnapshot: true, user, fills}` (the
 *   user's recent fills, newest first), then `{user, fills: [one]}` per fill.
 * - `userEvents` → channel `user`, `WsUserEvent`: `{fills: [WsFill]}` per fill and
 *   `{nonUserCancel: [{coin, oid}]}` when an order is canceled other than by the user's own
 *   cancel action. (Funding payments and liquidations are not generated: the engine publishes
 *   neither per account.)
 * - `clearinghouseState` → channel `clearinghouseState`, `{dex: "", user, clearinghouseState}`: on
 *   subscribe, then after every change of the user's orders or fills.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Engine } from "../../engine/Engine.js"
import type { Accounts } from "./accounts.js"
import { clearinghouseState } from "./info.js"
import type { Universe } from "./universe.js"
import { fillsOf, startPositions, wireFill, wireOrderUpdate } from "./userData.js"

/**
 * The user subscription types.
 * @since 0.1.0
 */
export const userTypes = new Set(["orderUpdates", "userFills", "userEvents", "clearinghouseState"])

/**
 * One user subscription.
 * @since 0.1.0
 */
export interface UserSubscription {
  readonly type: "orderUpdates" | "userFills" | "userEvents" | "clearinghouseState"
  readonly user: string
}

const ADDRESS = /^0x[0-9a-f]{40}$/

/**
 * A user subscription from its request, or why it is invalid.
 * @since 0.1.0
 */
export const parseUserSubscription = (s: Record<string, unknown>): UserSubscription | undefined => {
  if (typeof s.type !== "string" || !userTypes.has(s.type) || typeof s.user !== "string") return undefined
  const user = s.user.toLowerCase()
  if (!ADDRESS.test(user)) return undefined
  return { type: s.type as UserSubscription["type"], user }
}

/**
 * The user subscriptions of one connection.
 * @since 0.1.0
 */
export const userFeeds = (
  ctx: {
    readonly engine: Engine
    readonly universe: Universe
    readonly accounts: Accounts
    readonly now: () => number
  },
  send: (channel: string, data: unknown) => void
) => {
  const { accounts, engine, universe } = ctx
  const subs = new Map<string, UserSubscription>()
  const lastState = new Map<string, string>()
  const lastOrder = new Map<number, string>()
  const keyOf = (s: UserSubscription) => `${s.type}:${s.user}`
  const wants = (type: UserSubscription["type"], accountId: string) =>
    [...subs.values()].filter((s) => s.type === type && accounts.accountOf(s.user) === accountId)

  const pushState = (s: UserSubscription, force: boolean) => {
    const accountId = accounts.accountOf(s.user)
    const state = accountId === undefined
      ? undefined
      : clearinghouseState({ engine, universe, accounts, now: ctx.now() }, accountId)
    const { time: _time, ...rest } = state ?? { time: 0 }
    const fingerprint = JSON.stringify(rest)
    if (!force && lastState.get(s.user) === fingerprint) return
    lastState.set(s.user, fingerprint)
    send("clearinghouseState", { dex: "", user: s.user, clearinghouseState: state ?? null })
  }

  const stop = engine.subscribe((event) => {
    if (subs.size === 0) return
    if (event._tag === "AccountFill") {
      const f = event.fill
      const [start] = startPositions(engine, f.accountId, [f])
      const fill = wireFill(universe, f, start!)
      for (const s of wants("userFills", f.accountId)) send("userFills", { user: s.user, fills: [fill] })
      if (wants("userEvents", f.accountId).length > 0) send("user", { fills: [fill] })
      for (const s of wants("clearinghouseState", f.accountId)) pushState(s, false)
      return
    }
    if (event._tag !== "OrderUpdated") return
    const o = event.order
    if (![...subs.values()].some((x) => accounts.accountOf(x.user) === o.accountId)) return
    // the engine may tell one change twice (the fill, then the final status): told once
    const update = wireOrderUpdate(universe, accounts, o)
    const said = `${update.status}:${update.order.sz}`
    if (lastOrder.get(o.orderId) === said) return
    lastOrder.set(o.orderId, said)
    if (wants("orderUpdates", o.accountId).length > 0) send("orderUpdates", [update])
    const byUser = accounts.canceledByUser(o.orderId)
    const ioc = o.timeInForce === "IOC" && BigDecimal.isZero(o.executedQuantity)
    if (o.status === "canceled" && !byUser && !ioc && wants("userEvents", o.accountId).length > 0) {
      send("user", { nonUserCancel: [{ coin: universe.bySymbol(o.symbol)?.coin ?? o.symbol, oid: o.orderId }] })
    }
    for (const s of wants("clearinghouseState", o.accountId)) pushState(s, false)
  })

  return {
    /** Subscribes; `false` when already subscribed. Sends the initial data after the ack. */
    subscribe: (s: UserSubscription, ack: () => void): boolean => {
      if (subs.has(keyOf(s))) return false
      subs.set(keyOf(s), s)
      ack()
      if (s.type === "userFills") {
        const accountId = accounts.accountOf(s.user)
        const fills = accountId === undefined ? [] : fillsOf({ engine, universe }, accountId)
        send("userFills", { isSnapshot: true, user: s.user, fills })
      }
      if (s.type === "clearinghouseState") pushState(s, true)
      return true
    },
    unsubscribe: (s: UserSubscription): boolean => subs.delete(keyOf(s)),
    stop
  }
}
