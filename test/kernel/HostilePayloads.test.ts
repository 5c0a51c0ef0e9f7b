/**
 * Hostile REST bodies and websocket frames (issue 11): each one ends as a typed error (REST) or a
 * skipped, reported frame (websocket), and the next call or frame works.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createServer, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as RateLimiter from "../../src/kernel/RateLimiter.js"
import * as RestClient from "../../src/kernel/RestClient.js"
import * as ServerClock from "../../src/kernel/ServerClock.js"
import * as WsSession from "../../src/kernel/WsSession.js"
import { Decimal } from "../../src/model/Decimal.js"
import { classifyResponse as envelope } from "../../src/venues/binance/envelope.js"
import { classify } from "../../src/venues/binance/spotErrors.js"
import * as Loopback from "../support/Loopback.js"

const classifyResponse = envelope(classify)

const ticker = {
  method: "GET" as const,
  path: "/api/v3/ticker/price",
  weight: 1,
  signed: false,
  response: Schema.Struct({ symbol: Schema.String, price: Decimal })
}
const good = { symbol: "BTCUSDT", price: "64000.10" }

const client = (url: string, options: Partial<RestClient.RestClientOptions> = {}) =>
  Effect.gen(function*() {
    const gate = yield* RateLimiter.make("binance", { weightLimit: 6000, windowMs: 60_000, maxWaitMs: 10_000 })
    return yield* RestClient.make({
      baseUrl: url,
      rules: { venue: "binance", classify: classifyResponse },
      gate,
      clock: yield* ServerClock.make,
      retry: { maxRetries: 2, baseDelay: "10 millis", maxElapsed: "5 seconds" },
      ...options
    })
  })

/** The call's exit must be a typed failure (never a defect) with this tag. */
const expectTyped = <A, E extends { readonly _tag: string }>(exit: Exit.Exit<A, E>, tag: string) => {
  if (Exit.isSuccess(exit)) return assert.fail("expected a failure, got a success")
  const failure = Cause.failureOption(exit.cause)
  assert.isTrue(failure._tag === "Some", `expected a typed failure, got ${Cause.pretty(exit.cause).slice(0, 300)}`)
  if (failure._tag === "Some") assert.strictEqual(failure.value._tag, tag)
}

const deep = (n: number) => "[".repeat(n) + "]".repeat(n)

/**
 * A server whose first answer to each path is scripted as raw writes (never-ending chunked bodies),
 * then a good ticker. Counts requests and bytes written.
 */
const rawServer = (first: (res: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ url: string; stats: { requests: number; written: number }; close: () => Promise<void> }>(
      (resume) => {
        const stats = { requests: 0, written: 0 }
        const server = createServer((req, res) => {
          req.resume()
          if (++stats.requests === 1) {
            const write = res.write.bind(res)
            res.write = ((chunk: string | Uint8Array, ...rest: Array<never>) => {
              stats.written += chunk.length
              return write(chunk, ...rest)
            }) as typeof res.write
            return first(res)
          }
          res.writeHead(200, { "content-type": "application/json" })
          res.end(JSON.stringify(good))
        })
        server.listen(0, "127.0.0.1", () =>
          resume(Effect.succeed({
            url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            stats,
            close: () =>
              new Promise<void>((done) => {
                server.closeAllConnections()
                server.close(() => done())
              })
          })))
      }
    ),
    (s) => Effect.promise(s.close)
  )

/** Writes `{"symbol":"BTCUSDT","price":"1` and then digits for ever, as fast as the client reads. */
const neverEnding = (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" })
  res.write("{\"symbol\":\"BTCUSDT\",\"price\":\"1")
  const chunk = "0".repeat(64 * 1024)
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) { /* until the socket pushes back */ }
    if (!res.destroyed) res.once("drain", pump)
  }
  res.on("close", () => res.removeAllListeners("drain"))
  pump()
}

for (const { name, platform } of Loopback.Platforms) {
  describe(`hostile REST bodies → a typed error, and the next call works (${name})`, () => {
    const bodies: ReadonlyArray<[string, string]> = [
      ["nested 100,000 deep at top level", deep(100_000)],
      ["nested 100,000 deep inside a field", `{"symbol":"BTCUSDT","price":${deep(100_000)}}`]
    ]
    for (const [title, body] of bodies) {
      it.live(title, () =>
        Effect.gen(function*() {
          let calls = 0
          const server = yield* Loopback.start({
            http: () =>
              ++calls === 1
                ? { status: 200, headers: { "content-type": "application/json" }, body }
                : Loopback.json(good)
          })
          const rest = yield* client(server.url)
          const exit = yield* Effect.exit(rest.request(ticker))
          expectTyped(exit, "DecodeError")
          const next = yield* rest.request(ticker)
          assert.strictEqual(next.symbol, "BTCUSDT")
        }).pipe(Effect.scoped, Effect.provide(platform)))
    }
  })

  describe(`response bodies are capped (RestClient.defaultMaxResponseBytes, 8 MiB), through ${name}`, () => {
    it.live(
      "a never-ending chunked body → DecodeError at the cap, not retried, memory bounded; the next call works",
      () =>
        Effect.gen(function*() {
          const server = yield* rawServer(neverEnding)
          const rest = yield* client(server.url, { timeout: "20 seconds" })
          const before = process.memoryUsage().rss
          const started = Date.now()
          const exit = yield* Effect.exit(rest.request(ticker))
          expectTyped(exit, "DecodeError")
          if (Exit.isFailure(exit)) assert.include(Cause.pretty(exit.cause), "cap")
          assert.isBelow(Date.now() - started, 10_000, "cut off at the cap, not at the timeout")
          assert.strictEqual(server.stats.requests, 1, "not retried")
          assert.isBelow(process.memoryUsage().rss - before, 200 * 1024 * 1024)
          yield* Effect.sleep("100 millis")
          const written = server.stats.written
          yield* Effect.sleep("300 millis")
          assert.isBelow(server.stats.written - written, 1024 * 1024, "the server stopped being read")
          const next = yield* rest.request(ticker)
          assert.strictEqual(next.symbol, "BTCUSDT")
        }).pipe(Effect.scoped, Effect.provide(platform)),
      30_000
    )

    it.live(
      "a 10 MB body (Content-Length) → DecodeError without reading it; a smaller cap is configurable",
      () =>
        Effect.gen(function*() {
          const big = JSON.stringify({ symbol: "BTCUSDT", price: "1", pad: "x".repeat(10_000_000) })
          let calls = 0
          const server = yield* Loopback.start({
            http: () => ++calls === 1 || calls === 3 ? Loopback.json(JSON.parse(big)) : Loopback.json(good)
          })
          const rest = yield* client(server.url)
          expectTyped(yield* Effect.exit(rest.request(ticker)), "DecodeError")
          assert.strictEqual(calls, 1, "not retried")
          assert.strictEqual((yield* rest.request(ticker)).price.toString().length > 0, true)
          const small = yield* client(server.url, { maxResponseBytes: 1024 })
          expectTyped(yield* Effect.exit(small.request(ticker)), "DecodeError")
          assert.strictEqual((yield* small.request(ticker)).symbol, "BTCUSDT")
        }).pipe(Effect.scoped, Effect.provide(platform)),
      30_000
    )
  })
}

describe("hostile websocket frames are skipped and reported; the connection carries on", () => {
  it.live("a frame nested 100,000 deep, and a frame whose payload is nested deep", () =>
    Effect.gen(function*() {
      const server = yield* Loopback.start({})
      const session = yield* WsSession.make({
        venue: "test",
        url: (topics) => `${server.wsUrl}/stream?streams=${topics.join("/")}`,
        topicsInUrl: true,
        subscribe: () => [],
        unsubscribe: () => [],
        watchdog: "5 seconds",
        route: (frame) => {
          const f = frame as { stream?: string; data?: unknown }
          return typeof f.stream === "string" ? { topic: f.stream, payload: f.data } : undefined
        }
      })
      const decode = WsSession.schemaDecoder(Schema.Struct({ p: Schema.String }), (a) => a.p)
      const fiber = yield* session.messages("t").pipe(
        WsSession.decodeOrSkip("test", decode),
        Stream.take(2),
        Stream.runCollect,
        Effect.fork
      )
      while (server.connections.length === 0) yield* Effect.sleep("10 millis")
      const socket = server.connections[0]!.socket
      socket.send(deep(100_000))
      socket.send(`{"stream":"t","data":{"p":${deep(100_000)}}}`)
      socket.send(`{"stream":"t","data":{"p":1e400}}`)
      socket.send(`{"stream":"t","data":{"p":"a"}}`)
      socket.send(`{"stream":"t","data":{"p":"b"}}`)
      const got = yield* Fiber.join(fiber)
      assert.deepStrictEqual(Chunk.toReadonlyArray(got), ["a", "b"])
      assert.strictEqual(server.connections.length, 1, "the connection was not dropped")
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)), 20_000)
})
