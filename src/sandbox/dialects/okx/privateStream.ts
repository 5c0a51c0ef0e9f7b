/**
 * OKX v5 private stream of the sandbox: `/ws/v5/private`, served from the engine.
 *
 * `{"op":"login","args":[{apiKey, passphrase, timestamp, sign}]}` is checked as OKX does: every
 * field given (`60027`), the timestamp in Unix seconds (`60004`) and within 30 s of the server's
 * time (`60006`), the key known (`60005`), the passphrase its own (`60024`), and `sign` =
 * Base64(HMAC-SHA256(secret, timestamp + "GET" + "/users/self/verify")) (`60007`); a second login
 * on the connection is `60031`. Success: `{"event":"login","code":"0","msg":"","connId":…}`;
 * failure: `{"event":"error","code":…,"msg":…,"connId":…}`. Subscribing before the login is
 * `60011` ("Please log in").
 *
 * Channels (`{"op":"subscribe","args":[{channel, instType, instId?, instFamily?}]}`, each arg
 * acknowledged `{"event":"subscribe","arg":…,"connId":…}`):
 * - `orders` (`instType` SPOT, SWAP or ANY): every change of the account's orders, as
 *   `/trade/order` writes them, one push per fill with its `tradeId`, `fillPx`, `fillSz`,
 *   `fillTime`, `fillFee` (negative when charged), `fillFeeCcy`, `execType` (`M`/`T`); nothing on
 *   subscribe.
 * - `account` (optional `ccy`): a `snapshot` of the non-zero currencies on subscribe, then an
 *   `event_update` with the currencies that changed.
 * - `positions` (`instType` SWAP or ANY): a `snapshot` of the open positions on subscribe, then an
 *   `event_update` after each fill of a SWAP (`pos: "0"` once closed).
 * Pushes are `{"arg":{channel, uid, …}, "data":[…]}` (`eventType`, `curPage`, `lastPage` on the
 * account and position snapshots); the client's text `ping` is answered `pong`. SWAP sizes are in
 * contracts. The sandbox's websocket faults (`wsClose`, `wsSilence`) apply to this path as to any.
 *
 * Checked against the official documentation on 2026-12-06 (pages dated 2026-07):
 * https://www.okx.com/docs-v5/en/#overview-websocket-login
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-ws-order-channel
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-account-channel
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-positions-channel
 * https://www.okx.com/docs-v5/en/#error-code-websocket-public
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { ApiKey } from "../../engine/Ledger.js"
import type { Fill, Order } from "../../engine/Order.js"
import type { Random } from "../../engine/Random.js"
import type { Faults } from "../../faults/Faults.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"
import { Subscriptions } from "../kit/Subscriptions.js"
import { instId, instType, num, toWire } from "./marketData.js"
import type { DialectState } from "./state.js"
import { serveOps } from "./streams.js"
import { accountRow, balanceDetail, positionRow, renderOrder, uidOf } from "./trading.js"

const LOGIN_WINDOW_MS = 30_000
const SECONDS = /^\d{1,12}(\.\d{1,3})?$/
const ORDER_TYPES = new Set(["SPOT", "SWAP", "ANY", "MARGIN", "FUTURES", "OPTION"])
const POSITION_TYPES = new Set(["SWAP", "ANY", "MARGIN", "FUTURES", "OPTION"])

type Arg = Readonly<Record<string, string>>

const error = (code: string, msg: string, connId: string) => ({ event: "error", code, msg, connId })

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b)

/** Whether an instrument is one an `orders`/`positions` arg asks for. */
const matches = (arg: Arg, i: Instrument) =>
  (arg.instType === "ANY" || arg.instType === instType(i)) &&
  (arg.instId === undefined || arg.instId === instId(i)) &&
  (arg.instFamily === undefined || (i.kind === "perp" && arg.instFamily === `${i.base}-${i.quote}`))

/**
 * Takes over a `/ws/v5/private` connection.
 * @since 0.1.0
 */
export const connectPrivate = (
  options: {
    readonly engine: Engine
    readonly faults: Faults
    readonly random: Random
    readonly timers: Timers
    readonly state: DialectState
    readonly venue: string
  },
  connection: WsConnection
): void => {
  const { engine, state, timers } = options
  const connId = options.random.string(8, "0123456789abcdef")
  const subscriptions = new Subscriptions(connection)
  let key: ApiKey | undefined

  const login = (args: unknown): ApiKey | ReturnType<typeof error> => {
    const first = Array.isArray(args) ? args[0] : undefined
    const a = (typeof first === "object" && first !== null ? first : {}) as Record<string, unknown>
    for (const name of ["apiKey", "passphrase", "timestamp", "sign"]) {
      if (typeof a[name] !== "string" || a[name] === "") {
        return error("60027", `Parameter ${name} can not be empty.`, connId)
      }
    }
    const { apiKey, passphrase, sign, timestamp } = a as Record<string, string>
    if (key !== undefined) {
      return error("60031", "The WebSocket endpoint does not allow multiple or repeated logins.", connId)
    }
    if (options.faults.take(["authFailure"], { venue: options.venue, path: connection.path }) !== undefined) {
      return error("60009", "Login failure", connId)
    }
    if (!SECONDS.test(timestamp!)) return error("60004", "Invalid timestamp", connId)
    const [whole, fraction = ""] = timestamp!.split(".")
    const at = Number.parseInt(whole!, 10) * 1000 + Number.parseInt(`${fraction}000`.slice(0, 3), 10)
    if (Math.abs(timers.now() - at) > LOGIN_WINDOW_MS) return error("60006", "Timestamp request expired", connId)
    const found = engine.apiKey(apiKey!)
    if (found === undefined) return error("60005", "Invalid apiKey", connId)
    const own = found.passphrase === undefined ? undefined : Redacted.value(found.passphrase)
    if (own === undefined || !equal(Buffer.from(passphrase!), Buffer.from(own))) {
      return error("60024", "Wrong passphrase", connId)
    }
    const expected = createHmac("sha256", Redacted.value(found.secret))
      .update(`${timestamp}GET/users/self/verify`)
      .digest()
    if (!equal(expected, Buffer.from(sign!, "base64"))) return error("60007", "Invalid sign", connId)
    return found
  }

  const startChannel = (arg: Arg, owner: ApiKey): (() => void) | undefined => {
    const account = owner.accountId
    const pushArg = { ...arg, uid: uidOf(account) }
    const push = (data: ReadonlyArray<unknown>, extra: Record<string, unknown> = {}) =>
      subscriptions.send({ arg: pushArg, ...extra, data })
    switch (arg.channel) {
      case "orders": {
        if (arg.instType === undefined || !ORDER_TYPES.has(arg.instType)) return undefined
        /** What each order was last pushed as, so the taker's closing update is not sent twice. */
        const last = new Map<number, string>()
        const pushOrder = (order: Order, fill?: Fill) => {
          const i = engine.instrument(order.symbol)
          if (i === undefined || !matches(arg, i)) return
          const row = renderOrder({ state, engine }, i, order, String(order.orderId))
          const seen = `${row.state}:${row.accFillSz}`
          if (fill === undefined && last.get(order.orderId) === seen) return
          last.set(order.orderId, seen)
          const charged = fill === undefined ? undefined : num(BigDecimal.negate(fill.commission))
          push([{
            ...row,
            tradeId: fill === undefined ? "" : String(fill.tradeId),
            fillPx: fill === undefined ? "" : num(fill.price),
            fillSz: fill === undefined ? "0" : num(toWire(i, fill.quantity)),
            fillTime: fill === undefined ? "" : String(fill.time),
            fillFee: charged ?? "0",
            fillFeeCcy: fill?.commissionAsset ?? "",
            execType: fill === undefined ? "" : fill.maker ? "M" : "T",
            fillPnl: "0",
            fillNotionalUsd: "",
            fillMarkPx: "",
            amendResult: "",
            reqId: "",
            code: "0",
            msg: ""
          }])
        }
        return engine.subscribe((e) => {
          if (e._tag === "AccountFill" && e.fill.accountId === account) {
            const order = engine.findOrder(account, e.fill.symbol, { orderId: e.fill.orderId })
            if (order !== undefined) pushOrder(order, e.fill)
          } else if (e._tag === "OrderUpdated" && e.order.accountId === account && e.fill === undefined) {
            pushOrder(e.order)
          }
        })
      }
      case "account": {
        if (Object.keys(arg).some((k) => k !== "channel" && k !== "ccy" && k !== "extraParams")) return undefined
        const wanted = (asset: string) => arg.ccy === undefined || arg.ccy === asset
        const sent = new Map<string, string>()
        const details = () =>
          engine.balances(account).filter((b) => wanted(b.asset)).map((b) => balanceDetail(b, timers.now()))
        const snapshot = details().filter((d) => d.eq !== "0")
        for (const d of snapshot) sent.set(d.ccy, `${d.cashBal}:${d.availBal}:${d.frozenBal}`)
        push([accountRow(snapshot, timers.now())], { eventType: "snapshot", curPage: 1, lastPage: true })
        return engine.subscribe((e) => {
          const mine = (e._tag === "AccountFill" && e.fill.accountId === account) ||
            (e._tag === "OrderUpdated" && e.order.accountId === account)
          if (!mine) return
          const changed = details().filter((d) => {
            const now = `${d.cashBal}:${d.availBal}:${d.frozenBal}`
            if (sent.get(d.ccy) === now) return false
            sent.set(d.ccy, now)
            return true
          })
          if (changed.length > 0) push([accountRow(changed, timers.now())], { eventType: "event_update" })
        })
      }
      case "positions": {
        if (arg.instType === undefined || !POSITION_TYPES.has(arg.instType)) return undefined
        const open = engine.positions(account).flatMap((p) => {
          const i = engine.instrument(p.symbol)
          return i !== undefined && i.kind === "perp" && matches(arg, i) && !BigDecimal.isZero(p.size)
            ? [positionRow(i, p)]
            : []
        })
        push(open, { eventType: "snapshot", curPage: 1, lastPage: true })
        return engine.subscribe((e) => {
          if (e._tag !== "AccountFill" || e.fill.accountId !== account) return
          const i = engine.instrument(e.fill.symbol)
          if (i === undefined || i.kind !== "perp" || !matches(arg, i)) return
          const zero = BigDecimal.fromBigInt(0n)
          const p = engine.position(account, i.symbol) ?? {
            accountId: account,
            symbol: i.symbol,
            size: zero,
            entryPrice: zero,
            margin: zero,
            leverage: engine.leverage(account, i.symbol),
            realizedPnl: zero,
            funding: zero,
            markPrice: zero,
            unrealizedPnl: zero,
            notional: zero,
            updatedAt: e.fill.time
          }
          push([positionRow(i, p)], { eventType: "event_update" })
        })
      }
      default:
        return undefined
    }
  }

  serveOps(connection, subscriptions, connId, {
    refuse: () => key === undefined ? error("60011", "Please log in", connId) : undefined,
    other: (op, message) => {
      if (op !== "login") return false
      const result = login(message.args)
      if ("event" in result) {
        subscriptions.send(result)
      } else {
        key = result
        subscriptions.send({ event: "login", code: "0", msg: "", connId })
      }
      return true
    },
    start: (arg) => key === undefined ? undefined : startChannel(arg, key)
  })
}
