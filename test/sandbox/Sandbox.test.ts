import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import { parseCliArgs, sandboxProgram } from "../../src/sandbox/main.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { request } from "./binanceClient.js"

describe("Sandbox handle", () => {
  it.scopedLive("start: URLs per venue, a Redacted secret, market control, ledger views", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 3, market: { running: false } })
      assert.strictEqual(s.seed, 3)
      assert.strictEqual(s.urls.binance.rest, `http://127.0.0.1:${s.port}/binance`)
      assert.strictEqual(s.urls.binance.ws, `ws://127.0.0.1:${s.port}/binance`)
      assert.isTrue(Redacted.isRedacted(s.credentials.binance.secret))
      assert.notInclude(JSON.stringify(s.credentials), Redacted.value(s.credentials.binance.secret))
      assert.isTrue(yield* s.market.isPaused)
      const before = s.engine.updateId("BTCUSDT")!
      yield* s.market.step(3)
      assert.isAbove(s.engine.updateId("BTCUSDT")!, before)
      const usdt = yield* s.ledger.balance("USDT")
      assert.strictEqual(usdt.asset, "USDT")
      assert.strictEqual((yield* s.ledger.instruments).length, 5)
      const bad = yield* Effect.either(s.faults.add("nonsense"))
      assert.isTrue(Either.isLeft(bad))
      const id = yield* s.faults.add("http503:count=5")
      assert.strictEqual((yield* s.faults.list).length, 1)
      yield* s.faults.remove(id)
      assert.strictEqual((yield* s.faults.list).length, 0)
    }))

  it.scopedLive("the same seed gives the same keys and the same market", () =>
    Effect.gen(function*() {
      const a = yield* Sandbox.start({ seed: 77, market: { running: false } })
      const b = yield* Sandbox.start({ seed: 77, market: { running: false } })
      assert.strictEqual(a.credentials.binance.apiKey, b.credentials.binance.apiKey)
      yield* a.market.step(5)
      yield* b.market.step(5)
      const da = (yield* request(a, "GET", "/api/v3/depth", { symbol: "ETHUSDT" })).json
      const db = (yield* request(b, "GET", "/api/v3/depth", { symbol: "ETHUSDT" })).json
      assert.deepStrictEqual(da, db)
    }))

  it.live("layer: provides the Sandbox tag and stops the server when released", () =>
    Effect.gen(function*() {
      const port = yield* Effect.gen(function*() {
        const s = yield* Sandbox.Sandbox
        assert.strictEqual((yield* request(s, "GET", "/api/v3/ping")).status, 200)
        return s.port
      }).pipe(Effect.provide(Sandbox.layer({ seed: 1 })))
      const after = yield* Effect.promise(() =>
        fetch(`http://127.0.0.1:${port}/binance/api/v3/ping`).then(() => "open", () => "closed")
      )
      assert.strictEqual(after, "closed")
    }))
})

describe("sandbox CLI", () => {
  it("parses its options", () => {
    assert.deepStrictEqual(
      parseCliArgs(["--port", "8080", "--seed=5", "--fault", "http429:count=1", "--json"]),
      Either.right({
        port: 8080,
        seed: 5,
        faults: ["http429:count=1"],
        json: true
      })
    )
    assert.isTrue(Either.isLeft(parseCliArgs(["--port", "x"])))
    assert.isTrue(Either.isLeft(parseCliArgs(["--fault", "bogus"])))
    assert.isTrue(Either.isLeft(parseCliArgs(["--what"])))
  })

  it.live("--json prints one line with each venue's URLs and credentials, then runs until interrupted", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const fiber = yield* Effect.fork(sandboxProgram(["--json", "--seed", "9"], (line) => lines.push(line)))
      while (lines.length === 0) yield* Effect.sleep("10 millis")
      const ready = JSON.parse(lines[0]!)
      assert.strictEqual(ready.seed, 9)
      assert.match(ready.venues.binance.rest, /^http:\/\/127\.0\.0\.1:\d+\/binance$/)
      assert.match(ready.venues.binance.ws, /^ws:\/\/127\.0\.0\.1:\d+\/binance$/)
      assert.match(ready.venues.binance.apiKey, /^[A-Za-z0-9]{64}$/)
      assert.match(ready.venues.binance.secret, /^[A-Za-z0-9]{64}$/)
      const res = yield* Effect.promise(() => fetch(`${ready.venues.binance.rest}/api/v3/time`))
      assert.strictEqual(res.status, 200)
      yield* Fiber.interrupt(fiber)
      assert.strictEqual(lines.length, 1)
      const after = yield* Effect.promise(() =>
        fetch(`${ready.venues.binance.rest}/api/v3/time`).then(() => "open", () => "closed")
      )
      assert.strictEqual(after, "closed")
    }))
})
