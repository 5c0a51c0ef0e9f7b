/**
 * Hyperliquid's account stream: no login — the `/ws` websocket's user subscriptions name the
 * account's address (the vault's when one is set): `orderUpdates` (every change of an order),
 * `userFills` (the first frame, `isSnapshot: true`, repeats recent history and is skipped: the
 * kernel's reconciliation reads what was missed), `userEvents` (channel `user`: fills, funding,
 * liquidations, cancels not made by the user) and `clearinghouseState` (perp positions and
 * margin). The connection is opened only once the key is known to act for the account (`userRole`),
 * so wrong credentials fail the stream with `AuthenticationFailed`.
 *
 * Fills: `tid` is the trade id, `crossed` means taker, `fee` (negative: rebate) is in `feeToken`.
 * A fill after which a perpetual's position is flat (`startPosition` ± `sz` = 0) also says so as a
 * flat position (`clearinghouseState` lists only open positions). Spot balances have no documented
 * websocket feed: after a fill, a spot order's change, a funding payment or a liquidation the
 * kernel reads the balances from `/info`. Reconciliation reads fills with `userFillsByTime` (at
 * most 2,000 a page) and orders with `frontendOpenOrders`, `historicalOrders` (orders finished
 * while the stream was down) and `orderStatus`.
 *
 * Checked against the official documentation on 2026-12-06:
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/timeouts-and-heartbeats
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#retrieve-a-users-fills-by-time
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { TradingError } from "../../Exchange.js"
import { describeParseError } from "../../kernel/RestClient.js"
import type { UserEvent, UserFrame } from "../../kernel/UserStream.js"
import type { UserStreamOps, VenueApi } from "../../kernel/VenueAdapter.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market, Markets } from "../../model/Market.js"
import type { Fill, Order } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import * as Convert from "./convert.js"
import * as Endpoints from "./endpoints.js"
import type { HyperliquidCredentials } from "./signing.js"
import * as Wire from "./wire.js"

/**
 * The subscriptions of one connection, for the account's address.
 * @since 0.1.0
 */
export const subscriptions = (user: string): ReadonlyArray<string> =>
  ["orderUpdates", "userFills", "userEvents", "clearinghouseState"].map((type) =>
    JSON.stringify({ method: "subscribe", subscription: { type, user } })
  )

/**
 * A fill of the account, unified: maker unless it `crossed`.
 * @since 0.1.0
 */
export const toFill = (m: Market, f: Wire.UserFill): Fill => ({
  id: f.tid,
  orderId: f.oid,
  ...(typeof f.cloid === "string" ? { clientOrderId: f.cloid } : {}),
  symbol: m.unified,
  venueSymbol: m.symbol,
  side: f.side === "B" ? "buy" : "sell",
  price: f.px,
  quantity: f.sz,
  fee: f.fee,
  feeAsset: f.feeToken,
  maker: !f.crossed,
  timestamp: f.time
})

/** The flat position a perpetual's fill leaves, if it leaves one. */
const flatAfter = (m: Market, f: Wire.UserFill): Position | undefined => {
  if (m.type !== "perp" || f.startPosition === undefined) return undefined
  const after = BigDecimal.sum(f.startPosition, f.side === "B" ? f.sz : BigDecimal.negate(f.sz))
  return BigDecimal.isZero(after)
    ? {
      symbol: m.unified,
      venueSymbol: m.symbol,
      side: "long",
      size: Decimal.zero,
      entryPrice: Decimal.zero,
      timestamp: f.time
    }
    : undefined
}

/**
 * Fills as events; `reread`: the balances are read again after them (once per fill frame: the
 * same fills also arrive on `userEvents`, which does not ask again).
 */
const fillEvents = (
  markets: Markets,
  fills: ReadonlyArray<Wire.UserFill>,
  reread: boolean
): ReadonlyArray<UserEvent> => {
  const events: Array<UserEvent> = []
  for (const f of fills) {
    const m = markets.byVenueSymbol(f.coin)
    if (m === undefined) continue
    events.push({ _tag: "Fill", fill: toFill(m, f) })
    const flat = flatAfter(m, f)
    if (flat !== undefined) events.push({ _tag: "Position", position: flat })
  }
  if (reread && events.length > 0) events.push({ _tag: "BalancesChanged" })
  return events
}

const decodeOrders = Schema.decodeUnknownEither(Schema.Array(Wire.WsOrder))
const decodeFills = Schema.decodeUnknownEither(Wire.WsUserFills)
const decodeUserEvent = Schema.decodeUnknownEither(Wire.WsUserEvent)
const decodeState = Schema.decodeUnknownEither(Wire.WsClearinghouseState)

const failure = (channel: string, e: Parameters<typeof describeParseError>[0]) => {
  const { detail, path } = describeParseError(e)
  return decodeFailure(`${channel} ${path}: ${detail}`)
}

/**
 * The perp account's margin as a balance (`USDC:perp`, as `balances` lists it) and its positions.
 * @since 0.1.0
 */
export const fromClearinghouse = (markets: Markets, state: Wire.ClearinghouseState): ReadonlyArray<UserEvent> => {
  const value = state.marginSummary.accountValue
  const events: Array<UserEvent> = [{
    _tag: "Balances",
    complete: false,
    balances: [{
      asset: `${Convert.USDC}:perp`,
      free: state.withdrawable,
      locked: BigDecimal.max(Decimal.zero, BigDecimal.subtract(value, state.withdrawable)),
      total: value
    }]
  }]
  for (const { position } of state.assetPositions) {
    const m = markets.byVenueSymbol(position.coin, "perp")
    if (m !== undefined) events.push({ _tag: "Position", position: Convert.toPosition(m, position, state.time) })
  }
  return events
}

/**
 * One frame of the connection → what it means. Frames of the public channels sharing `/ws` are
 * not sent on this connection; any other channel is a control frame.
 * @since 0.1.0
 */
export const decode = (frame: unknown, markets: Markets): UserFrame => {
  if (typeof frame !== "object" || frame === null) return decodeFailure("not an object")
  const { channel, data } = frame as { channel?: unknown; data?: unknown }
  switch (channel) {
    case "orderUpdates": {
      const r = decodeOrders(data)
      if (Either.isLeft(r)) return failure(channel, r.left)
      const events: Array<UserEvent> = []
      let spot = false
      for (const u of r.right) {
        const m = markets.byVenueSymbol(u.order.coin)
        if (m !== undefined) {
          events.push({ _tag: "Order", order: Convert.toOrder(m, u.order, u.status, u.statusTimestamp) })
          spot ||= m.type === "spot"
        }
      }
      // a spot order holds (or releases) balance; perp margin comes with `clearinghouseState`
      if (spot) events.push({ _tag: "BalancesChanged" })
      return { _tag: "Events", events }
    }
    case "userFills": {
      const r = decodeFills(data)
      if (Either.isLeft(r)) return failure(channel, r.left)
      if (r.right.isSnapshot === true) return { _tag: "Control" }
      return { _tag: "Events", events: fillEvents(markets, r.right.fills, true) }
    }
    case "user": {
      // TWAP events and whatever the venue adds later carry nothing this stream reports
      const known = typeof data === "object" && data !== null &&
        ["fills", "funding", "liquidation", "nonUserCancel"].some((k) => k in data)
      if (!known) return { _tag: "Control" }
      const r = decodeUserEvent(data)
      if (Either.isLeft(r)) return failure(channel, r.left)
      const e = r.right
      if ("fills" in e) return { _tag: "Events", events: fillEvents(markets, e.fills, false) }
      if ("nonUserCancel" in e) return { _tag: "Control" }
      return { _tag: "Events", events: [{ _tag: "BalancesChanged" }] }
    }
    case "clearinghouseState": {
      const r = decodeState(data)
      if (Either.isLeft(r)) return failure(channel, r.left)
      return { _tag: "Events", events: fromClearinghouse(markets, r.right.clearinghouseState) }
    }
    case "error":
      return decodeFailure(`the venue answered an error: ${String(data).slice(0, 200)}`)
    default:
      return { _tag: "Control" }
  }
}

const PAGE = 2000

/**
 * The account's fills since `since`, oldest first: `userFillsByTime` pages of at most 2,000.
 * @since 0.1.0
 */
export const fillsSince = <S>(api: VenueApi<S>, user: string, markets: Markets, since: number) =>
  Effect.gen(function*() {
    const seen = new Map<string, Fill>()
    let start = since
    for (let page = 0; page < 10; page++) {
      const list = yield* api.rest.request(Endpoints.userFillsByTime, {
        body: { _tag: "json", value: Endpoints.requests.userFillsByTime(user, start) }
      })
      let latest = start
      for (const f of list) {
        const m = markets.byVenueSymbol(f.coin)
        if (m !== undefined) seen.set(`${m.unified}:${f.tid}`, toFill(m, f))
        latest = Math.max(latest, f.time)
      }
      if (list.length < PAGE || latest === start) break
      start = latest
    }
    return [...seen.values()].sort((a, b) => a.timestamp - b.timestamp)
  })

/**
 * The account's orders changed since `since`, in their latest state: `historicalOrders` (the 2,000
 * most recent), by status time.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#retrieve-a-users-historical-orders
 * @since 0.1.0
 */
export const ordersSince = <S>(api: VenueApi<S>, user: string, markets: Markets, since: number) =>
  Effect.map(
    api.rest.request(Endpoints.historicalOrders, {
      body: { _tag: "json", value: Endpoints.requests.historicalOrders(user) }
    }),
    (list): ReadonlyArray<Order> => {
      const out: Array<Order> = []
      for (const h of list) {
        const m = h.statusTimestamp >= since ? markets.byVenueSymbol(h.order.coin) : undefined
        if (m !== undefined) out.push(Convert.toOrder(m, h.order, h.status, h.statusTimestamp))
      }
      return out.sort((a, b) => (a.updatedAt ?? 0) - (b.updatedAt ?? 0))
    }
  )

/**
 * The adapter's user streams, given how the connector finds the account's address (after
 * checking the key acts for it).
 * @since 0.1.0
 */
export const make = <S>(
  accountOf: (api: VenueApi<S>) => Effect.Effect<string, TradingError>
): UserStreamOps<HyperliquidCredentials, S> => ({
  open: (api, { baseUrl }) =>
    Effect.map(accountOf(api), (user) => ({
      url: `${baseUrl.replace(/\/+$/, "")}/ws`,
      login: [],
      subscribe: subscriptions(user)
    })),
  decode: (frame, markets) => decode(frame, markets),
  fillsSince: (api, markets, since) => Effect.flatMap(accountOf(api), (user) => fillsSince(api, user, markets, since)),
  ordersSince: (api, markets, since) =>
    Effect.flatMap(accountOf(api), (user) => ordersSince(api, user, markets, since)),
  heartbeat: () => JSON.stringify({ method: "ping" })
})
