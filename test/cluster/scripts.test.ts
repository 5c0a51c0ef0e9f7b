/**
 * The Redis store in one process: several counters per request, the reserve for urgent requests,
 * the venue's usage headers, clock-aligned windows from Redis's `TIME`, bans stored in Redis, and
 * the fallback share while Redis does not answer. Starts its own redis-server; skipped without it.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as RedisRateLimiter from "../../src/cluster/RedisRateLimiter.js"
import * as Resp from "../../src/cluster/Resp.js"
import type { RateLimitPolicy } from "../../src/kernel/RateLimiter.js"
import type { RedisProcess } from "../support/ClusterHarness.js"
import { redisUnavailable, startRedis } from "../support/ClusterHarness.js"

const unavailable = redisUnavailable()
const HOUR = 3_600_000

// Hour-long windows: a test would have to straddle the top of the hour to see a window roll.
const policy: RateLimitPolicy = {
  weightLimit: 100,
  windowMs: HOUR,
  maxWaitMs: 0,
  reserve: 0.1,
  counters: [{ name: "orders", limit: 3, windowMs: HOUR, unit: "orders" }]
}

describe.skipIf(unavailable !== undefined)(
  `Redis rate-limit store${unavailable === undefined ? "" : ` (skipped: ${unavailable})`}`,
  () => {
    let redis: RedisProcess
    beforeAll(async () => {
      redis = await startRedis()
    })
    afterAll(async () => {
      await redis?.stop()
    })
    const store = (namespace: string, options: Partial<RedisRateLimiter.Options> = {}) =>
      RedisRateLimiter.make({ url: redis.url, namespace, ...options })

    it.live("charges every counter at once, keeps the reserve for urgent requests", () =>
      Effect.gen(function*() {
        const ns = `counters-${Date.now()}`
        const gate = yield* (yield* store(ns)).gate("binance", policy)
        for (let i = 0; i < 3; i++) yield* gate.acquire(1, { orders: 1 })
        // the order counter is full (3, no reserve at this size): a fourth order waits past maxWaitMs
        const fourth = yield* Effect.either(gate.acquire(1, { orders: 1 }))
        assert.strictEqual(fourth._tag === "Left" && fourth.left._tag, "RateLimited")
        // the refused order charged nothing
        assert.strictEqual((yield* gate.status).used, 3)
        // ordinary requests stop at 90 (10% reserve), urgent ones go on to 100
        yield* gate.acquire(87)
        assert.strictEqual((yield* Effect.either(gate.acquire(1)))._tag, "Left")
        yield* gate.acquire(10, { urgent: true })
        assert.strictEqual((yield* gate.status).used, 100)
        assert.strictEqual((yield* Effect.either(gate.acquire(1, { urgent: true })))._tag, "Left")

        // the window is the hour of Redis's own clock
        const c = yield* Resp.connect(Resp.parseUrl(redis.url)!)
        const time = (yield* c.command(["TIME"])) as ReadonlyArray<string>
        const now = Number(time[0]) * 1000
        const w = yield* c.command(["HGET", `${ns}:rl:{binance}:c:weight:${HOUR}`, "w"])
        assert.strictEqual(Number(w), now - (now % HOUR))
      }).pipe(Effect.scoped))

    it.live("a request let through at a window's end is charged to the next window too", () =>
      Effect.gen(function*() {
        const ns = `edge-${Date.now()}`
        const gate = yield* (yield* store(ns, { edge: Duration.millis(1000) })).gate("binance", {
          ...policy,
          counters: [],
          // the window ends about 600 ms from now
          windowOffsetMs: (Date.now() + 600) % HOUR
        })
        yield* gate.acquire(30)
        yield* Effect.sleep(Duration.millis(900))
        assert.strictEqual((yield* gate.status).used, 30)
        yield* gate.acquire(1)
        assert.strictEqual((yield* gate.status).used, 31)
      }).pipe(Effect.scoped))

    it.live("two stores share one budget and merge the venue's own count", () =>
      Effect.gen(function*() {
        const ns = `share-${Date.now()}`
        const a = yield* (yield* store(ns)).gate("binance", policy)
        const b = yield* (yield* store(ns)).gate("binance", policy)
        yield* a.acquire(40)
        yield* b.acquire(40)
        assert.strictEqual((yield* Effect.either(a.acquire(20)))._tag, "Left")
        // the venue says 85 were used (another program on the IP): only 5 ordinary weight left
        yield* b.observeUsed(85)
        assert.strictEqual((yield* a.status).used, 85)
        yield* a.acquire(5)
        assert.strictEqual((yield* Effect.either(b.acquire(1)))._tag, "Left")
        // a lower count from the venue never lowers ours
        yield* a.observeUsed(10)
        assert.strictEqual((yield* b.status).used, 90)
      }).pipe(Effect.scoped))

    it.live("a ban stored by one process stops the others at once", () =>
      Effect.gen(function*() {
        const ns = `ban-${Date.now()}`
        const a = yield* (yield* store(ns)).gate("binance", policy)
        const b = yield* (yield* store(ns)).gate("binance", policy)
        const until = Date.now() + 1500
        yield* a.banUntil(until)
        const refused = yield* Effect.either(b.acquire(1))
        assert.isTrue(refused._tag === "Left" && refused.left._tag === "IpBanned")
        yield* Effect.sleep(Duration.millis(until - Date.now() + 50))
        yield* b.acquire(1)
      }).pipe(Effect.scoped))

    it.live("while Redis does not answer: no more in the lost window, cancels open; fail mode refuses", () =>
      Effect.gen(function*() {
        const ns = `down-${Date.now()}`
        const shared = yield* store(ns, { maxProcesses: 4, commandTimeout: Duration.millis(100) })
        const failing = yield* store(`${ns}-fail`, { onUnreachable: "fail", commandTimeout: Duration.millis(100) })
        const gate = yield* shared.gate("binance", { ...policy, counters: [] })
        const strict = yield* failing.gate("binance", { ...policy, counters: [] })
        yield* gate.acquire(10)
        redis.pause()
        yield* Effect.addFinalizer(() => Effect.sync(() => redis.resume()))
        // nothing ordinary for the rest of the window where Redis was lost; cancels stay open
        assert.strictEqual((yield* Effect.either(gate.acquire(20)))._tag, "Left")
        assert.strictEqual(yield* shared.mode, "local")
        yield* gate.acquire(1, { urgent: true })
        const refused = yield* Effect.either(strict.acquire(1))
        assert.isTrue(refused._tag === "Left" && refused.left._tag === "RateLimited")
        redis.resume()
        // back to shared, with the cancel counted locally written back; the ordinary acquire sent
        // before Redis was seen gone ran late and, past its deadline, charged nothing
        for (let i = 0; i < 50 && (yield* shared.mode) === "local"; i++) yield* Effect.sleep(Duration.millis(50))
        assert.strictEqual(yield* shared.mode, "shared")
        assert.strictEqual((yield* gate.status).used, 11)
      }).pipe(Effect.scoped))

    it.live(
      "back in the window where others may still count locally: no more than its own share there",
      () =>
        Effect.gen(function*() {
          const ns = `rejoin-${Date.now()}`
          const windowMs = 6000
          const options = { maxProcesses: 2, commandTimeout: Duration.millis(100), edge: Duration.millis(0) }
          const storeA = yield* store(ns, options)
          // B does not look for Redis again during the test: it stays local
          const storeB = yield* store(ns, { ...options, reconnectEvery: Duration.minutes(5) })
          // the window ends 1.5 s from now; the next one lasts 6 s
          const boundary = Date.now() + 1500
          const windowed: RateLimitPolicy = { ...policy, counters: [], windowMs, windowOffsetMs: boundary % windowMs }
          const a = yield* storeA.gate("binance", windowed)
          const b = yield* storeB.gate("binance", windowed)
          yield* a.acquire(1)
          yield* b.acquire(1)
          redis.pause()
          yield* Effect.addFinalizer(() => Effect.sync(() => redis.resume()))
          yield* Effect.either(a.acquire(1))
          yield* Effect.either(b.acquire(1))
          assert.strictEqual(yield* storeA.mode, "local")
          assert.strictEqual(yield* storeB.mode, "local")
          // the next window: B spends its share (90 ordinary / 2 = 45) locally; Redis never hears of it
          yield* Effect.sleep(Duration.millis(Math.max(0, boundary - Date.now()) + 200))
          yield* b.acquire(45)
          redis.resume()
          for (let i = 0; i < 60 && (yield* storeA.mode) === "local"; i++) yield* Effect.sleep(Duration.millis(50))
          assert.strictEqual(yield* storeA.mode, "shared")
          assert.strictEqual(yield* storeB.mode, "local")
          // Redis sees nothing spent in this window, but A may only take its own share: 45 + 45 = 90
          const over = yield* Effect.either(a.acquire(46))
          assert.isTrue(over._tag === "Left" && over.left._tag === "RateLimited", "A kept to its share")
          yield* a.acquire(45)
          assert.strictEqual((yield* a.status).used, 45)
        }).pipe(Effect.scoped),
      { timeout: 30_000 }
    )
  }
)
