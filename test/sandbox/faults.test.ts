import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import { formatFaultSpec, parseFaultSpec } from "../../src/sandbox/faults/FaultRule.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { request } from "./binanceClient.js"
import { connect } from "./wsClient.js"

const start = (options: Sandbox.Options = {}) => Sandbox.start({ seed: 99, market: { running: false }, ...options })

const order = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC", quantity: "0.001", price: "30000" }

const parses = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe("fault specs", () => {
  it("parses the command-line form and writes it back", () => {
    const rule = parseFaultSpec("http429:count=3,retryAfter=2,path=/api/v3/order,method=post,venue=binance")
    assert.deepStrictEqual(
      rule,
      Either.right({
        kind: "http429",
        count: 3,
        retryAfter: 2,
        path: "/api/v3/order",
        method: "POST",
        venue: "binance"
      })
    )
    assert.deepStrictEqual(
      parseFaultSpec("latency:ms=250,p=0.5"),
      Either.right({
        kind: "latency",
        ms: 250,
        probability: 0.5
      })
    )
    assert.deepStrictEqual(parseFaultSpec("wsClose"), Either.right({ kind: "wsClose" }))
    assert.strictEqual(
      formatFaultSpec({ kind: "http503", count: 4, path: "/api/v3/*" }),
      "http503:path=/api/v3/*,count=4"
    )
    assert.isTrue(Either.isLeft(parseFaultSpec("http999")))
    assert.isTrue(Either.isLeft(parseFaultSpec("http429:count=many")))
    assert.isTrue(Either.isLeft(parseFaultSpec("http429:p=2")))
    assert.isTrue(Either.isLeft(parseFaultSpec("http429:colour=red")))
  })
})

describe("HTTP fault rules", () => {
  it.scopedLive("http429 with Retry-After, a counted number of times, then normal service", () =>
    Effect.gen(function*() {
      const s = yield* start()
      yield* s.faults.add("http429:count=2,retryAfter=3")
      for (let i = 0; i < 2; i++) {
        const r = yield* request(s, "GET", "/api/v3/time")
        assert.strictEqual(r.status, 429)
        assert.strictEqual(r.headers.get("retry-after"), "3")
        assert.strictEqual(r.json.code, -1003)
      }
      assert.strictEqual((yield* request(s, "GET", "/api/v3/time")).status, 200)
    }))

  it.scopedLive("http418 ban, 503 burst, HTML error page; none of them reaches the ledger", () =>
    Effect.gen(function*() {
      const s = yield* start({ faults: ["http418:count=1,retryAfter=30"] })
      const banned = yield* request(s, "POST", "/api/v3/order", order, { signed: true })
      assert.deepStrictEqual([banned.status, banned.headers.get("retry-after"), banned.json.code], [418, "30", -1003])
      yield* s.faults.add("http503:count=3")
      for (let i = 0; i < 3; i++) {
        const r = yield* request(s, "POST", "/api/v3/order", order, { signed: true })
        assert.strictEqual(r.status, 503)
        assert.strictEqual(r.json.code, -1008)
      }
      yield* s.faults.add({ kind: "htmlError", status: 502 })
      const html = yield* request(s, "POST", "/api/v3/order", order, { signed: true })
      assert.strictEqual(html.status, 502)
      assert.match(html.headers.get("content-type")!, /text\/html/)
      assert.match(html.text, /<html>/)
      assert.strictEqual((yield* s.ledger.orders()).length, 0)
      assert.strictEqual((yield* request(s, "POST", "/api/v3/order", order, { signed: true })).status, 200)
    }))

  it.scopedLive("malformed and truncated JSON: the request is processed, the body does not parse", () =>
    Effect.gen(function*() {
      const s = yield* start()
      yield* s.faults.add("malformedJson:path=/api/v3/order,method=POST")
      const malformed = yield* request(s, "POST", "/api/v3/order", order, { signed: true })
      assert.strictEqual(malformed.status, 200)
      assert.isFalse(parses(malformed.text))
      yield* s.faults.add("truncatedJson:path=/api/v3/depth")
      const truncated = yield* request(s, "GET", "/api/v3/depth", { symbol: "BTCUSDT" })
      assert.isFalse(parses(truncated.text))
      assert.match(truncated.text, /^\{"lastUpdateId":/)
      assert.strictEqual((yield* s.ledger.orders()).length, 1)
    }))

  it.scopedLive("auth failure on signed endpoints only; scoped by path and method", () =>
    Effect.gen(function*() {
      const s = yield* start()
      yield* s.faults.add("authFailure:count=1")
      assert.strictEqual((yield* request(s, "GET", "/api/v3/time")).status, 200)
      const denied = yield* request(s, "GET", "/api/v3/account", {}, { signed: true })
      assert.deepStrictEqual([denied.status, denied.json.code], [401, -2015])
      assert.strictEqual((yield* request(s, "GET", "/api/v3/account", {}, { signed: true })).status, 200)
      yield* s.faults.add("http429:path=/api/v3/order,method=POST")
      assert.strictEqual(
        (yield* request(s, "GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: 1 }, { signed: true })).json.code,
        -2013
      )
      assert.strictEqual((yield* request(s, "POST", "/api/v3/order", order, { signed: true })).status, 429)
    }))

  it.scopedLive("added latency", () =>
    Effect.gen(function*() {
      const s = yield* start()
      yield* s.faults.add("latency:ms=300,count=1")
      const t0 = Date.now()
      assert.strictEqual((yield* request(s, "GET", "/api/v3/ping")).status, 200)
      assert.isAtLeast(Date.now() - t0, 290)
    }))

  it.scopedLive("commit then drop: the order is in the ledger exactly once, the client gets no response", () =>
    Effect.gen(function*() {
      const s = yield* start()
      yield* s.faults.add("dropResponse:path=/api/v3/order,method=POST")
      const outcome = yield* Effect.exit(
        request(s, "POST", "/api/v3/order", { ...order, newClientOrderId: "drop-1" }, { signed: true })
      )
      assert.isTrue(Exit.isFailure(outcome))
      const orders = yield* s.ledger.orders()
      assert.deepStrictEqual(orders.map((o) => [o.clientOrderId, o.status]), [["drop-1", "new"]])
      const found = yield* request(s, "GET", "/api/v3/order", { symbol: "BTCUSDT", origClientOrderId: "drop-1" }, {
        signed: true
      })
      assert.strictEqual(found.json.status, "NEW")
    }))

  it.scopedLive("probabilistic rules are seeded: the same seed fires on the same requests", () =>
    Effect.gen(function*() {
      const pattern = (seed: number) =>
        Effect.scoped(Effect.gen(function*() {
          const s = yield* Sandbox.start({ seed, market: { running: false }, faults: ["http503:p=0.5"] })
          const statuses: Array<number> = []
          for (let i = 0; i < 16; i++) statuses.push((yield* request(s, "GET", "/api/v3/ping")).status)
          return statuses
        }))
      const a = yield* pattern(5)
      const b = yield* pattern(5)
      assert.deepStrictEqual(a, b)
      assert.include(a, 503)
      assert.include(a, 200)
    }))
})

describe("websocket fault rules", () => {
  it.scopedLive("wsSilence: no data, no pongs, connection stays open", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 31, market: { intervalMs: { min: 20, max: 40 } } })
      const socket = yield* connect(`${s.urls.binance.ws}/ws/btcusdt@depth@100ms`)
      yield* socket.next((m) => m.e === "depthUpdate")
      yield* s.faults.add("wsSilence")
      yield* Effect.sleep("150 millis")
      const count = socket.messages.length
      let ponged = false
      socket.ws.on("pong", () => (ponged = true))
      socket.ws.ping()
      yield* Effect.sleep("400 millis")
      assert.strictEqual(socket.messages.length, count)
      assert.isFalse(ponged)
      assert.strictEqual(socket.ws.readyState, socket.ws.OPEN)
      const fresh = yield* connect(`${s.urls.binance.ws}/ws/btcusdt@depth@100ms`)
      yield* fresh.next((m) => m.e === "depthUpdate")
    }))

  it.scopedLive("wsClose: the client sees an abnormal closure (1006)", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const socket = yield* connect(`${s.urls.binance.ws}/stream?streams=btcusdt@trade`)
      yield* s.faults.add("wsClose:path=/stream")
      assert.strictEqual(yield* Effect.promise(() => socket.closed), 1006)
    }))

  it.scopedLive("depthGap: the next diff skips update ids", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 33, market: { intervalMs: { min: 20, max: 40 } } })
      const socket = yield* connect(`${s.urls.binance.ws}/ws/btcusdt@depth@100ms`)
      yield* socket.collect((m) => m.e === "depthUpdate", 2)
      yield* s.faults.add("depthGap:path=btcusdt@depth@100ms")
      const before = socket.messages.length
      yield* socket.collect((m) => m.e === "depthUpdate", before + 3)
      const events = socket.messages.filter((m) => m.e === "depthUpdate")
      const gaps = events.slice(1).filter((e, i) => e.U !== events[i].u + 1)
      assert.strictEqual(gaps.length, 1)
      assert.isAbove(gaps[0].U, events[events.indexOf(gaps[0]) - 1].u + 1)
    }))
})
