/**
 * Absurd `Retry-After` values (issue 11, defect 6): a proxy or CDN can send garbage; the venue
 * must not be paused or banned for good.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as RateLimiter from "../../src/kernel/RateLimiter.js"
import * as RestClient from "../../src/kernel/RestClient.js"
import * as ServerClock from "../../src/kernel/ServerClock.js"
import { classifyResponse as envelope } from "../../src/venues/binance/envelope.js"
import { classify } from "../../src/venues/binance/spotErrors.js"
import * as Loopback from "../support/Loopback.js"

const classifyResponse = envelope(classify)

const time = {
  method: "GET" as const,
  path: "/api/v3/time",
  weight: 1,
  signed: false,
  response: Schema.Struct({ serverTime: Schema.Number })
}

const client = (url: string, policy: Partial<RateLimiter.RateLimitPolicy> = {}) =>
  Effect.gen(function*() {
    const gate = yield* RateLimiter.make("binance", {
      weightLimit: 6000,
      windowMs: 60_000,
      maxWaitMs: 0,
      ...policy
    })
    return yield* RestClient.make({
      baseUrl: url,
      rules: { venue: "binance", classify: classifyResponse },
      gate,
      clock: yield* ServerClock.make,
      retry: { maxRetries: 0, baseDelay: "10 millis", maxElapsed: "1 second" }
    })
  })

const tooMany = { code: -1003, msg: "Too many requests; current limit is 6000 request weight per 1 MINUTE." }

describe("Retry-After is parsed strictly and capped", () => {
  it("parseRetryAfter: seconds and HTTP dates; garbage ignored; always finite", () => {
    const now = Date.UTC(2026, 0, 1)
    assert.strictEqual(RestClient.parseRetryAfter("2", now), 2000)
    assert.strictEqual(RestClient.parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now), 3000)
    for (const garbage of ["1e23", "-1", "soon", "", "1.5", "0x10"]) {
      assert.strictEqual(RestClient.parseRetryAfter(garbage, now), undefined, garbage)
    }
    for (const huge of ["100000000000000000000000", "Fri, 31 Dec 275759 23:59:59 GMT"]) {
      const ms = RestClient.parseRetryAfter(huge, now)!
      assert.isTrue(Number.isSafeInteger(ms), huge)
    }
  })

  for (const retryAfter of ["1e23", "100000000000000000000000", "Fri, 31 Dec 9999 23:59:59 GMT"]) {
    it.live(`429 with Retry-After: ${retryAfter} pauses at most maxPauseMs; later calls succeed`, () =>
      Effect.gen(function*() {
        let calls = 0
        const server = yield* Loopback.start({
          http: () =>
            ++calls === 1
              ? Loopback.json(tooMany, 429, { "retry-after": retryAfter })
              : Loopback.json({ serverTime: 1 })
        })
        const rest = yield* client(server.url, { maxPauseMs: 1500 })
        const first = yield* Effect.flip(rest.request(time))
        assert.strictEqual(first._tag, "RateLimited")
        if (first._tag === "RateLimited") assert.isAtMost(first.retryAfterMs!, 1500 + 50)
        const status = yield* rest.gate.status
        assert.isAtMost(status.pausedUntil, Date.now() + 1500 + 50)
        yield* Effect.sleep("1600 millis")
        assert.strictEqual((yield* rest.request(time)).serverTime, 1)
      }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)))
  }

  it.live("418 with an absurd Retry-After bans at most maxBanMs; the default caps are 5 minutes and 3 days", () =>
    Effect.gen(function*() {
      let calls = 0
      const server = yield* Loopback.start({
        http: () =>
          ++calls === 1
            ? Loopback.json(tooMany, 418, { "retry-after": "99999999999999999999" })
            : Loopback.json({ serverTime: 2 })
      })
      const rest = yield* client(server.url, { maxBanMs: 1000 })
      const first = yield* Effect.flip(rest.request(time))
      assert.strictEqual(first._tag, "IpBanned")
      if (first._tag === "IpBanned") assert.isAtMost(first.untilMs!, Date.now() + 1000 + 50)
      yield* Effect.sleep("1100 millis")
      assert.strictEqual((yield* rest.request(time)).serverTime, 2)

      const gate = yield* RateLimiter.make("x", { weightLimit: 1, windowMs: 1000, maxWaitMs: 0 })
      const now = Date.now()
      assert.isAtMost((yield* gate.pauseUntil(1e26)) - now, RateLimiter.defaultMaxPauseMs + 1000)
      assert.isAtMost((yield* gate.banUntil(Infinity)) - now, RateLimiter.defaultMaxBanMs + 1000)
      assert.strictEqual(RateLimiter.defaultMaxPauseMs, 300_000)
      assert.strictEqual(RateLimiter.defaultMaxBanMs, 259_200_000)
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)))
})
