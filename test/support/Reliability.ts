/**
 * The reliability suite's measurements (issue 11), shared by the reduced run inside the test suite
 * (`test/reliability/`) and the full run (`npm run reliability`, `scripts/reliability.ts`):
 *
 * - hostile REST bodies and websocket frames, per venue: each must end as a typed error (REST) or a
 *   skipped, counted frame (websocket), never a defect, and the next call or frame must work;
 * - a secret canary driven through logs (all levels), `Cause.pretty`, `util.inspect` and
 *   `JSON.stringify` of errors, spans and metrics: it must appear nowhere (the CLI's output:
 *   `CliCanary.ts`).
 */
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Metric from "effect/Metric"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { createServer, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as util from "node:util"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { MarketDataError } from "../../src/Exchange.js"
import * as RateLimiter from "../../src/kernel/RateLimiter.js"
import * as RestClient from "../../src/kernel/RestClient.js"
import * as ServerClock from "../../src/kernel/ServerClock.js"
import type { VenueAdapter } from "../../src/kernel/VenueAdapter.js"
import * as WsSession from "../../src/kernel/WsSession.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import { bookConnectionMarkers, type BookUpdate } from "../../src/model/OrderBook.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Otlp from "../../src/telemetry/Otlp.js"
import * as Prometheus from "../../src/telemetry/Prometheus.js"
import * as Binance from "../../src/venues/binance/Binance.js"
import * as BinanceUsdm from "../../src/venues/binance/BinanceUsdm.js"
import { spot } from "../../src/venues/binance/convert.js"
import { classifyResponse as binanceEnvelope } from "../../src/venues/binance/envelope.js"
import { classify as binanceSpotClassify } from "../../src/venues/binance/spotErrors.js"
import * as BinanceStreams from "../../src/venues/binance/streams.js"
import * as BinanceWire from "../../src/venues/binance/wire.js"
import * as Bybit from "../../src/venues/bybit/Bybit.js"
import { classifyResponse as bybitClassify } from "../../src/venues/bybit/errors.js"
import * as BybitWire from "../../src/venues/bybit/wire.js"
import { binanceUsdm } from "../e2e/binance-usdm.harness.js"
import { binance } from "../e2e/binance.harness.js"
import { bybitLinear } from "../e2e/bybit-linear.harness.js"
import { bybit } from "../e2e/bybit.harness.js"
import type { VenueHarness } from "../e2e/harness.js"
import * as Loopback from "./Loopback.js"

// ---- hostile REST bodies ----------------------------------------------------------------------

/** How a hostile response is written: a body (with its headers), or raw writes for streaming ones. */
export type HostileBody =
  | { readonly _tag: "body"; readonly body: string | Buffer; readonly headers?: Record<string, string> }
  | { readonly _tag: "raw"; readonly write: (res: ServerResponse) => void }

/** A venue's ticker endpoint and a good answer to it (from the venues' documented examples). */
interface RestVenue {
  readonly name: string
  readonly endpoint: RestClient.Endpoint<any, any>
  readonly classify: RestClient.VenueRules["classify"]
  /** A good answer, as a JSON value; hostile ones are derived from it. */
  readonly good: unknown
  /** Puts `value` (raw JSON text) where the venue writes the last price. */
  readonly withLastPrice: (valueJson: string) => string
  /** Puts `value` (raw JSON text) where the venue writes the best bid size. */
  readonly withBidSize: (valueJson: string) => string
}

const binanceTicker = {
  symbol: "BNBBTC",
  priceChange: "-94.99999800",
  priceChangePercent: "-95.960",
  lastPrice: "4.00000200",
  bidPrice: "4.00000000",
  bidQty: "100.00000000",
  askPrice: "4.00000200",
  askQty: "100.00000000",
  openPrice: "99.00000000",
  highPrice: "100.00000000",
  lowPrice: "0.10000000",
  volume: "8913.30000000",
  quoteVolume: "15.30000000",
  openTime: 1499783499040,
  closeTime: 1499869899040
}

const bybitTickers = {
  retCode: 0,
  retMsg: "OK",
  result: {
    category: "spot",
    list: [{
      symbol: "BTCUSDT",
      bid1Price: "20517.96",
      bid1Size: "2",
      ask1Price: "20527.77",
      ask1Size: "1.862172",
      lastPrice: "20533.13",
      prevPrice24h: "20393.48",
      price24hPcnt: "-0.0068",
      highPrice24h: "21128.12",
      lowPrice24h: "20318.89",
      turnover24h: "243765620.65899866",
      volume24h: "11801.27771"
    }]
  },
  retExtInfo: {},
  time: 1673859087947
}

const replaceField = (json: string, field: string, valueJson: string) =>
  json.replace(new RegExp(`"${field}":"[^"]*"`), `"${field}":${valueJson}`)

/** The venues the REST part runs against (their real wire schemas and error classifiers). */
export const restVenues: ReadonlyArray<RestVenue> = [
  {
    name: "binance",
    endpoint: {
      method: "GET",
      path: "/api/v3/ticker/24hr",
      weight: 2,
      signed: false,
      response: BinanceWire.Ticker24hr
    },
    classify: binanceEnvelope(binanceSpotClassify),
    good: binanceTicker,
    withLastPrice: (v) => replaceField(JSON.stringify(binanceTicker), "lastPrice", v),
    withBidSize: (v) => replaceField(JSON.stringify(binanceTicker), "bidQty", v)
  },
  {
    name: "bybit",
    endpoint: {
      method: "GET",
      path: "/v5/market/tickers",
      weight: 1,
      signed: false,
      response: BybitWire.Envelope(BybitWire.Page(BybitWire.Ticker))
    },
    classify: bybitClassify,
    good: bybitTickers,
    withLastPrice: (v) => replaceField(JSON.stringify(bybitTickers), "lastPrice", v),
    withBidSize: (v) => replaceField(JSON.stringify(bybitTickers), "bid1Size", v)
  }
]

const deep = (n: number) => "[".repeat(n) + "]".repeat(n)

/** Writes a JSON prefix and then digits for ever, as fast as the client reads. */
const neverEnding = (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" })
  res.write("{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"1")
  const chunk = "0".repeat(64 * 1024)
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) { /* until the socket pushes back */ }
    if (!res.destroyed) res.once("drain", pump)
  }
  pump()
}

/** The text with its `@` replaced by two bytes that are not UTF-8. */
const invalidUtf8 = (text: string): Buffer => {
  const [before, after] = text.split("@")
  return Buffer.concat([Buffer.from(before!), Buffer.from([0xff, 0xfe]), Buffer.from(after!)])
}

/**
 * The hostile REST bodies, by name. Each must end as a typed error. (A number beyond 2^53 in an
 * id is not hostile — it is kept exactly — so it is not here; in a price it is a wrong type.)
 */
export const hostileRestBodies = (venue: RestVenue): ReadonlyArray<readonly [string, HostileBody]> => [
  ["non-finite number (1e400)", { _tag: "body", body: venue.withLastPrice("1e400") }],
  ["exponent string (\"1e-400\")", { _tag: "body", body: venue.withLastPrice("\"1e-400\"") }],
  ["negative price (\"-5\")", { _tag: "body", body: venue.withLastPrice("\"-5\"") }],
  ["negative size (\"-0\")", { _tag: "body", body: venue.withBidSize("\"-0\"") }],
  ["wrong type (price as object)", { _tag: "body", body: venue.withLastPrice("{\"a\":1}") }],
  ["nested 100,000 deep (top level)", { _tag: "body", body: deep(100_000) }],
  ["nested 100,000 deep (in a field)", { _tag: "body", body: venue.withLastPrice(deep(100_000)) }],
  ["__proto__ / constructor keys", {
    _tag: "body",
    body: venue.withLastPrice("{\"__proto__\":{\"polluted\":1},\"constructor\":{\"prototype\":{\"polluted\":1}}}")
  }],
  ["invalid UTF-8", { _tag: "body", body: invalidUtf8(venue.withLastPrice("\"4.0@\"")) }],
  ["10 MB body", {
    _tag: "body",
    body: JSON.stringify({ ...(venue.good as object), pad: "x".repeat(10_000_000) })
  }],
  ["never-ending chunked body", { _tag: "raw", write: neverEnding }]
]

/** Per hostile payload: how its calls ended, and whether the call after each one worked. */
export interface HostileRestResult {
  readonly venue: string
  readonly payload: string
  readonly calls: number
  /** Ended in the error channel with a tagged error. */
  readonly typed: number
  /** Ended as a defect (a throw, a RangeError…) or an untagged failure. */
  readonly defects: number
  /** Succeeded: a hostile body was accepted as data. */
  readonly accepted: number
  /** The good call right after each hostile one succeeded. */
  readonly nextOk: number
  readonly tags: ReadonlyArray<string>
  /** Largest resident-set growth seen during the run, MiB. */
  readonly peakRssGrowthMiB: number
}

/** A loopback server: answers with the current hostile body once, then with good answers. */
const scriptedServer = (good: string) =>
  Effect.acquireRelease(
    Effect.async<{ url: string; next: { body: HostileBody | undefined }; close: () => Promise<void> }>((resume) => {
      const next: { body: HostileBody | undefined } = { body: undefined }
      const server = createServer((req, res) => {
        req.resume()
        const hostile = next.body
        next.body = undefined
        if (hostile === undefined) {
          res.writeHead(200, { "content-type": "application/json" })
          return res.end(good)
        }
        if (hostile._tag === "raw") return hostile.write(res)
        res.writeHead(200, { "content-type": "application/json", ...hostile.headers })
        res.end(hostile.body)
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          next,
          close: () =>
            new Promise<void>((done) => {
              server.closeAllConnections()
              server.close(() => done())
            })
        })))
    }),
    (s) => Effect.promise(s.close)
  )

/** Sends each hostile body `n` times (each followed by a good call) to each venue's endpoint. */
export const hostileRest = (n: number) =>
  Effect.gen(function*() {
    const results: Array<HostileRestResult> = []
    for (const venue of restVenues) {
      const server = yield* scriptedServer(JSON.stringify(venue.good))
      const gate = yield* RateLimiter.make(venue.name, { weightLimit: 1e9, windowMs: 60_000, maxWaitMs: 10_000 })
      const rest = yield* RestClient.make({
        baseUrl: server.url,
        rules: { venue: venue.name, classify: venue.classify },
        gate,
        clock: yield* ServerClock.make,
        retry: { maxRetries: 2, baseDelay: "5 millis", maxElapsed: "5 seconds" },
        timeout: "20 seconds"
      })
      for (const [payload, body] of hostileRestBodies(venue)) {
        let typed = 0
        let defects = 0
        let accepted = 0
        let nextOk = 0
        const tags = new Set<string>()
        const base = process.memoryUsage().rss
        let peak = 0
        for (let i = 0; i < n; i++) {
          server.next.body = body
          const exit = yield* Effect.exit(rest.request(venue.endpoint))
          if (Exit.isSuccess(exit)) accepted++
          else {
            const failure = Cause.failureOption(exit.cause)
            if (failure._tag === "Some" && typeof failure.value._tag === "string") {
              typed++
              tags.add(failure.value._tag)
            } else defects++
          }
          server.next.body = undefined
          if (Exit.isSuccess(yield* Effect.exit(rest.request(venue.endpoint)))) nextOk++
          peak = Math.max(peak, process.memoryUsage().rss - base)
        }
        results.push({
          venue: venue.name,
          payload,
          calls: n,
          typed,
          defects,
          accepted,
          nextOk,
          tags: [...tags],
          peakRssGrowthMiB: Math.round(peak / 1024 / 1024)
        })
      }
    }
    // decoding `__proto__` keys must not have polluted any prototype
    const polluted = (Object.prototype as Record<string, unknown>).polluted !== undefined
    return { results, polluted }
  }).pipe(Effect.scoped)

// ---- hostile websocket frames -----------------------------------------------------------------

/** The hostile frames sent on a Binance ticker stream, each followed by a good one. */
export const hostileFrames = (topic: string): ReadonlyArray<readonly [string, string]> => {
  const good = (c: string) =>
    `{"stream":"${topic}","data":{"e":"24hrTicker","E":1672515782136,"s":"BNBBTC","p":"0.0015","P":"250.00","c":"${c}","o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18"}}`
  return [
    ["non-finite number (1e400)", good("4").replace("\"E\":1672515782136", "\"E\":1e400")],
    ["exponent string", good("1e-400")],
    ["negative price", good("-5")],
    ["number beyond 2^53 as a time", good("4").replace("\"E\":1672515782136", "\"E\":123456789012345678901234")],
    ["wrong type", good("4").replace("\"c\":\"4\"", "\"c\":[1]")],
    ["nested 100,000 deep (frame)", deep(100_000)],
    ["nested 100,000 deep (in a field)", good("4").replace("\"c\":\"4\"", `"c":${deep(100_000)}`)],
    ["__proto__ key", good("4").replace("\"c\":\"4\"", "\"c\":{\"__proto__\":{\"polluted\":1}}")],
    ["not JSON", "{\"stream\":"],
    ["5 MiB frame (over the 4 MiB cap)", good("4").replace("\"q\":\"18\"", `"q":"${"1".repeat(5 * 1024 * 1024)}"`)]
  ]
}

/** Result of the websocket part: good frames delivered, hostile ones skipped, one connection. */
export interface HostileWsResult {
  readonly hostileSent: number
  readonly goodSent: number
  readonly goodDelivered: number
  readonly hostileDelivered: number
  readonly connections: number
}

/** Sends every hostile frame `n` times on a Binance combined stream, each followed by a good frame. */
export const hostileWs = (n: number) =>
  Effect.gen(function*() {
    const server = yield* Loopback.start({})
    const topic = "bnbbtc@ticker"
    const session = yield* WsSession.make(BinanceStreams.protocol({
      venue: "binance",
      baseUrl: server.wsUrl,
      watchdog: "30 seconds",
      heartbeat: "10 seconds"
    }))
    const market = { symbol: "BNBBTC", unified: "BNB/BTC" } as unknown as Market
    const channel = BinanceStreams.channels(spot).ticker
    const frames = hostileFrames(topic)
    const goodCount = frames.length * n
    const fiber = yield* session.messages(topic).pipe(
      WsSession.decodeOrSkip("binance", channel.decode(market)),
      Stream.take(goodCount),
      Stream.runCollect,
      Effect.timeout("120 seconds"),
      Effect.fork
    )
    while (server.connections.length === 0) yield* Effect.sleep("10 millis")
    const socket = server.connections[0]!.socket
    let i = 0
    for (let round = 0; round < n; round++) {
      for (const [, frame] of frames) {
        socket.send(frame)
        i++
        socket.send(
          `{"stream":"${topic}","data":{"e":"24hrTicker","E":${i},"s":"BNBBTC","p":"0.0015","P":"250.00","c":"${i}.5","o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18"}}`
        )
      }
      yield* Effect.sleep("1 millis")
    }
    const delivered = Chunk.toReadonlyArray(yield* Fiber.join(fiber)).flat()
    const goodDelivered = delivered.filter((t) => Decimal.format(t.last).endsWith(".5")).length
    return {
      hostileSent: frames.length * n,
      goodSent: goodCount,
      goodDelivered,
      hostileDelivered: delivered.length - goodDelivered,
      connections: server.connections.length
    } satisfies HostileWsResult
  }).pipe(Effect.scoped)

// ---- silent feed ----------------------------------------------------------------------------

/** The watchdog the silence measurement runs with. */
export const silenceWatchdogMs = 1500

/**
 * Puts a book on `harness`'s venue (wired from the venue adapter's own `streams`, as the connector
 * wires `watchBookUpdates`, with `onInterrupted`), silences its websocket with the sandbox's
 * `wsSilence` fault, and measures how long until the book says the feed was interrupted, and until
 * it is live again. Both are `Infinity` when it does not happen within 10 s.
 */
export const silenceOn = (harness: VenueHarness, adapter: VenueAdapter<any>) =>
  Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
    const exchange = yield* harness.connect(sandbox)
    const market = yield* exchange.market(harness.symbol)
    const ops = adapter.streams
    const protocols = ops.connections({
      baseUrl: sandbox.urls[harness.venue as "binance" | "binance-usdm" | "bybit"].ws,
      watchdog: `${silenceWatchdogMs} millis`,
      heartbeat: "1 second"
    })
    const session = yield* WsSession.make(protocols[ops.connectionOf(market)]!)
    const book = yield* LiveOrderBook.make<MarketDataError>({
      market,
      updates: session.messages(ops.book.topic(market)).pipe(
        WsSession.decodeOrSkip(harness.venue, ops.book.decode(market), bookConnectionMarkers(market.symbol)),
        Stream.mapConcat((u): ReadonlyArray<BookUpdate> => Array.isArray(u) ? u : [u as BookUpdate])
      ),
      snapshot: (depth) => exchange.orderBook(market.unified, depth),
      sync: ops.bookSync,
      depth: 5
    })
    yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead, Effect.timeout("10 seconds"))
    yield* Effect.sleep("300 millis")
    const start = Date.now()
    yield* sandbox.faults.add({ kind: "wsSilence", path: harness.paths.marketStream, count: 1 })
    const stale = yield* book.views.pipe(
      Stream.filter((v) => v.state === "stale" && (v.reason ?? "").includes("interrupted")),
      Stream.runHead,
      Effect.timeout("10 seconds"),
      Effect.option
    )
    const staleAfterMs = stale._tag === "Some" ? Date.now() - start : Infinity
    const live = yield* book.views.pipe(
      Stream.filter((v) => v.state === "live"),
      Stream.runHead,
      Effect.timeout("10 seconds"),
      Effect.option
    )
    const liveAgainAfterMs = live._tag === "Some" ? Date.now() - start : Infinity
    return {
      venue: harness.venue,
      symbol: harness.symbol,
      staleAfterMs,
      liveAgainAfterMs,
      connections: yield* session.connections
    }
  }).pipe(Effect.scoped)

/** The venues (and one market each) the silence measurement covers. */
export const silenceVenues: ReadonlyArray<readonly [VenueHarness, VenueAdapter<any>]> = [
  [bybit, Bybit.adapter],
  [bybitLinear, Bybit.adapter],
  [binance, Binance.adapter],
  [binanceUsdm, BinanceUsdm.adapter]
]

/** `silenceOn` for every venue. */
export const silenceDetection = Effect.forEach(silenceVenues, ([h, a]) => silenceOn(h, a))

// ---- secret canary ----------------------------------------------------------------------------

/** Where the canary was looked for, and how often it was found. */
export interface CanaryResult {
  readonly places: Record<string, number>
  readonly hits: number
}

const count = (haystack: string, needles: ReadonlyArray<string>) =>
  needles.reduce((n, needle) => n + haystack.split(needle).length - 1, 0)

/**
 * Drives the sandbox's Binance and Bybit keys (the canaries: the API key and the secret) through
 * successful calls, signed calls that fail (a wrong secret, an unknown order, every REST fault the
 * sandbox has) with logs at `All`, and looks for them in the logs, in `Cause.pretty`,
 * `util.inspect` and `JSON.stringify` of every error, in every span, and in every metric of the
 * process (Prometheus text, and the registry's names, descriptions and labels).
 */
export const secretCanary = Effect.gen(function*() {
  const exporter = new InMemorySpanExporter()
  const logs: Array<string> = []
  const logger = Logger.make(({ annotations, cause, message, spans }) => {
    logs.push(util.inspect({ message, cause: Cause.pretty(cause), annotations, spans }, { depth: 10 }))
  })
  const errors: Array<unknown> = []
  const causes: Array<string> = []
  const canaries: Array<string> = []
  const program = Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({ seed: 11 })
    const binance = sandbox.credentials.binance
    const bybit = sandbox.credentials.bybit
    canaries.push(binance.apiKey, Redacted.value(binance.secret), bybit.apiKey, Redacted.value(bybit.secret))
    const exchanges = [
      yield* Binance.make({
        environment: "sandbox",
        restUrl: sandbox.urls.binance.rest,
        wsUrl: sandbox.urls.binance.ws,
        credentials: { apiKey: Redacted.make(binance.apiKey), secret: binance.secret },
        retry: { maxRetries: 1, baseDelay: "5 millis", maxElapsed: "2 seconds" },
        timeout: "500 millis"
      }),
      yield* Bybit.make({
        environment: "sandbox",
        restUrl: sandbox.urls.bybit.rest,
        wsUrl: sandbox.urls.bybit.ws,
        credentials: { apiKey: Redacted.make(bybit.apiKey), secret: bybit.secret },
        retry: { maxRetries: 1, baseDelay: "5 millis", maxElapsed: "2 seconds" },
        timeout: "500 millis"
      })
    ]
    const wrongSecret = [
      yield* Binance.make({
        environment: "sandbox",
        restUrl: sandbox.urls.binance.rest,
        wsUrl: sandbox.urls.binance.ws,
        credentials: {
          apiKey: Redacted.make(binance.apiKey),
          secret: Redacted.make(`${Redacted.value(binance.secret)}x`)
        }
      })
    ]
    const record = <A, E>(effect: Effect.Effect<A, E>) =>
      Effect.exit(effect).pipe(Effect.map((exit) => {
        if (Exit.isFailure(exit)) {
          causes.push(Cause.pretty(exit.cause))
          const failure = Cause.failureOption(exit.cause)
          if (failure._tag === "Some") errors.push(failure.value)
        }
      }))
    const calls = (ex: (typeof exchanges)[number]) => [
      ex.ticker("BTC/USDT"),
      ex.balances,
      ex.openOrders("BTC/USDT"),
      ex.getOrder({ symbol: "BTC/USDT", id: "999999" }),
      ex.healthCheck
    ]
    for (const ex of [...exchanges, ...wrongSecret]) {
      for (const call of calls(ex)) yield* record(call as Effect.Effect<unknown, unknown>)
    }
    for (
      const kind of [
        "http429",
        "http418",
        "http503",
        "htmlError",
        "authFailure",
        "malformedJson",
        "truncatedJson",
        "dropResponse"
      ] as const
    ) {
      for (const ex of exchanges) {
        yield* sandbox.faults.clear
        yield* sandbox.faults.add({ kind, count: 3, retryAfter: 1 })
        for (const call of calls(ex)) yield* record(call as Effect.Effect<unknown, unknown>)
      }
    }
    yield* sandbox.faults.clear
    yield* sandbox.faults.add({ kind: "latency", ms: 1000, count: 2 })
    for (const ex of exchanges) yield* record(ex.balances as Effect.Effect<unknown, unknown>)
  }).pipe(
    Effect.scoped,
    Logger.withMinimumLogLevel(LogLevel.All),
    Effect.provide(Logger.replace(Logger.defaultLogger, logger))
  )
  // read the spans before the layer closes: shutting the SDK down empties the in-memory exporter
  const finished = yield* program.pipe(
    Effect.map(() => exporter.getFinishedSpans().slice()),
    Effect.provide(Layer.merge(
      Loopback.PlatformTransport,
      Otlp.layerSpanProcessor(new SimpleSpanProcessor(exporter), "lotusx-canary")
    ))
  )
  const spans = JSON.stringify(finished.map((s) => ({
    name: s.name,
    attributes: s.attributes,
    events: s.events,
    links: s.links,
    status: s.status
  })))
  // every metric of the process, as Prometheus text (Effect's fiber metrics included) and as the
  // registry holds them: names, descriptions, label keys and values
  const prometheus = yield* Prometheus.scrapeWith({ runtimeMetrics: true })
  const registry = JSON.stringify((yield* Metric.snapshot).map((pair) => ({
    name: pair.metricKey.name,
    description: pair.metricKey.description,
    labels: pair.metricKey.tags.map((t) => [t.key, t.value]),
    state: String(pair.metricState)
  })))
  const places: Record<string, number> = {
    "logs (level All)": count(logs.join("\n"), canaries),
    "Cause.pretty": count(causes.join("\n"), canaries),
    "util.inspect(error)": count(
      errors.map((e) => util.inspect(e, { depth: 10, showHidden: true })).join("\n"),
      canaries
    ),
    "JSON.stringify(error)": count(errors.map((e) => JSON.stringify(e)).join("\n"), canaries),
    "String(error) / message": count(errors.map((e) => String(e)).join("\n"), canaries),
    "spans": count(spans, canaries),
    "metrics (Prometheus text)": count(prometheus, canaries),
    "metrics registry (names, labels)": count(registry, canaries)
  }
  return {
    places,
    hits: Object.values(places).reduce((a, b) => a + b, 0),
    errorsSeen: errors.length,
    logLines: logs.length,
    spanCount: finished.length,
    metricSeries: prometheus.split("\n").filter((l) => l !== "" && !l.startsWith("#")).length
  }
})
