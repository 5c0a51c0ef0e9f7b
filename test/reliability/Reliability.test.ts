/**
 * The reliability suite, reduced (issue 11): the same measurements as `npm run reliability`, with
 * few repetitions. Hostile payloads end as typed errors and the next call works; the secret canary
 * is found nowhere.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Loopback from "../support/Loopback.js"
import * as Reliability from "../support/Reliability.js"

describe("reliability (reduced run)", () => {
  it.live(
    "hostile REST bodies, Binance and Bybit: a typed error each time, never a defect; the next call works",
    () =>
      Effect.gen(function*() {
        const { polluted, results } = yield* Reliability.hostileRest(2)
        assert.isFalse(polluted, "a __proto__ key polluted Object.prototype")
        for (const r of results) {
          const name = `${r.venue}: ${r.payload}`
          assert.strictEqual(r.defects, 0, `${name}: defects`)
          assert.strictEqual(r.accepted, 0, `${name}: accepted as data`)
          assert.strictEqual(r.typed, r.calls, `${name}: typed errors`)
          assert.strictEqual(r.nextOk, r.calls, `${name}: the next call failed`)
          assert.isBelow(r.peakRssGrowthMiB, 256, `${name}: memory`)
        }
      }).pipe(Effect.provide(Loopback.PlatformTransport)),
    120_000
  )

  it.live(
    "hostile websocket frames: skipped, never delivered; every good frame after them arrives; one connection",
    () =>
      Effect.gen(function*() {
        const r = yield* Reliability.hostileWs(3)
        assert.strictEqual(r.hostileDelivered, 0)
        assert.strictEqual(r.goodDelivered, r.goodSent)
        assert.strictEqual(r.connections, 1)
      }).pipe(Effect.provide(Loopback.PlatformTransport)),
    60_000
  )

  it.live(
    "secret canary: the keys and secrets appear in no log line (level All), Cause.pretty, inspect, JSON or span",
    () =>
      Effect.gen(function*() {
        const r = yield* Reliability.secretCanary
        assert.isAbove(r.errorsSeen, 20, "the faults produced errors to look into")
        assert.isAbove(r.spanCount, 20)
        assert.deepStrictEqual(r.places, Object.fromEntries(Object.keys(r.places).map((k) => [k, 0])))
      }),
    120_000
  )
})
