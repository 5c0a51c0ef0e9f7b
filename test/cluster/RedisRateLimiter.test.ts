/**
 * Several bot processes share one Binance budget through Redis, against the sandbox with
 * Binance's rules (weight per window per IP, 429 over it, `X-MBX-USED-WEIGHT-1M`) in 1-second
 * windows. The budget (10 per window) is far below what the fleet asks for, so a process that
 * counted alone would get 429s. Each test starts its own redis-server on a free port; they are skipped when
 * `redis-server` is not installed.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as RedisRateLimiter from "../../src/cluster/RedisRateLimiter.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import type { RedisProcess, WorkerEvent, WorkerSettings } from "../support/ClusterHarness.js"
import { redisUnavailable, runWorkers, startRedis, summarize } from "../support/ClusterHarness.js"

const unavailable = redisUnavailable()
const LIMIT = 10
const WINDOW = 1000

const withSandbox = <A>(run: (sandbox: Sandbox.Sandbox) => Promise<A>) =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({
      venues: ["binance"],
      market: { running: false },
      binance: { rateLimits: { weightPerMinute: LIMIT, windowMs: WINDOW, banSeconds: 5 } }
    })
    return yield* Effect.promise(() => run(sandbox))
  })))

const settings = (redis: RedisProcess, restUrl: string, name: string, over: Partial<WorkerSettings> = {}) => ({
  restUrl,
  redisUrl: redis.url,
  namespace: `${name}-${Date.now()}`,
  weightLimit: LIMIT,
  windowMs: WINDOW,
  durationMs: 3000,
  concurrency: 2,
  maxProcesses: 6,
  ...over
})

/**
 * Each 429: when its acquire was granted within its window (Redis and the sandbox share the
 * machine's clock) and how long it took to be answered. One granted near a window's end and
 * answered past the store's `edge` (300 ms) after it reached the sandbox in the next window, which
 * the store could not charge: a loaded machine, not a store that counted wrong.
 */
const tooMany = (runs: ReadonlyArray<ReadonlyArray<WorkerEvent>>) =>
  runs.flat().filter((e): e is Extract<WorkerEvent, { k: "r" }> => e.k === "r" && e.s === 429).map((r) =>
    `granted at +${r.g % WINDOW} ms of its window, answered ${r.t - r.g} ms later`
  ).join("; ")

describe.skipIf(unavailable !== undefined)(
  `shared rate budget on Redis${unavailable === undefined ? "" : ` (skipped: ${unavailable})`}`,
  () => {
    let redis: RedisProcess
    beforeAll(async () => {
      redis = await startRedis()
    })
    afterAll(async () => {
      await redis?.stop()
    })

    it("five processes on one budget: no 429, no 418, no window over the limit", { timeout: 180_000 }, async () => {
      const runs = await withSandbox((sandbox) =>
        runWorkers(5, settings(redis, sandbox.urls.binance.rest, "share")).done
      )
      const s = summarize(runs, WINDOW)
      assert.isAbove(s.requests, 0)
      assert.strictEqual(s.status429, 0, tooMany(runs))
      assert.strictEqual(s.status418, 0)
      assert.strictEqual(s.otherErrors, 0)
      for (const used of s.usedPerWindow.values()) assert.isAtMost(used, LIMIT)
      // every process took part
      for (const events of runs) assert.isAbove(events.filter((e) => e.k === "r").length, 0)
    })

    it("after a 418, no process sends until the ban ends", { timeout: 180_000 }, async () => {
      const runs = await withSandbox(async (sandbox) => {
        const s = settings(redis, sandbox.urls.binance.rest, "ban", { durationMs: 7000 })
        const fleet = runWorkers(4, s)
        await fleet.started
        await new Promise((r) => setTimeout(r, 1000))
        await Effect.runPromise(
          sandbox.faults.add({ kind: "http418", venue: "binance", path: "/api/v3/time", count: 1, retryAfter: 4 })
        )
        return await fleet.done
      })
      const bans = runs.flatMap((events) =>
        events.filter((e): e is Extract<WorkerEvent, { k: "ban" }> => e.k === "ban")
      )
      assert.strictEqual(bans.length, 1)
      const ban = bans[0]!
      assert.isAbove(ban.until, ban.t, "the ban was still in force when it was stored")
      const requests = runs.flatMap((events) =>
        events.filter((e): e is Extract<WorkerEvent, { k: "r" }> => e.k === "r")
      )
      // `g - l` is when the request's acquire began: one that began after the ban was stored must
      // not be let through before the ban ends. Those let through while the ban was being stored
      // were in flight (counted, not failed).
      const duringBan = requests.filter((r) => r.g - r.l >= ban.t && r.g < ban.until)
      const inFlight = requests.filter((r) => r.g >= ban.t && r.g - r.l < ban.t)
      assert.strictEqual(
        duringBan.length,
        0,
        `no process sent a request while the ban was in force (${inFlight.length} were in flight; ` +
          `${runs.flat().filter((e) => e.k === "mode" && e.m === "local").length} switches to local counting)`
      )
      assert.isAbove(requests.filter((r) => r.g >= ban.until).length, 0, "requests resume after the ban")
      assert.strictEqual(summarize(runs, WINDOW).status429, 0)
    })

    it("Redis stopped mid-run and resumed: no 429, shared again within 2 s", { timeout: 180_000 }, async () => {
      let resumedAt = 0
      const runs = await withSandbox(async (sandbox) => {
        const s = settings(redis, sandbox.urls.binance.rest, "stop", { durationMs: 5000 })
        const fleet = runWorkers(5, s)
        await fleet.started
        await new Promise((r) => setTimeout(r, 1500))
        redis.pause()
        await new Promise((r) => setTimeout(r, 1500))
        redis.resume()
        resumedAt = Date.now()
        return await fleet.done
      })
      const s = summarize(runs, WINDOW)
      assert.strictEqual(s.status429, 0, tooMany(runs))
      assert.strictEqual(s.status418, 0)
      for (const used of s.usedPerWindow.values()) assert.isAtMost(used, LIMIT)
      for (const events of runs) {
        const modes = events.filter((e): e is Extract<WorkerEvent, { k: "mode" }> => e.k === "mode")
        assert.isTrue(modes.some((m) => m.m === "local"), "each process noticed Redis was gone")
        const back = modes.find((m) => m.m === "shared" && m.t >= resumedAt)
        assert.isDefined(back, "each process shares again")
        assert.isAtMost(
          back!.t - resumedAt,
          2000,
          `back to shared ${back!.t - resumedAt} ms after Redis resumed (modes, ms from resume: ${
            modes.map((m) => `${m.m}@${m.t - resumedAt}`).join(" ")
          })`
        )
      }
    })

    it("a bad URL is a ConfigError", async () => {
      const result = await Effect.runPromise(
        Effect.scoped(Effect.either(RedisRateLimiter.make({ url: "http://nope" })))
      )
      assert.strictEqual(result._tag, "Left")
    })
  }
)
