/**
 * OKX v5 private stream: `/ws/v5/private` (demo trading: the demo host's), logged in with
 * `{"op":"login","args":[{apiKey, passphrase, timestamp, sign}]}` (timestamp in Unix seconds; sign
 * = Base64(HMAC-SHA256(secret, timestamp + "GET" + "/users/self/verify")), valid 30 s), then the
 * channels `orders` (`instType: ANY`: every order change, one push per fill carrying `tradeId`,
 * `fillPx`, `fillSz`, `fillFee`, `fillFeeCcy`, `execType`), `account` (balances) and `positions`
 * (`instType: ANY`). The text `ping` keeps it alive (answered `pong`).
 *
 * SWAP sizes (`sz`, `accFillSz`, `fillSz`, `pos`) are contracts and come out in base units, as
 * everywhere in the connector. OKX writes a charged fee as a negative `fillFee`; the unified fee is
 * what was paid (positive; a rebate is negative).
 *
 * Reconciliation reads fills from `GET /api/v5/trade/fills` (last 3 days), or
 * `/trade/fills-history` (3 months) for an older start, paged by `billId`, and the orders finished
 * meanwhile from `/trade/orders-history` (7 days; created since the start), paged by `ordId`; SPOT
 * and SWAP each.
 *
 * Checked against the official documentation on 2026-12-06 (pages dated 2026-07):
 * https://www.okx.com/docs-v5/en/#overview-websocket-login
 * https://www.okx.com/docs-v5/en/#overview-demo-trading-services (private host
 *   `wss://wspap.okx.com:8443/ws/v5/private`)
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-ws-order-channel
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-account-channel
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-positions-channel
 * https://www.okx.com/docs-v5/en/#error-code-websocket-public
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-days
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-history-last-7-days
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { TransportError } from "../../errors/ExchangeError.js"
import { frameFailure, type ItemCodec, itemEvents, type UserEvent, type UserFrame } from "../../kernel/UserStream.js"
import type { UserStreamOps, VenueApi } from "../../kernel/VenueAdapter.js"
import { decodeFailure } from "../../kernel/WsSession.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market, Markets, MarketType } from "../../model/Market.js"
import type { Fill } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import { toBase } from "./convert.js"
import * as Orders from "./orders.js"
import { type OkxCredentials, websocketLogin } from "./signing.js"
import * as Wire from "./wire.js"

/**
 * The channels subscribed once logged in.
 * @since 0.1.0
 */
export const channels = [
  { channel: "orders", instType: "ANY" },
  { channel: "account" },
  { channel: "positions", instType: "ANY" }
] as const

/**
 * Login error codes: the credentials are wrong (not retried).
 * https://www.okx.com/docs-v5/en/#error-code-websocket-public
 */
const REFUSED = new Set(["60004", "60005", "60006", "60007", "60009", "60011", "60024", "60027", "60032", "60033"])

/** How far back `/trade/fills` reaches (3 days), less a margin. */
const RECENT_MS = 3 * 24 * 3_600_000 - 3_600_000

/** The instrument types the connector lists, as market types. */
const marketTypes: Readonly<Record<string, MarketType>> = { SPOT: "spot", SWAP: "perp" }

const marketOf = (markets: Markets, instType: string, instId: string): Market | undefined => {
  const type = marketTypes[instType]
  return type === undefined ? undefined : markets.byVenueSymbol(instId, type)
}

/** The unified fee (what was paid) from OKX's signed amount (negative when charged). */
const paid = (fee: Decimal.Decimal | undefined) => fee === undefined ? Decimal.zero : BigDecimal.negate(fee)

/**
 * The fill an `orders` push carries (`undefined` when the push is not a fill).
 * @since 0.1.0
 */
export const fillOf = (m: Market, o: Wire.OrderPush): Fill | undefined =>
  o.tradeId === undefined || o.tradeId === "" || o.fillSz === undefined || !BigDecimal.isPositive(o.fillSz) ||
    o.fillPx === undefined
    ? undefined
    : {
      id: o.tradeId,
      orderId: o.ordId,
      ...(o.clOrdId !== "" ? { clientOrderId: o.clOrdId } : {}),
      symbol: m.unified,
      venueSymbol: m.symbol,
      side: o.side,
      price: o.fillPx,
      quantity: toBase(m, o.fillSz),
      fee: paid(o.fillFee),
      feeAsset: o.fillFeeCcy ?? "",
      maker: o.execType === "M",
      timestamp: o.fillTime ?? o.uTime
    }

/**
 * A row of `/trade/fills` → a fill.
 * @since 0.1.0
 */
export const toFill = (m: Market, f: Wire.FillRow): Fill => ({
  id: f.tradeId,
  orderId: f.ordId,
  ...(f.clOrdId !== "" ? { clientOrderId: f.clOrdId } : {}),
  symbol: m.unified,
  venueSymbol: m.symbol,
  side: f.side,
  price: f.fillPx,
  quantity: toBase(m, f.fillSz),
  fee: paid(f.fee),
  feeAsset: f.feeCcy,
  maker: f.execType === "M",
  timestamp: f.fillTime ?? f.ts
})

/**
 * A `positions` push → unified, in base units; a closed position (`pos` 0) is flat (size zero).
 * @since 0.1.0
 */
export const toPosition = (m: Market, p: Wire.Position): Position =>
  Orders.toPosition(m, p) ?? {
    symbol: m.unified,
    venueSymbol: m.symbol,
    side: p.posSide === "short" ? "short" : "long",
    size: Decimal.zero,
    entryPrice: p.avgPx ?? Decimal.zero,
    ...(p.uTime !== undefined ? { timestamp: p.uTime } : {})
  }

const Push = Schema.Struct({
  arg: Schema.Struct({ channel: Schema.String }),
  data: Schema.Array(Schema.Unknown)
})
const decodePush = Schema.decodeUnknownEither(Push)
const decodeOrder = Schema.decodeUnknownEither(Wire.OrderPush)
const decodeAccount = Schema.decodeUnknownEither(Wire.Balance)
const decodePosition = Schema.decodeUnknownEither(Wire.Position)

/**
 * One private frame → what it means. Events (`event`: `login`, `subscribe`, `error`, `notice`,
 * `channel-conn-count`) answer requests; pushes carry `arg` and `data`. Items of instruments the
 * connector does not list (margin, futures, options) are skipped.
 * @since 0.1.0
 */
export const decode = (frame: unknown, markets: Markets): UserFrame => {
  if (typeof frame !== "object" || frame === null) return decodeFailure("not an object")
  const f = frame as Record<string, unknown>
  if (typeof f.event === "string") {
    if (f.event === "login") return f.code === "0" ? { _tag: "LoggedIn" } : { _tag: "Refused", reason: String(f.msg) }
    if (f.event === "error") {
      const code = typeof f.code === "string" ? f.code : ""
      const reason = `${code} ${typeof f.msg === "string" ? f.msg : ""}`.trim()
      return REFUSED.has(code) ? { _tag: "Refused", reason } : { _tag: "Terminated", reason }
    }
    return { _tag: "Control" }
  }
  const parsed = decodePush(frame)
  if (Either.isLeft(parsed)) return frameFailure("frame", parsed.left)
  const channel = parsed.right.arg.channel
  return itemEvents(channel, parsed.right.data, codecs(markets)[channel])
}

/** What each channel's items mean; items of instruments the connector does not list give none. */
const codecs = (markets: Markets): Readonly<Record<string, ItemCodec<any>>> => ({
  orders: {
    decode: decodeOrder,
    events: (o: Wire.OrderPush): ReadonlyArray<UserEvent> => {
      const m = marketOf(markets, o.instType, o.instId)
      if (m === undefined) return []
      const fill = fillOf(m, o)
      return [...(fill !== undefined ? [{ _tag: "Fill", fill } as const] : []), {
        _tag: "Order",
        order: Orders.toOrder(m, o)
      }]
    }
  },
  // Only the currencies that changed (or the non-zero ones, in a snapshot): never the whole account.
  account: {
    decode: decodeAccount,
    events: (a: Wire.Balance) => [{ _tag: "Balances", balances: Orders.toBalances([a], true), complete: false }]
  },
  positions: {
    decode: decodePosition,
    events: (p: Wire.Position): ReadonlyArray<UserEvent> => {
      const m = marketOf(markets, p.instType, p.instId)
      return m === undefined ? [] : [{ _tag: "Position", position: toPosition(m, p) }]
    }
  }
})

/**
 * How the connector reads one page of its history (through its rate limits): fills of
 * `/trade/fills` (`history`: `/trade/fills-history`), finished orders of `/trade/orders-history`.
 * @since 0.1.0
 */
export interface HistoryPages<S> {
  readonly fills: (
    api: VenueApi<S>,
    history: boolean,
    query: Readonly<Record<string, string>>
  ) => Effect.Effect<ReadonlyArray<Wire.FillRow>, TransportError>
  readonly orders: (
    api: VenueApi<S>,
    query: Readonly<Record<string, string>>
  ) => Effect.Effect<ReadonlyArray<Wire.Order>, TransportError>
}

/**
 * Every page of one history from `since` (`after`: the last row's key), up to 20 pages of 100.
 * @since 0.1.0
 */
export const allPages = <A, E>(
  read: (query: Readonly<Record<string, string>>) => Effect.Effect<ReadonlyArray<A>, E>,
  query: Readonly<Record<string, string>>,
  key: (a: A) => string
): Effect.Effect<ReadonlyArray<A>, E> =>
  Effect.gen(function*() {
    const out: Array<A> = []
    let after: string | undefined
    for (let n = 0; n < 20; n++) {
      const rows = yield* read({ ...query, limit: "100", ...(after !== undefined ? { after } : {}) })
      out.push(...rows)
      if (rows.length < 100) break
      after = key(rows[rows.length - 1]!)
    }
    return out
  })

/** Both instrument types of one history, in time order. */
const bothTypes = <A, E>(
  read: (instType: "SPOT" | "SWAP") => Effect.Effect<ReadonlyArray<A>, E>,
  time: (a: A) => number
): Effect.Effect<ReadonlyArray<A>, E> =>
  Effect.map(
    Effect.all([read("SPOT"), read("SWAP")], { concurrency: 2 }),
    ([spot, swap]) => [...spot, ...swap].sort((a, b) => time(a) - time(b))
  )

/**
 * The OKX private stream for the adapter; `pages` reads the fills and orders histories.
 * @since 0.1.0
 */
export const userStreams = <S>(pages: HistoryPages<S>): UserStreamOps<OkxCredentials, S> => ({
  open: (_api, { baseUrl, credentials, now }) =>
    Effect.succeed({
      url: `${baseUrl.replace(/\/+$/, "")}/ws/v5/private`,
      login: [JSON.stringify({ op: "login", args: [websocketLogin(credentials, Math.floor(now / 1000))] })],
      subscribe: [JSON.stringify({ id: "lotusx", op: "subscribe", args: channels })]
    }),
  decode: (frame, markets) => decode(frame, markets),
  fillsSince: (api, markets, since) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      bothTypes(
        (instType) =>
          Effect.map(
            allPages(
              (query) => pages.fills(api, now - since > RECENT_MS, query),
              { instType, begin: String(since) },
              (row) => row.billId
            ),
            (rows) =>
              rows.flatMap((row) => {
                const m = marketOf(markets, row.instType, row.instId)
                return m === undefined ? [] : [toFill(m, row)]
              })
          ),
        (f) => f.timestamp
      )),
  ordersSince: (api, markets, since) =>
    bothTypes(
      (instType) =>
        Effect.map(
          allPages((query) => pages.orders(api, query), { instType, begin: String(since) }, (o) => o.ordId),
          (rows) =>
            rows.flatMap((o) => {
              const m = marketOf(markets, o.instType, o.instId)
              return m === undefined ? [] : [Orders.toOrder(m, o)]
            })
        ),
      (o) => o.updatedAt ?? o.createdAt ?? 0
    ),
  heartbeat: () => "ping"
})
