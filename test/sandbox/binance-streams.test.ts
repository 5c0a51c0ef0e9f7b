import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { unsafe } from "../../src/model/Decimal.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { request } from "./binanceClient.js"
import { connect } from "./wsClient.js"

type Book = Map<string, string>

const applyLevels = (book: Book, levels: ReadonlyArray<[string, string]>) => {
  for (const [price, qty] of levels) {
    if (BigDecimal.isZero(unsafe(qty))) book.delete(price)
    else book.set(price, qty)
  }
}

describe("Binance dialect: market streams", () => {
  it.scopedLive("depth diffs continue the REST snapshot: sync rule, U = previous u + 1, same book", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 21, market: { intervalMs: { min: 20, max: 40 } } })
      const socket = yield* connect(`${s.urls.binance.ws}/ws/btcusdt@depth@100ms`)
      yield* socket.next((m) => m.e === "depthUpdate")
      const snapshot = (yield* request(s, "GET", "/api/v3/depth", { symbol: "BTCUSDT", limit: 5000 })).json
      const bids: Book = new Map(snapshot.bids)
      const asks: Book = new Map(snapshot.asks)
      yield* socket.collect((m) => m.e === "depthUpdate" && m.u > snapshot.lastUpdateId, 5)
      yield* s.market.pause
      yield* Effect.sleep("250 millis")
      const events = socket.messages.filter((m) => m.e === "depthUpdate" && m.u > snapshot.lastUpdateId)
      const first = events[0]
      assert.isTrue(first.U <= snapshot.lastUpdateId + 1 && first.u >= snapshot.lastUpdateId + 1, "sync rule")
      let previous = first.u
      for (const event of events.slice(1)) {
        assert.strictEqual(event.U, previous + 1)
        assert.strictEqual(event.s, "BTCUSDT")
        assert.isNumber(event.E)
        previous = event.u
      }
      for (const event of events) {
        applyLevels(bids, event.b)
        applyLevels(asks, event.a)
      }
      const final = (yield* request(s, "GET", "/api/v3/depth", { symbol: "BTCUSDT", limit: 5000 })).json
      assert.strictEqual(final.lastUpdateId, previous)
      assert.deepStrictEqual(new Map(final.bids), bids)
      assert.deepStrictEqual(new Map(final.asks), asks)
    }))

  it.scopedLive("combined streams and live SUBSCRIBE / LIST_SUBSCRIPTIONS / UNSUBSCRIBE", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 22, market: { intervalMs: { min: 20, max: 40 } } })
      const socket = yield* connect(`${s.urls.binance.ws}/stream?streams=btcusdt@ticker`)
      const ticker = yield* socket.next((m) => m.stream === "btcusdt@ticker")
      assert.strictEqual(ticker.data.e, "24hrTicker")
      assert.strictEqual(ticker.data.s, "BTCUSDT")
      socket.send({ method: "SUBSCRIBE", params: ["btcusdt@trade", "ethusdt@kline_1s"], id: 1 })
      assert.deepStrictEqual(yield* socket.next((m) => m.id === 1), { result: null, id: 1 })
      const trade = yield* socket.next((m) => m.stream === "btcusdt@trade", 8000)
      assert.hasAllKeys(trade.data, ["e", "E", "s", "t", "p", "q", "T", "m", "M"])
      const kline = yield* socket.next((m) => m.stream === "ethusdt@kline_1s")
      assert.strictEqual(kline.data.k.i, "1s")
      socket.send({ method: "LIST_SUBSCRIPTIONS", id: 2 })
      const list = yield* socket.next((m) => m.id === 2)
      assert.sameMembers(list.result, ["btcusdt@ticker", "btcusdt@trade", "ethusdt@kline_1s"])
      socket.send({ method: "UNSUBSCRIBE", params: ["btcusdt@ticker"], id: 3 })
      yield* socket.next((m) => m.id === 3)
      socket.send({ method: "LIST_SUBSCRIPTIONS", id: 4 })
      assert.sameMembers((yield* socket.next((m) => m.id === 4)).result, ["btcusdt@trade", "ethusdt@kline_1s"])
      socket.send({ method: "SUBSCRIBED", params: [], id: 5 })
      const bad = yield* socket.next((m) => m.id === 5)
      assert.strictEqual(bad.error.code, 2)
      assert.match(bad.error.msg, /^Invalid request: unknown variant `SUBSCRIBED`/)
      socket.ws.send("{not json")
      assert.strictEqual((yield* socket.next((m) => m.error?.code === 3)).error.code, 3)
    }))

  it.scopedLive("raw stream: a user's market order shows on @trade", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 23, market: { running: false } })
      const socket = yield* connect(`${s.urls.binance.ws}/ws/ethusdt@trade`)
      const placed = yield* request(s, "POST", "/api/v3/order", {
        symbol: "ETHUSDT",
        side: "SELL",
        type: "MARKET",
        quantity: "0.01"
      }, { signed: true })
      assert.strictEqual(placed.json.status, "FILLED")
      const trade = yield* socket.next((m) => m.e === "trade")
      assert.strictEqual(trade.t, placed.json.fills[0].tradeId)
      assert.strictEqual(trade.m, true)
    }))

  it.scoped("server pings every 20 s (on the runtime's clock) and drops a client that never pongs", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 24, market: { running: false } })
      const polite = yield* connect(`${s.urls.binance.ws}/ws/btcusdt@trade`)
      const silent = yield* connect(`${s.urls.binance.ws}/ws/btcusdt@trade`, { autoPong: false })
      const settle = Effect.promise(() => new Promise((r) => setTimeout(r, 50)))
      for (let i = 0; i < 4; i++) {
        yield* TestClock.adjust("20 seconds")
        yield* settle
      }
      assert.isAtLeast(polite.pings.length, 3)
      const code = yield* Effect.promise(() => silent.closed)
      assert.strictEqual(code, 1000)
      assert.strictEqual(polite.ws.readyState, polite.ws.OPEN)
    }))
})
