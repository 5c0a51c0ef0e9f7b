/**
 * The OKX dialect's private stream and fills, checked from the documentation with a hand-made
 * client (not the connector): the `login` op (sign = Base64(HMAC-SHA256(secret, timestamp + "GET" +
 * "/users/self/verify")), timestamp in seconds) and its error codes, `60011` before the login, the
 * `orders` pushes of a resting order and of its fill (`tradeId`, `fillSz`, `fillFee` negative,
 * `fillFeeCcy`, `execType`), the `account` snapshot and event updates, the `positions` channel of a
 * SWAP in contracts, the text `ping`, and `/trade/fills` agreeing with the pushes.
 * https://www.okx.com/docs-v5/en/#overview-websocket-login
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-ws-order-channel
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-account-channel
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-positions-channel
 * https://www.okx.com/docs-v5/en/#error-code-websocket-public
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-days
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import WebSocket from "ws"
import { format, unsafe } from "../../src/model/Decimal.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { okxRest } from "./okxClient.js"
import { connect } from "./wsClient.js"

const signed = (sandbox: Sandbox.Sandbox, method: "GET" | "POST", path: string, body?: unknown) =>
  Effect.map(okxRest(sandbox, method, path, body), (r) => r.json)

const loginArgs = (
  sandbox: Sandbox.Sandbox,
  tweak: { apiKey?: string; passphrase?: string; secret?: string; timestamp?: string } = {}
) => {
  const own = sandbox.credentials.okx
  const timestamp = tweak.timestamp ?? String(Math.floor(Date.now() / 1000))
  return {
    op: "login",
    args: [{
      apiKey: tweak.apiKey ?? own.apiKey,
      passphrase: tweak.passphrase ?? Redacted.value(own.passphrase!),
      timestamp,
      sign: createHmac("sha256", tweak.secret ?? Redacted.value(own.secret)).update(`${timestamp}GET/users/self/verify`)
        .digest("base64")
    }]
  }
}

/** A private connection, logged in, with `args` subscribed. */
const privateSocket = (sandbox: Sandbox.Sandbox, args: ReadonlyArray<Record<string, string>>) =>
  Effect.gen(function*() {
    const socket = yield* connect(`${sandbox.urls.okx.ws}/ws/v5/private`)
    socket.send(loginArgs(sandbox))
    yield* socket.next((m) => m.event === "login")
    socket.send({ id: "7", op: "subscribe", args })
    return socket
  })

describe("OKX dialect: private stream", () => {
  it.scopedLive("login: OKX's checks and codes; nothing before it; one login per connection", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 11, venues: ["okx"] })
      const url = `${sandbox.urls.okx.ws}/ws/v5/private`
      const socket = yield* connect(url)
      socket.send({ op: "subscribe", args: [{ channel: "orders", instType: "ANY" }] })
      const early = yield* socket.next((m) => m.event === "error")
      assert.deepStrictEqual([early.code, early.msg], ["60011", "Please log in"])
      const cases: ReadonlyArray<[Parameters<typeof loginArgs>[1], string]> = [
        [{ passphrase: "nope" }, "60024"],
        [{ secret: "nope" }, "60007"],
        [{ apiKey: "unknown" }, "60005"],
        [{ timestamp: String(Math.floor(Date.now() / 1000) - 60) }, "60006"],
        [{ timestamp: new Date().toISOString() }, "60004"]
      ]
      for (const [tweak, code] of cases) {
        socket.messages.length = 0
        socket.send(loginArgs(sandbox, tweak))
        const refused = yield* socket.next((m) => m.event !== undefined)
        assert.strictEqual(refused.event, "error")
        assert.strictEqual(refused.code, code, JSON.stringify(tweak))
        assert.isString(refused.connId)
      }
      socket.messages.length = 0
      socket.send(loginArgs(sandbox))
      const ok = yield* socket.next((m) => m.event !== undefined)
      assert.deepStrictEqual([ok.event, ok.code, ok.msg], ["login", "0", ""])
      socket.send(loginArgs(sandbox))
      const again = yield* socket.next((m) => m.event === "error")
      assert.strictEqual(again.code, "60031")

      const pong = yield* Effect.promise(() =>
        new Promise<string>((resolve) => {
          const raw = new WebSocket(url)
          raw.once("open", () => raw.send("ping"))
          raw.once("message", (data) => {
            resolve(data.toString())
            raw.terminate()
          })
        })
      )
      assert.strictEqual(pong, "pong")
    }))

  it.scopedLive("orders, account and fills: a resting order, then its fill with fee, as pushed and as /trade/fills", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 12, venues: ["okx"] })
      yield* sandbox.market.pause
      const socket = yield* privateSocket(sandbox, [{ channel: "orders", instType: "SPOT" }, { channel: "account" }])
      const acks = yield* socket.collect((m) => m.event === "subscribe", 2)
      assert.deepStrictEqual(acks.map((a) => [a.id, a.arg.channel]), [["7", "orders"], ["7", "account"]])
      const snapshot = yield* socket.next((m) => m.arg?.channel === "account" && m.eventType === "snapshot")
      assert.isTrue(snapshot.lastPage)
      assert.isTrue(snapshot.data[0].details.some((d: any) => d.ccy === "USDT" && d.cashBal !== "0"))

      const book = yield* signed(sandbox, "GET", "/api/v5/market/books?instId=BTC-USDT&sz=1")
      const spec = yield* signed(sandbox, "GET", "/api/v5/public/instruments?instType=SPOT&instId=BTC-USDT")
      // One tick above the best bid: the best bid, so the counter-order meets it first.
      const price = format(BigDecimal.sum(unsafe(book.data[0].bids[0][0]), unsafe(spec.data[0].tickSz)))
      assert.isTrue(BigDecimal.lessThan(unsafe(price), unsafe(book.data[0].asks[0][0])), "inside the spread")
      const placed = yield* signed(sandbox, "POST", "/api/v5/trade/order", {
        instId: "BTC-USDT",
        tdMode: "cash",
        side: "buy",
        ordType: "limit",
        px: price,
        sz: "0.002",
        clOrdId: "privtest1"
      })
      assert.strictEqual(placed.code, "0", JSON.stringify(placed))
      const ordId = placed.data[0].ordId
      const live = yield* socket.next((m) =>
        m.data !== undefined && m.arg?.channel === "orders" && m.data[0].state === "live"
      )
      assert.strictEqual(live.arg.instType, "SPOT")
      assert.isString(live.arg.uid)
      assert.deepStrictEqual(
        [live.data[0].ordId, live.data[0].clOrdId, live.data[0].tradeId, live.data[0].fillSz, live.data[0].accFillSz],
        [ordId, "privtest1", "", "0", "0"]
      )

      const own = sandbox.credentials.okx.accountId
      const engineSymbol = (yield* sandbox.ledger.orders(own)).find((o) => String(o.orderId) === ordId)!.symbol
      const other = yield* sandbox.ledger.createAccount({ USDT: "1000000", BTC: "100" })
      sandbox.engine.placeOrder(other.accountId, {
        symbol: engineSymbol,
        side: "sell",
        type: "limit",
        timeInForce: "IOC",
        price: unsafe(price),
        quantity: unsafe("0.001"),
        postOnly: false,
        clientOrderId: "counter"
      })
      const filled = (yield* socket.next((m) =>
        m.data !== undefined && m.arg?.channel === "orders" && m.data[0].tradeId !== ""
      )).data[0]
      const [fill] = yield* sandbox.ledger.fills(own, engineSymbol)
      assert.deepStrictEqual(
        [filled.state, filled.fillPx, filled.fillSz, filled.accFillSz, filled.execType, filled.fillFeeCcy],
        ["partially_filled", price, "0.001", "0.001", "M", fill!.commissionAsset]
      )
      assert.strictEqual(filled.tradeId, String(fill!.tradeId))
      assert.strictEqual(filled.fillFee, `-${format(BigDecimal.normalize(fill!.commission))}`)
      assert.isTrue(filled.fillFee.startsWith("-"), "a charged fee is negative")
      yield* socket.next((m) => m.arg?.channel === "account" && m.eventType === "event_update")

      const rest = yield* signed(sandbox, "GET", "/api/v5/trade/fills?instType=SPOT")
      assert.strictEqual(rest.code, "0")
      assert.strictEqual(rest.data.length, 1)
      assert.deepStrictEqual(
        [rest.data[0].tradeId, rest.data[0].ordId, rest.data[0].fillSz, rest.data[0].fee, rest.data[0].execType],
        [filled.tradeId, ordId, "0.001", filled.fillFee, "M"]
      )
      const older = yield* signed(sandbox, "GET", `/api/v5/trade/fills?instType=SPOT&after=${rest.data[0].billId}`)
      assert.strictEqual(older.data.length, 0, "after = older than the billId")
      const history = yield* signed(sandbox, "GET", "/api/v5/trade/fills-history")
      assert.strictEqual(history.code, "50014", "fills-history wants instType")
    }))

  it.scopedLive("positions: a SWAP position in contracts after a fill", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 13, venues: ["okx"] })
      yield* sandbox.market.pause
      const socket = yield* privateSocket(sandbox, [{ channel: "positions", instType: "SWAP" }])
      const first = yield* socket.next((m) => m.arg?.channel === "positions" && m.data !== undefined)
      assert.deepStrictEqual([first.eventType, first.data], ["snapshot", []])
      const book = yield* signed(sandbox, "GET", "/api/v5/market/books?instId=ETH-USDT-SWAP&sz=1")
      const ask = book.data[0].asks[0][0]
      const placed = yield* signed(sandbox, "POST", "/api/v5/trade/order", {
        instId: "ETH-USDT-SWAP",
        tdMode: "cross",
        side: "buy",
        ordType: "ioc",
        px: ask,
        sz: "1"
      })
      assert.strictEqual(placed.code, "0", JSON.stringify(placed))
      const pushed = yield* socket.next((m) => m.arg?.channel === "positions" && m.eventType === "event_update")
      assert.deepStrictEqual(
        [pushed.data[0].instId, pushed.data[0].instType, pushed.data[0].posSide, pushed.data[0].pos],
        ["ETH-USDT-SWAP", "SWAP", "net", "1"]
      )
    }))
})
