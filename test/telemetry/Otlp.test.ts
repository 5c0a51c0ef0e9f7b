import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import { assert, describe, it } from "@effect/vitest"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Otlp from "../../src/telemetry/Otlp.js"
import * as Binance from "../../src/venues/binance/Binance.js"

const platform = Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)

describe("OTLP span export", () => {
  it("traces URL from a collector base URL", () => {
    assert.strictEqual(Otlp.tracesUrl("http://localhost:4318"), "http://localhost:4318/v1/traces")
    assert.strictEqual(Otlp.tracesUrl("http://localhost:4318/"), "http://localhost:4318/v1/traces")
    assert.strictEqual(Otlp.tracesUrl("http://c/v1/traces"), "http://c/v1/traces")
  })

  it.live("one span per REST call with venue, endpoint and status; no key, secret, signature or signed query", () => {
    const exporter = new InMemorySpanExporter()
    let apiKey = ""
    let secret = ""
    return Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 5 })
      apiKey = sandbox.credentials.binance.apiKey
      secret = Redacted.value(sandbox.credentials.binance.secret)
      const exchange = yield* Binance.make({
        environment: "sandbox",
        restUrl: sandbox.urls.binance.rest,
        wsUrl: sandbox.urls.binance.ws,
        credentials: { apiKey: Redacted.make(apiKey), secret: sandbox.credentials.binance.secret }
      })
      yield* exchange.ticker("BTCUSDT") // exchangeInfo + ticker
      yield* exchange.ticker("BTCUSDT") // ticker (markets cached)
      yield* exchange.balances // signed account request
      yield* Effect.flip(exchange.getOrder({ symbol: "BTCUSDT", id: "999999" })) // signed, fails with OrderNotFound
    }).pipe(
      Effect.scoped,
      // check before the layer closes: shutting the SDK down empties the in-memory exporter
      Effect.map(() => {
        const spans = exporter.getFinishedSpans()
        const all = spans.filter((s) => s.attributes["lotusx.endpoint"] !== undefined)
        // The clock sync takes one sample, or up to three when the first round trip is 100 ms or
        // more (a loaded machine): the same span, repeated.
        const rest = all.filter((s, i) =>
          !(s.attributes["lotusx.endpoint"] === "/api/v3/time" &&
            all[i - 1]?.attributes["lotusx.endpoint"] === "/api/v3/time")
        )
        assert.isAtMost(all.length - rest.length, 2)
        assert.deepStrictEqual(rest.map((s) => s.attributes["lotusx.endpoint"]), [
          "/api/v3/exchangeInfo",
          "/api/v3/ticker/24hr",
          "/api/v3/ticker/24hr",
          "/api/v3/time", // the server-clock sync before the first signed request
          "/api/v3/account",
          "/api/v3/order"
        ])
        for (const span of rest) {
          assert.strictEqual(span.attributes["lotusx.venue"], "binance")
          assert.isNumber(span.attributes["http.response.status_code"], span.name)
        }
        assert.strictEqual(rest[0]!.attributes["http.response.status_code"], 200)
        const failed = rest[5]!
        assert.notStrictEqual(failed.attributes["http.response.status_code"], 200)
        assert.strictEqual(failed.status.code, 2) // ERROR
        assert.strictEqual(failed.resource.attributes["service.name"], "lotusx-test")

        const everything = JSON.stringify(spans.map((s) => ({
          name: s.name,
          attributes: s.attributes,
          events: s.events,
          links: s.links,
          status: s.status
        })))
        assert.notInclude(everything, apiKey)
        assert.notInclude(everything, secret)
        assert.notInclude(everything.toLowerCase(), "signature")
        assert.notInclude(everything, "timestamp=")
        assert.notInclude(everything, "recvWindow")
        assert.notInclude(everything.toLowerCase(), "x-mbx-apikey")
        // the kernel turns off the platform's own http.client spans (they would record the signed URL
        // and the request headers); the exporter's scrubbing stays as a second line of defence
        assert.strictEqual(spans.filter((s) => s.name.startsWith("http.client")).length, 0)
      }),
      Effect.provide(Layer.merge(platform, Otlp.layerSpanProcessor(new SimpleSpanProcessor(exporter), "lotusx-test")))
    )
  })

  it.live("a span per websocket session and per connection, with open, subscribe and reconnect events", () => {
    const exporter = new InMemorySpanExporter()
    return Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 6, market: { intervalMs: { min: 10, max: 20 } } })
      const exchange = yield* Binance.make({
        environment: "sandbox",
        restUrl: sandbox.urls.binance.rest,
        wsUrl: sandbox.urls.binance.ws,
        stream: { watchdog: "2 seconds" }
      })
      let seen = 0
      yield* exchange.watchTrades("BTC/USDT").pipe(
        Stream.tap(() =>
          Effect.suspend(() => {
            seen++
            return seen === 2 ? Effect.asVoid(sandbox.faults.add("wsClose:count=1")) : Effect.void
          })
        ),
        Stream.take(6),
        Stream.runDrain
      )
      // the session's loop ends once the last subscriber is gone
      yield* Effect.sleep("50 millis")
    }).pipe(
      Effect.scoped,
      Effect.map(() => {
        const spans = exporter.getFinishedSpans()
        const sessions = spans.filter((s) => s.name === "ws.session")
        const connections = spans.filter((s) => s.name === "ws.connection")
        assert.strictEqual(sessions.length, 1)
        assert.isAtLeast(connections.length, 2)
        const session = sessions[0]!
        assert.strictEqual(session.attributes["lotusx.venue"], "binance")
        assert.isUndefined(session.parentSpanContext?.spanId)
        assert.include(session.events.map((e) => e.name), "reconnect")
        const reconnect = session.events.find((e) => e.name === "reconnect")!
        assert.isNumber(reconnect.attributes?.["lotusx.ws.delay_ms"])
        for (const connection of connections) {
          assert.strictEqual(connection.parentSpanContext?.spanId, session.spanContext().spanId)
          // a connection that was lost also records why (an "exception" event, status ERROR)
          assert.deepStrictEqual(connection.events.map((e) => e.name).slice(0, 2), ["open", "subscribe"])
        }
      }),
      Effect.provide(Layer.merge(platform, Otlp.layerSpanProcessor(new SimpleSpanProcessor(exporter), "lotusx-test")))
    )
  }, 30_000)
})
