import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import * as RateLimiter from "../../src/kernel/RateLimiter.js"
import * as RestClient from "../../src/kernel/RestClient.js"
import * as ServerClock from "../../src/kernel/ServerClock.js"
import { classifyResponse as envelope } from "../../src/venues/binance/envelope.js"
import { classify } from "../../src/venues/binance/spotErrors.js"

const classifyResponse = envelope(classify)
import * as Loopback from "../support/Loopback.js"
import * as RecordingTracer from "../support/RecordingTracer.js"

const time: RestClient.Endpoint<{ readonly serverTime: number }, { readonly serverTime: number }> = {
  method: "GET",
  path: "/api/v3/time",
  weight: 1,
  signed: false,
  response: Schema.Struct({ serverTime: Schema.Number })
}
const post = { ...time, method: "POST" as const, path: "/api/v3/order" }

const client = (url: string, options: Partial<RestClient.RestClientOptions> = {}) =>
  Effect.gen(function*() {
    const gate = yield* RateLimiter.make("binance", { weightLimit: 6000, windowMs: 60_000, maxWaitMs: 10_000 })
    return yield* RestClient.make({
      baseUrl: url,
      rules: { venue: "binance", classify: classifyResponse },
      gate,
      clock: yield* ServerClock.make,
      retry: { maxRetries: 3, baseDelay: "20 millis", maxElapsed: "10 seconds" },
      ...options
    })
  })

const rateLimitBody = { code: -1003, msg: "Too many requests; current limit is 6000 request weight per 1 MINUTE." }

for (const { name, platform } of Loopback.Platforms) {
  describe(`RestClient over a loopback server, through ${name}`, () => {
    it.live("honours 429 Retry-After: no request is sent inside the window, then the GET succeeds", () =>
      Effect.gen(function*() {
        let calls = 0
        let answeredAt = Infinity
        const server = yield* Loopback.start({
          http: () => {
            if (++calls !== 1) return Loopback.json({ serverTime: 42 })
            answeredAt = Date.now()
            return Loopback.json(rateLimitBody, 429, { "retry-after": "1" })
          }
        })
        const rest = yield* client(server.url)
        // another request, started 100 ms after the 429 was answered (a cold first request on a
        // loaded machine can take longer than 100 ms: a request already in flight is not the point)
        const answered = Effect.repeat(Effect.sleep("5 millis"), { until: () => answeredAt < Infinity })
        const other = yield* Effect.fork(
          answered.pipe(Effect.zipRight(Effect.sleep("100 millis")), Effect.zipRight(rest.request(time)))
        )
        const result = yield* rest.request(time)
        assert.strictEqual(result.serverTime, 42)
        assert.strictEqual((yield* other).serverTime, 42)
        assert.isAtLeast(server.requests.length, 2)
        for (const r of server.requests.slice(1)) {
          assert.isAtLeast(r.at - answeredAt, 950, "a request was sent inside the 429 window")
        }
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("a POST after a 429 is not retried; it fails with RateLimited carrying retry-after", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({ http: () => Loopback.json(rateLimitBody, 429, { "retry-after": "3" }) })
        const rest = yield* client(server.url)
        const error = yield* Effect.flip(rest.request(post))
        assert.strictEqual(error._tag, "RateLimited")
        assert.strictEqual(error._tag === "RateLimited" ? error.retryAfterMs : -1, 3000)
        assert.strictEqual(server.requests.length, 1)
        const status = yield* rest.gate.status
        assert.isAbove(status.pausedUntil, Date.now() + 2000)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("a 503 burst is retried for a GET within the bounded schedule", () =>
      Effect.gen(function*() {
        let calls = 0
        const server = yield* Loopback.start({
          http: () => ++calls <= 2 ? { status: 503, body: "Service Unavailable" } : Loopback.json({ serverTime: 7 })
        })
        const rest = yield* client(server.url)
        const result = yield* rest.request(time)
        assert.strictEqual(result.serverTime, 7)
        assert.strictEqual(server.requests.length, 3)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("a GET that keeps failing stops after the bounded number of retries", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({ http: () => ({ status: 503, body: "Service Unavailable" }) })
        const rest = yield* client(server.url)
        const error = yield* Effect.flip(rest.request(time))
        assert.strictEqual(error._tag, "ExchangeUnavailable")
        assert.strictEqual(error.outcome, "transient")
        assert.strictEqual(server.requests.length, 4)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("a 503 on a POST is not retried and is reported as ambiguous", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({ http: () => ({ status: 503, body: "Service Unavailable" }) })
        const rest = yield* client(server.url)
        const error = yield* Effect.flip(rest.request(post))
        assert.strictEqual(error._tag, "ExchangeUnavailable")
        assert.strictEqual(error.outcome, "ambiguous")
        assert.strictEqual(server.requests.length, 1)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("malformed JSON → DecodeError with a snippet of the payload", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({ http: () => ({ status: 200, body: "{\"serverTime\": 12" }) })
        const rest = yield* client(server.url)
        const error = yield* Effect.flip(rest.request(time))
        assert.strictEqual(error._tag, "DecodeError")
        if (error._tag !== "DecodeError") return
        assert.include(error.snippet ?? "", "{\"serverTime\": 12")
        assert.include(error.message, "malformed JSON")
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("a field of the wrong type → DecodeError naming the path; never default-filled", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({ http: () => Loopback.json({ serverTime: "soon" }) })
        const rest = yield* client(server.url)
        const error = yield* Effect.flip(rest.request(time))
        assert.strictEqual(error._tag, "DecodeError")
        if (error._tag !== "DecodeError") return
        assert.strictEqual(error.path, "$.serverTime")
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("an HTML error page → ExchangeUnavailable with a snippet", () =>
      Effect.gen(function*() {
        const page =
          "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
        const server = yield* Loopback.start({
          http: () => ({ status: 502, headers: { "content-type": "text/html" }, body: page })
        })
        const rest = yield* client(server.url, {
          retry: { maxRetries: 0, baseDelay: "1 millis", maxElapsed: "1 second" }
        })
        const error = yield* Effect.flip(rest.request(time))
        assert.strictEqual(error._tag, "ExchangeUnavailable")
        if (error._tag !== "ExchangeUnavailable") return
        assert.include(error.snippet ?? "", "502 Bad Gateway")
        assert.include(error.message, "HTML")
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("an HTTP 200 carrying a Binance error body → the specific tagged error", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({
          http: () => Loopback.json({ code: -2010, msg: "Account has insufficient balance for requested action." }, 200)
        })
        const rest = yield* client(server.url)
        const error = yield* Effect.flip(rest.request(post))
        assert.strictEqual(error._tag, "InsufficientFunds")
        assert.strictEqual(error.venueCode, "-2010")
        assert.strictEqual(error.httpStatus, 200)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("a 418 ban stops every request until it ends, without touching the venue", () =>
      Effect.gen(function*() {
        let calls = 0
        const server = yield* Loopback.start({
          http: () =>
            ++calls === 1
              ? Loopback.json({ code: -1003, msg: "Way too many requests; IP banned until 1700000000000." }, 418, {
                "retry-after": "1"
              })
              : Loopback.json({ serverTime: 1 })
        })
        const rest = yield* client(server.url)
        const first = yield* Effect.flip(rest.request(time))
        assert.strictEqual(first._tag, "IpBanned")
        const second = yield* Effect.flip(rest.request(time))
        assert.strictEqual(second._tag, "IpBanned")
        assert.strictEqual(server.requests.length, 1, "no request reaches the venue during the ban")
        yield* Effect.sleep("1100 millis")
        const after = yield* rest.request(time)
        assert.strictEqual(after.serverTime, 1)
        assert.strictEqual(server.requests.length, 2)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("no answer in time → RequestTimeout: transient (retried) for a GET, ambiguous for a POST", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({ http: () => new Promise(() => {}) })
        const rest = yield* client(server.url, {
          timeout: "150 millis",
          retry: { maxRetries: 1, baseDelay: "10 millis", maxElapsed: "5 seconds" }
        })
        const get = yield* Effect.flip(rest.request(time))
        assert.strictEqual(get._tag, "RequestTimeout")
        assert.strictEqual(get.outcome, "transient")
        assert.strictEqual(server.requests.length, 2)
        const p = yield* Effect.flip(rest.request(post))
        assert.strictEqual(p._tag, "RequestTimeout")
        assert.strictEqual(p.outcome, "ambiguous")
        assert.strictEqual(server.requests.length, 3)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("the local weight budget holds requests back; a venue usage header counts against it", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({
          http: () => Loopback.json({ serverTime: 1 }, 200, { "x-mbx-used-weight-1m": "5" })
        })
        const gate = yield* RateLimiter.make("binance", { weightLimit: 6, windowMs: 60_000, maxWaitMs: 100 })
        const rest = yield* RestClient.make({
          baseUrl: server.url,
          rules: {
            venue: "binance",
            classify: classifyResponse,
            usedWeight: (h) =>
              h["x-mbx-used-weight-1m"] === undefined ? undefined : Number.parseInt(h["x-mbx-used-weight-1m"], 10)
          },
          gate,
          clock: yield* ServerClock.make
        })
        yield* rest.request(time)
        assert.strictEqual((yield* gate.status).used, 5)
        const heavy = yield* Effect.either(rest.request({ ...time, weight: 2 }))
        assert.isTrue(Either.isLeft(heavy))
        if (Either.isLeft(heavy)) assert.strictEqual(heavy.left._tag, "RateLimited")
        assert.strictEqual(server.requests.length, 1)
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("an interrupted request is abandoned: the connection is closed and its span ended as interrupted", () =>
      Effect.gen(function*() {
        // a server that never answers, and tells when the client gave the request up
        const closed: Array<number> = []
        const server = createServer((req, res) => {
          res.on("close", () => closed.push(Date.now()))
          req.resume()
        })
        yield* Effect.acquireRelease(
          Effect.async<void>((resume) => {
            server.listen(0, "127.0.0.1", () => resume(Effect.void))
          }),
          () => Effect.sync(() => server.close())
        )
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
        const { spans, tracer } = yield* RecordingTracer.make
        const rest = yield* client(url)
        const started = Date.now()
        const outcome = yield* Effect.either(
          rest.request(post).pipe(Effect.timeout("200 millis"), Effect.withTracer(tracer))
        )
        assert.isTrue(Either.isLeft(outcome) && outcome.left._tag === "TimeoutException")
        yield* Effect.repeat(Effect.sleep("10 millis"), { until: () => closed.length > 0, times: 300 })
        assert.strictEqual(closed.length, 1, "the abandoned request's connection was not closed")
        assert.isBelow(closed[0]! - started, 2000)
        const span = spans.find((s) => s.name.endsWith("POST /api/v3/order"))
        assert.isDefined(span)
        assert.strictEqual(span!.status._tag, "Ended")
        assert.isTrue(span!.status._tag === "Ended" && Exit.isInterrupted(span!.status.exit))
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("spans and errors never carry the signed query string", () =>
      Effect.gen(function*() {
        const server = yield* Loopback.start({
          http: () => Loopback.json({ code: -1022, msg: "Signature for this request is not valid." }, 400)
        })
        const rest = yield* client(server.url, {
          signer: {
            apiKey: undefined as never,
            sign: (r) => ({ query: `${r.query}&signature=deadbeef`, body: r.body, headers: { "X-MBX-APIKEY": "key" } })
          }
        })
        const error = yield* Effect.flip(rest.request({ ...time, signed: true }))
        assert.strictEqual(error._tag, "AuthenticationFailed")
        assert.notInclude(error.message, "deadbeef")
        assert.include(server.requests[0]!.url, "signature=deadbeef")
      }).pipe(Effect.scoped, Effect.provide(platform)))

    it.live("a signed request that fails without an answer never puts its URL, signature or parameters in the error", () =>
      Effect.gen(function*() {
        const signer = {
          apiKey: undefined as never,
          sign: (r: { query: string; body: string }) => ({
            query: `${r.query}&signature=deadbeef`,
            body: r.body,
            headers: { "X-MBX-APIKEY": "key" }
          })
        }
        const server = yield* Loopback.start({ http: () => ({ drop: true }) })
        const rest = yield* client(server.url, { signer })
        const dropped = yield* Effect.flip(rest.request({ ...post, signed: true }, { query: { symbol: "SECRETSYM" } }))
        assert.strictEqual(dropped._tag, "RequestTimeout")
        assert.strictEqual(dropped.outcome, "ambiguous")
        for (const leak of ["deadbeef", "signature", "SECRETSYM", "127.0.0.1", "?"]) {
          assert.notInclude(dropped.message, leak)
        }
        const closed = yield* client("http://127.0.0.1:1", { signer })
        const refused = yield* Effect.flip(
          closed.request({ ...post, signed: true }, { query: { symbol: "SECRETSYM" } })
        )
        assert.strictEqual(refused._tag, "ExchangeUnavailable")
        assert.strictEqual(refused.outcome, "transient", "refused: the request was never sent")
        assert.notInclude(refused.message, "deadbeef")
        assert.notInclude(refused.message, "SECRETSYM")
      }).pipe(Effect.scoped, Effect.provide(platform)))
  })
}
