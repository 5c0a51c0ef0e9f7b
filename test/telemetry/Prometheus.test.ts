import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as MetricsServer from "../../src/telemetry/MetricsServer.js"
import * as Prometheus from "../../src/telemetry/Prometheus.js"
import * as Binance from "../../src/venues/binance/Binance.js"

const platform = Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)

interface Sample {
  readonly name: string
  readonly labels: Record<string, string>
  readonly value: string
}

/** Parses exposition text samples (label values with escapes). */
const parse = (text: string): ReadonlyArray<Sample> =>
  text.split("\n").filter((l) => l !== "" && !l.startsWith("#")).map((line) => {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (m === null) throw new Error(`bad sample line: ${line}`)
    const labels: Record<string, string> = {}
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g
    for (const l of (m[2] ?? "").matchAll(re)) {
      labels[l[1]!] = l[2]!.replace(/\\n/g, "\n").replace(/\\"/g, "\"").replace(/\\\\/g, "\\")
    }
    return { name: m[1]!, labels, value: m[3]! }
  })

const find = (samples: ReadonlyArray<Sample>, name: string, labels: Record<string, string>) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))

describe("Prometheus exposition", () => {
  it.effect("counters, gauges and histograms, with escaped label values and help text", () =>
    Effect.gen(function*() {
      const counter = Metric.counter("test_requests_total", { description: "Requests\nby \\ path", incremental: true })
      yield* Metric.update(counter.pipe(Metric.tagged("path", "a\"b\\c\nd")), 3)
      const gauge = Metric.gauge("test_connected")
      yield* Metric.set(gauge.pipe(Metric.tagged("exchange", "x")), 1)
      const histogram = Metric.histogram("test_latency_seconds", MetricBoundaries.fromIterable([0.1, 1]), "Latency")
      yield* Metric.update(histogram.pipe(Metric.tagged("endpoint", "/e")), 0.05)
      yield* Metric.update(histogram.pipe(Metric.tagged("endpoint", "/e")), 0.5)
      yield* Metric.update(histogram.pipe(Metric.tagged("endpoint", "/e")), 5)
      const text = yield* Prometheus.scrape
      assert.include(text, "# HELP test_requests_total Requests\\nby \\\\ path\n# TYPE test_requests_total counter\n")
      assert.include(text, "test_requests_total{path=\"a\\\"b\\\\c\\nd\"} 3\n")
      assert.include(text, "# TYPE test_connected gauge\ntest_connected{exchange=\"x\"} 1\n")
      assert.include(
        text,
        [
          "# HELP test_latency_seconds Latency",
          "# TYPE test_latency_seconds histogram",
          "test_latency_seconds_bucket{endpoint=\"/e\",le=\"0.1\"} 1",
          "test_latency_seconds_bucket{endpoint=\"/e\",le=\"1\"} 2",
          "test_latency_seconds_bucket{endpoint=\"/e\",le=\"+Inf\"} 3",
          "test_latency_seconds_sum{endpoint=\"/e\"} 5.55",
          "test_latency_seconds_count{endpoint=\"/e\"} 3"
        ].join("\n")
      )
      const samples = parse(text)
      assert.strictEqual(find(samples, "test_requests_total", {})[0]?.labels["path"], "a\"b\\c\nd")
    }))

  it.live("Effect's own fiber metrics (effect_fiber_failures counts interruptions) are left out unless asked for", () =>
    Effect.gen(function*() {
      // a healthy program interrupts fibers all the time: races, timeouts
      yield* Effect.race(Effect.sleep("1 millis"), Effect.never)
      yield* Effect.timeout(Effect.never, "1 millis").pipe(Effect.ignore)
      const all = yield* Prometheus.scrapeWith({ runtimeMetrics: true })
      assert.match(all, /^effect_fiber_failures \d+$/m)
      const text = yield* Prometheus.scrape
      assert.notInclude(text, "effect_fiber_")
      const server = yield* MetricsServer.start({ port: 0 })
      const served = yield* Effect.promise(() => fetch(server.url).then((r) => r.text()))
      assert.notInclude(served, "effect_fiber_")
    }).pipe(Effect.scoped))

  it.live("/metrics over HTTP shows the four DESIGN.md metrics with their labels after calls against the sandbox", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 3 })
      const exchange = yield* Binance.make({
        environment: "sandbox",
        restUrl: sandbox.urls.binance.rest,
        wsUrl: sandbox.urls.binance.ws,
        credentials: {
          apiKey: Redacted.make(sandbox.credentials.binance.apiKey),
          secret: sandbox.credentials.binance.secret
        }
      })
      yield* exchange.ticker("BTCUSDT")
      yield* exchange.ticker("BTC/USDT")
      // keep a websocket subscription open while scraping (inbound frames are counted in batches)
      const latch = yield* Deferred.make<void>()
      yield* Effect.forkScoped(
        exchange.watchBookUpdates("BTCUSDT").pipe(Stream.tap(() => Deferred.succeed(latch, undefined)), Stream.runDrain)
      )
      yield* Deferred.await(latch)
      const server = yield* MetricsServer.start({ port: 0 })
      const scrape = Effect.promise(async () => {
        const res = await fetch(server.url)
        return { res, text: await res.text() }
      })
      let { res, text } = yield* scrape
      for (let i = 0; i < 40 && !text.includes("direction=\"in\""); i++) {
        yield* Effect.sleep("100 millis")
        ;({ res, text } = yield* scrape)
      }
      assert.strictEqual(res.status, 200)
      assert.include(res.headers.get("content-type") ?? "", "text/plain; version=0.0.4")
      const samples = parse(text)

      assert.include(text, "# TYPE http_request_latency_seconds histogram")
      const buckets = find(samples, "http_request_latency_seconds_bucket", {
        exchange: "binance",
        endpoint: "/api/v3/ticker/24hr"
      })
      assert.isAbove(buckets.length, 2)
      assert.strictEqual(buckets.find((b) => b.labels["le"] === "+Inf")?.value, "2")
      assert.strictEqual(
        find(samples, "http_request_latency_seconds_count", { exchange: "binance", endpoint: "/api/v3/ticker/24hr" })[0]
          ?.value,
        "2"
      )
      assert.lengthOf(find(samples, "http_request_latency_seconds_sum", { exchange: "binance" }), 2) // exchangeInfo, ticker

      assert.include(text, "# TYPE http_requests_total counter")
      const ok = find(samples, "http_requests_total", { exchange: "binance", status_code: "200" })
      assert.strictEqual(ok.length, 1)
      assert.isAtLeast(Number.parseInt(ok[0]!.value, 10), 3)

      assert.include(text, "# TYPE websocket_messages_total counter")
      assert.isAtLeast(
        Number.parseInt(
          find(samples, "websocket_messages_total", { exchange: "binance", direction: "in" })[0]!.value,
          10
        ),
        1
      )

      assert.include(text, "# TYPE websocket_connection_status gauge")
      assert.strictEqual(find(samples, "websocket_connection_status", { exchange: "binance" })[0]?.value, "1")

      const notFound = yield* Effect.promise(() => fetch(server.url.replace("/metrics", "/other")))
      assert.strictEqual(notFound.status, 404)
      assert.notInclude(text, sandbox.credentials.binance.apiKey)
    }).pipe(Effect.scoped, Effect.provide(platform)))
})
