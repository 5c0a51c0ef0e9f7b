/**
 * The reliability suite, reduced (issue 11): the same measurements as `npm run reliability`, with
 * few repetitions. Hostile payloads end as typed errors and the next call works; the secret canary
 * is found nowhere.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { binance } from "../e2e/binance.harness.js"
import { bybit } from "../e2e/bybit.harness.js"
import * as Loopback from "../support/Loopback.js"
import * as Figures from "../support/OrderFlowFigures.js"
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
    "secret canary: the keys and secrets appear in no log line (level All), Cause.pretty, inspect, JSON, span or metric",
    () =>
      Effect.gen(function*() {
        const r = yield* Reliability.secretCanary
        assert.isAbove(r.errorsSeen, 20, "the faults produced errors to look into")
        assert.isAbove(r.spanCount, 20)
        assert.isAbove(r.metricSeries, 10, "the calls left metrics to look into")
        assert.deepStrictEqual(r.places, Object.fromEntries(Object.keys(r.places).map((k) => [k, 0])))
      }),
    120_000
  )
})

describe("reliability at scale (reduced run: the same measurements as `npm run reliability -- --full`, small N)", () => {
  it.live(
    "ambiguous placements, 20 in flight, commit-then-drop and 503 after commit on half: no duplicate, each resolved to the ledger's status",
    () =>
      Effect.gen(function*() {
        for (const fault of ["commit-then-drop", "503 after commit"] as const) {
          const r = yield* Figures.ambiguousPlacements(binance, fault, { n: 40, inFlight: 20, round: 40 })
          const name = `${r.venue} ${fault}: ${r.examples.join("; ")}`
          assert.isAbove(r.ambiguous, 0, `${name}: the fault hid some answers`)
          assert.strictEqual(r.duplicates, 0, name)
          assert.strictEqual(r.unresolved + r.wrongStatus + r.ghost, 0, name)
          assert.strictEqual(r.resolvedPct, 100, name)
        }
      }).pipe(Effect.provide(Loopback.PlatformLive)),
    300_000
  )

  it.live(
    "depth gaps: every gap detected, the book live again, every live view the engine's book at its sequence",
    () =>
      Effect.gen(function*() {
        const r = yield* Figures.depthGaps(binance, { n: 3 })
        assert.strictEqual(r.gaps, 3)
        assert.strictEqual(r.recovered, 3, r.examples.join("; "))
        assert.isAbove(r.liveViews, 0)
        assert.strictEqual(r.inconsistent, 0, r.examples.join("; "))
      }).pipe(Effect.provide(Loopback.PlatformLive)),
    300_000
  )

  it.live(
    "429 windows: the gate lets nothing through inside them, and nothing reaches the transport after the gate knew",
    () =>
      Effect.gen(function*() {
        const r = yield* Figures.rateWindows(binance, "http429", { windows: 2 })
        assert.strictEqual(r.windows, 2)
        assert.isAbove(r.requests, 0)
        // Requests the transport saw inside a window that had left the gate before it learned of the
        // 429 were already on their way (the issue counts them apart); on a loaded machine the gate
        // learns of a 429 up to hundreds of ms after its headers are read, so they are not asserted.
        assert.strictEqual(r.gateLearned, 2, "the gate learned of both 429s")
        assert.isAbove(r.gatePasses, 0)
        assert.strictEqual(r.gateLetThroughInside, 0, r.examples.join("; "))
        assert.strictEqual(r.sentInsideAfterGateKnew, 0, r.examples.join("; "))
      }).pipe(Effect.provide(Loopback.PlatformLive)),
    300_000
  )

  it.live(
    "Bybit's per-endpoint limit (HTTP 200, retCode 10006) opens a window like a 429: the gate holds, lets nothing through",
    () =>
      Effect.gen(function*() {
        const r = yield* Figures.rateWindows(bybit, "http429", { windows: 2 })
        assert.strictEqual(r.windows, 2, "the 10006 answers were seen")
        assert.strictEqual(r.gateLearned, 2, "the gate learned of both")
        assert.strictEqual(r.gateLetThroughInside, 0, r.examples.join("; "))
        assert.strictEqual(r.sentInsideAfterGateKnew, 0, r.examples.join("; "))
      }).pipe(Effect.provide(Loopback.PlatformLive)),
    300_000
  )
})
