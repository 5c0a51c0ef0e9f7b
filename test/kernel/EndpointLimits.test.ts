import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as EndpointLimits from "../../src/kernel/EndpointLimits.js"
import { endpoint } from "../../src/kernel/Endpoints.js"
import type { RawResponse, RestClient } from "../../src/kernel/RestClient.js"

const window = EndpointLimits.keptWindowMs(1000)

/** Starts `n` acquisitions of one unit each at once and records when each went. */
const burst = (limits: EndpointLimits.EndpointLimits, key: string, limit: EndpointLimits.Limit, n: number) =>
  Effect.forEach(
    Array.from({ length: n }, (_, i) => i),
    () =>
      Effect.either(
        Effect.zipRight(limits.acquire(key, limit, 1), Clock.currentTimeMillis)
      ),
    { concurrency: "unbounded" }
  ).pipe(Effect.fork)

/** The largest number of sends in any interval of `length` ms. */
const densest = (times: ReadonlyArray<number>, length: number) => {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= length) j++
    best = Math.max(best, i - j + 1)
  }
  return best
}

describe("EndpointLimits", () => {
  it.effect("never more than the limit in any rolling window, the rest wait instead of being refused", () =>
    Effect.gen(function*() {
      const limits = EndpointLimits.make("test", 10_000)
      const limit = { requests: 10, windowMs: 1000 }
      const fiber = yield* burst(limits, "/v5/order/create linear", limit, 50)
      for (let i = 0; i < 60; i++) yield* TestClock.adjust(100)
      const results = yield* Fiber.join(fiber)
      const times = results.map((r) => {
        assert.isTrue(r._tag === "Right", "none refused: 50 fit within the 10 s wait")
        return r._tag === "Right" ? r.right : -1
      })
      assert.strictEqual(densest(times, 1000), 10, "10 in every second, never 11")
      // 50 units at 10 per (1 s + margin): the last group goes after 4 windows
      assert.isAtMost(Math.max(...times), 4 * window + 100)
    }))

  it.effect("fails with RateLimited, nothing counted, when the wait would exceed maxWaitMs", () =>
    Effect.gen(function*() {
      const limits = EndpointLimits.make("test", 1500)
      const limit = { requests: 2, windowMs: 1000 }
      const fiber = yield* burst(limits, "k", limit, 6)
      for (let i = 0; i < 40; i++) yield* TestClock.adjust(100)
      const results = yield* Fiber.join(fiber)
      const went = results.filter((r) => r._tag === "Right").length
      const refused = results.filter((r) => r._tag === "Left" && r.left._tag === "RateLimited").length
      assert.strictEqual(went, 4, "two now, two after one window")
      assert.strictEqual(refused, 2)
    }))

  it.effect("keys are independent; a batch counts its units; an oversized batch goes alone", () =>
    Effect.gen(function*() {
      const limits = EndpointLimits.make("test", 10_000)
      const limit = { requests: 10, windowMs: 1000 }
      yield* limits.acquire("a", limit, 10)
      yield* limits.acquire("b", limit, 10)
      assert.strictEqual(yield* Clock.currentTimeMillis, 0, "b is not held by a")
      const next = yield* Effect.fork(Effect.zipRight(limits.acquire("a", limit, 3), Clock.currentTimeMillis))
      yield* TestClock.adjust(window)
      assert.strictEqual(yield* Fiber.join(next), window)
      // "a" holds 3 units sent at `window`: a batch of 25 waits until they have left, then goes alone
      const big = yield* Effect.fork(Effect.zipRight(limits.acquire("a", limit, 25), Clock.currentTimeMillis))
      yield* TestClock.adjust(window)
      assert.strictEqual(yield* Fiber.join(big), 2 * window, "alone in an empty window")
    }))

  it.effect("the venue's limit replaces the documented one; units it counted beyond ours are held", () =>
    Effect.gen(function*() {
      const limits = EndpointLimits.make("test", 10_000)
      const documented = { requests: 10, windowMs: 1000 }
      yield* limits.acquire("k", documented, 1)
      // a VIP account: the venue says 20, and has counted 15 (another program on the account)
      limits.observe("k", { limit: 20, used: 15 }, 0)
      yield* limits.acquire("k", documented, 5)
      const held = yield* Effect.fork(Effect.zipRight(limits.acquire("k", documented, 1), Clock.currentTimeMillis))
      yield* TestClock.adjust(window)
      assert.strictEqual(yield* Fiber.join(held), window, "20 counted: the 21st waits a window")
      // nonsense from the wire changes nothing
      limits.observe("k", { limit: -3, used: Number.NaN }, window)
      yield* limits.acquire("k", documented, 19)
      assert.strictEqual(yield* Clock.currentTimeMillis, window)
    }))

  it.effect("request: waits for its units, sends, and merges what the response's headers say", () =>
    Effect.gen(function*() {
      const limits = EndpointLimits.make("test", 1500)
      const sent: Array<number> = []
      // the venue answers that this account may send 3 per window and has counted 3 (two of them elsewhere)
      const rest = {
        requestWith: (_endpoint: unknown, _params: unknown, f: (value: string, response: RawResponse) => string) =>
          Effect.map(Clock.currentTimeMillis, (now) => {
            sent.push(now)
            const response = { status: 200, headers: { limit: "3", used: "3" }, receivedAt: now } as const
            return f("ok", response as unknown as RawResponse)
          })
      } as unknown as RestClient
      const budget: EndpointLimits.Budget = {
        key: "POST /order",
        limit: { requests: 10, windowMs: 1000 },
        observed: (headers) => ({ limit: Number(headers["limit"]), used: Number(headers["used"]) })
      }
      const post = EndpointLimits.request({ rest, limits }, endpoint("POST", "/order", Schema.String), {}, budget)
      assert.strictEqual(yield* post, "ok")
      const next = yield* Effect.fork(post)
      yield* TestClock.adjust(window)
      assert.strictEqual(yield* Fiber.join(next), "ok")
      assert.deepStrictEqual(sent, [0, window], "the second waits out the window the venue said is full")
      // with no time to wait out a full window, the request is refused before anything is sent
      const impatient = { rest, limits: EndpointLimits.make("test", 500) }
      yield* EndpointLimits.request(impatient, endpoint("POST", "/order", Schema.String), {}, budget)
      const refused = yield* Effect.either(
        EndpointLimits.request(impatient, endpoint("POST", "/order", Schema.String), {}, budget)
      )
      assert.isTrue(refused._tag === "Left" && refused.left._tag === "RateLimited")
      assert.strictEqual(sent.length, 3)
    }))

  it.effect("waiters go in the order they came: a full-size batch is not passed over by later small requests", () =>
    Effect.gen(function*() {
      const limits = EndpointLimits.make("test", 10_000)
      const limit = { requests: 10, windowMs: 1000 }
      yield* limits.acquire("k", limit, 5)
      yield* TestClock.adjust(1)
      const batch = yield* Effect.fork(Effect.zipRight(limits.acquire("k", limit, 10), Clock.currentTimeMillis))
      // one small request every 300 ms: each would fit in the window on its own
      const small = yield* Effect.forEach(
        Array.from({ length: 10 }, (_, i) => i),
        (i) =>
          Effect.fork(
            Effect.zipRight(
              Effect.sleep(300 * (i + 1)),
              Effect.zipRight(limits.acquire("k", limit, 1), Clock.currentTimeMillis)
            )
          )
      )
      for (let i = 0; i < 40; i++) yield* TestClock.adjust(100)
      assert.strictEqual(yield* Fiber.join(batch), window, "the batch goes once the first 5 have left")
      const times = yield* Effect.forEach(small, Fiber.join)
      assert.isTrue(times.every((t) => t >= 2 * window), `the small ones queue behind it: ${times.join(" ")}`)
    }))

  it("budgets: one value per key and group, limited as the table says", () => {
    const observed = () => ({})
    const budgetOf = EndpointLimits.budgets({ "/order": { spot: 20, linear: 10 } }, 1000, observed)
    const linear = budgetOf("/order", "linear")
    assert.deepStrictEqual(linear, { key: "/order linear", limit: { requests: 10, windowMs: 1000 }, observed })
    assert.strictEqual(budgetOf("/order", "linear"), linear, "made once")
    assert.strictEqual(budgetOf("/order", "spot").limit.requests, 20)
  })
})
