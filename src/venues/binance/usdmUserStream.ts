/**
 * Binance USDⓈ-M private stream: the listen-key user data stream. `POST /fapi/v1/listenKey`
 * (API key only) creates the key (or returns the active one, extended) and the stream is read at
 * `<ws base>/ws/<listenKey>`; `PUT /fapi/v1/listenKey` keeps it valid (60 minutes each time; sent
 * every 30 minutes); a connection lives at most 24 hours (reconnected after 23 h 30 min). Events:
 * `ORDER_TRADE_UPDATE` (the order, and a fill when the execution type is `TRADE`),
 * `ACCOUNT_UPDATE` (positions; its wallet balances carry no available amount, so balances are read
 * again from REST), `listenKeyExpired` (reconnect with a new key). Reconciliation reads fills from
 * `GET /fapi/v1/userTrades` and orders from `GET /fapi/v1/allOrders`, per symbol the account touched.
 *
 * Checked against the official documentation on 2026-12-06:
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Connect
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Start-User-Data-Stream
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Keepalive-User-Data-Stream
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Balance-and-Position-Update
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-User-Data-Stream-Expired
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Account-Trade-List
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/All-Orders
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { endpoint } from "../../kernel/Endpoints.js"
import type { UserEvent, UserFrame } from "../../kernel/UserStream.js"
import type { UserStreamOps } from "../../kernel/VenueAdapter.js"
import { parseFailure } from "../../kernel/WireDecode.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import { Decimal } from "../../model/Decimal.js"
import * as D from "../../model/Decimal.js"
import { type Market, type Markets, symbolsOf } from "../../model/Market.js"
import { lastChange, type Order } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import { usdmOrder } from "./orders.js"
import type { BinanceCredentials } from "./signing.js"
import * as Shared from "./userStream.js"
import * as Wire from "./wire.js"

const ListenKey = Schema.Struct({ listenKey: Schema.String })

/**
 * The listen-key endpoints (`USER_STREAM`: API key header, no signature) and the trade list.
 * @since 0.1.0
 */
export const Endpoints = {
  startStream: endpoint("POST", "/fapi/v1/listenKey", ListenKey, { signed: true, apiKeyOnly: true }),
  keepAlive: endpoint("PUT", "/fapi/v1/listenKey", Schema.Struct({ listenKey: Schema.optional(Schema.String) }), {
    signed: true,
    apiKeyOnly: true,
    idempotent: true
  }),
  /**
   * The symbol's orders in any state, from `startTime` (weight 5; the period at most 7 days; limit
   * up to 1000).
   * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/All-Orders
   */
  allOrders: endpoint("GET", "/fapi/v1/allOrders", Schema.Array(Wire.UsdmOrder), { weight: 5, signed: true }),
  /** Weight 5; `startTime` alone: 7 days from it; limit up to 1000. */
  userTrades: endpoint(
    "GET",
    "/fapi/v1/userTrades",
    Schema.Array(Schema.Struct({ ...Shared.tradeFields, side: Schema.Literal("BUY", "SELL"), maker: Schema.Boolean })),
    { weight: 5, signed: true }
  )
}

const OrderUpdate = Schema.Struct({
  e: Schema.Literal("ORDER_TRADE_UPDATE"),
  E: Schema.Number,
  T: Schema.Number,
  o: Schema.Struct({
    ...Shared.reportFields,
    ap: Decimal,
    N: Schema.optional(Schema.String),
    n: Schema.optional(Decimal),
    R: Schema.Boolean
  })
})

const AccountUpdate = Schema.Struct({
  e: Schema.Literal("ACCOUNT_UPDATE"),
  E: Schema.Number,
  T: Schema.Number,
  a: Schema.Struct({
    m: Schema.String,
    B: Schema.Array(Schema.Struct({ a: Schema.String, wb: Decimal, cw: Decimal })),
    P: Schema.Array(Schema.Struct({
      s: Schema.String,
      pa: Decimal,
      ep: Decimal,
      up: Decimal,
      mt: Schema.String,
      ps: Schema.String
    }))
  })
})

const decodeOrderUpdate = Schema.decodeUnknownEither(OrderUpdate)
const decodeAccountUpdate = Schema.decodeUnknownEither(AccountUpdate)

/** `ORDER_TRADE_UPDATE` → the order as it now stands. */
const toOrder = (m: Market, u: typeof OrderUpdate.Type): Order =>
  Shared.reportOrder("usdm", m, u.o, {
    reduceOnly: u.o.R,
    ...(BigDecimal.isPositive(u.o.ap) ? { averagePrice: u.o.ap } : {}),
    updatedAt: u.T
  })

/**
 * One event of the stream → what it means.
 * @since 0.1.0
 */
export const decode = (frame: unknown, markets: Markets): UserFrame => {
  if (typeof frame !== "object" || frame === null) return decodeFailure("not an object")
  const e = (frame as { e?: unknown }).e
  switch (e) {
    case "ORDER_TRADE_UPDATE": {
      const u = decodeOrderUpdate(frame)
      if (Either.isLeft(u)) return parseFailure(e, u.left)
      const m = markets.byVenueSymbol(u.right.o.s, "perp")
      if (m === undefined) return { _tag: "Control" }
      const fee = { fee: u.right.o.n ?? D.zero, feeAsset: u.right.o.N ?? m.settle ?? m.quote }
      return Shared.reportEvents(toOrder(m, u.right), Shared.reportFill(m, u.right.o, fee))
    }
    case "ACCOUNT_UPDATE": {
      const u = decodeAccountUpdate(frame)
      if (Either.isLeft(u)) return parseFailure(e, u.left)
      const events: Array<UserEvent> = []
      for (const p of u.right.a.P) {
        const m = markets.byVenueSymbol(p.s, "perp")
        if (m === undefined) continue
        const position: Position = {
          ...symbolsOf(m),
          side: BigDecimal.isNegative(p.pa) ? "short" : "long",
          size: BigDecimal.abs(p.pa),
          entryPrice: p.ep,
          unrealizedPnl: p.up,
          ...(p.mt === "isolated" || p.mt === "cross" ? { marginMode: p.mt } : {}),
          timestamp: u.right.T
        }
        events.push({ _tag: "Position", position })
      }
      if (u.right.a.B.length > 0) events.push({ _tag: "BalancesChanged" })
      return { _tag: "Events", events }
    }
    case "listenKeyExpired":
      return { _tag: "Terminated", reason: "the listen key expired" }
    default:
      return { _tag: "Control" }
  }
}

/**
 * The USDⓈ-M private stream for the adapter.
 * @since 0.1.0
 */
export const userStreams: UserStreamOps<BinanceCredentials, {}> = {
  open: (api, { baseUrl }) =>
    Effect.map(api.rest.request(Endpoints.startStream), ({ listenKey }) => ({
      url: `${baseUrl.replace(/\/+$/, "")}/ws/${listenKey}`,
      login: [],
      subscribe: [],
      keepAlive: Effect.asVoid(api.rest.request(Endpoints.keepAlive))
    })),
  decode: (frame, markets) => decode(frame, markets),
  fillsSince: Shared.historySince(
    Endpoints.userTrades,
    "perp",
    (m, t) => Shared.tradeFill(m, t, t.side === "BUY" ? "buy" : "sell", t.maker),
    (f) => f.timestamp
  ),
  ordersSince: Shared.historySince(Endpoints.allOrders, "perp", usdmOrder, lastChange),
  /** The stream has no application ping; `LIST_SUBSCRIPTIONS` is answered and feeds the watchdog. */
  heartbeat: (id) => JSON.stringify({ method: "LIST_SUBSCRIPTIONS", id }),
  keepAliveEvery: Duration.minutes(30),
  maxConnectionAge: Duration.minutes(23 * 60 + 30)
}
