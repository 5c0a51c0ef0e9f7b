/**
 * The clock offset is measured around the request's own round trip (issue 11, defect 5): a 429 on
 * the time request, and the Retry-After wait before its retry, must not corrupt it.
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

const client = (url: string) =>
  Effect.gen(function*() {
    const gate = yield* RateLimiter.make("binance", { weightLimit: 6000, windowMs: 60_000, maxWaitMs: 10_000 })
    return yield* RestClient.make({
      baseUrl: url,
      rules: { venue: "binance", classify: classifyResponse },
      gate,
      clock: yield* ServerClock.make,
      retry: { maxRetries: 2, baseDelay: "10 millis", maxElapsed: "10 seconds" }
    })
  })

const tooMany = { code: -1003, msg: "Too many requests; current limit is 6000 request weight per 1 MINUTE." }

describe("ServerClock.sync", () => {
  for (const retryAfter of ["1", "3"]) {
    it.live(
      `a 429 (Retry-After ${retryAfter} s) on the time request does not skew the offset`,
      () =>
        Effect.gen(function*() {
          let calls = 0
          // the loopback server shares our clock: the true offset is 0
          const server = yield* Loopback.start({
            http: () =>
              ++calls === 1
                ? Loopback.json(tooMany, 429, { "retry-after": retryAfter })
                : Loopback.json({ serverTime: Date.now() })
          })
          const rest = yield* client(server.url)
          const sync = yield* rest.clock.sync(Effect.map(rest.request(time), (r) => r.serverTime))
          // 1 refused + 1 sample; up to 3 samples when the first round trip is 100 ms or more (a
          // loaded machine)
          assert.isAtLeast(calls, 2, "the time request was retried after the pause")
          assert.isAtMost(calls, 4, "at most three samples after the refused request")
          assert.isBelow(Math.abs(sync.offsetMs), 100, `offset ${sync.offsetMs} ms, truth 0`)
          assert.isBelow(sync.roundTripMs, 500, "the round trip excludes the Retry-After wait")
          assert.isTrue(sync.used)
          assert.isBelow(Math.abs(yield* rest.clock.offset), 100)
        }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
      20_000
    )
  }

  it.live("a sample over a round trip longer than maxSampleRoundTripMs is not used", () =>
    Effect.gen(function*() {
      const server = yield* Loopback.start({
        http: () =>
          new Promise((resolve) =>
            setTimeout(
              () => resolve(Loopback.json({ serverTime: Date.now() + 60_000 })),
              ServerClock.maxSampleRoundTripMs + 300
            )
          )
      })
      const rest = yield* client(server.url)
      yield* rest.clock.set(123)
      const sync = yield* rest.clock.sync(Effect.map(rest.request(time), (r) => r.serverTime))
      assert.strictEqual(yield* rest.clock.offset, 123)
      assert.strictEqual(sync.offsetMs, 123)
      assert.isFalse(sync.used)
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)), 20_000)
})
