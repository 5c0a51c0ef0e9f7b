/**
 * The text path of book frames (book/BookText, kernel/TextPayload, CombinedStreams.routeText): a
 * frame read from its text must give exactly what `JSON.parse`, the protocol's `route` and the
 * venue's reference decoder give — the same update, or a failure — and the ladder must read levels
 * from the text exactly as it reads the strings.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Metric from "effect/Metric"
import * as fc from "fast-check"
import * as BookScale from "../../src/book/BookScale.js"
import { scanLevels, scannedLevelCount, TextBookUpdate } from "../../src/book/BookText.js"
import { BookDecodeFailure, isBookDecodeFailure } from "../../src/book/BookWire.js"
import { Ladder } from "../../src/book/Ladder.js"
import { parseFrame } from "../../src/kernel/Json.js"
import * as Telemetry from "../../src/kernel/Telemetry.js"
import { TextPayload } from "../../src/kernel/TextPayload.js"
import type { WsProtocol } from "../../src/kernel/WsSession.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { BookUpdate, RawLevel } from "../../src/model/OrderBook.js"
import * as Convert from "../../src/venues/binance/convert.js"
import * as Codec from "../../src/venues/binance/depthCodec.js"
import * as Streams from "../../src/venues/binance/streams.js"
import * as BybitCodec from "../../src/venues/bybit/depthCodec.js"
import * as BybitStreams from "../../src/venues/bybit/stream.js"

const timings = { watchdog: "30 seconds", heartbeat: "10 seconds" } as const
const TOPIC = "btcusdt@depth@100ms"
const BYBIT_TOPIC = "orderbook.200.BTCUSDT"

const venues = [
  {
    name: "Binance Spot",
    protocol: Streams.protocol({
      venue: "binance",
      baseUrl: "wss://stream.binance.com:9443",
      ...timings,
      textTopics: Streams.isDepthTopic
    }),
    decodePayload: Codec.depthPayloadDecoder(Convert.spot),
    decodeParsed: Codec.decodeDepthUpdate
  },
  {
    name: "Binance USDⓈ-M",
    protocol: Streams.protocol({
      venue: "binance-usdm",
      baseUrl: "wss://fstream.binance.com",
      ...timings,
      textTopics: Streams.isDepthTopic
    }),
    decodePayload: Codec.depthPayloadDecoder(Convert.usdm),
    decodeParsed: Codec.depthUpdateDecoder(Convert.usdm)
  },
  {
    name: "Bybit",
    protocol: BybitStreams.protocol({ baseUrl: "wss://stream.bybit.com", ...timings }, "linear"),
    decodePayload: BybitCodec.orderBook.decodePayload,
    decodeParsed: BybitCodec.orderBook.decode
  }
] as const

type Outcome =
  | { readonly _tag: "update"; readonly topic: string; readonly update: ReturnType<typeof plain> }
  | { readonly _tag: "failure"; readonly topic: string; readonly path: string; readonly detail: string }
  | { readonly _tag: "skipped" }

const plain = (u: BookUpdate) => ({
  kind: u.kind,
  venueSymbol: u.venueSymbol,
  bids: u.bids.map((l) => [...l]),
  asks: u.asks.map((l) => [...l]),
  firstUpdateId: u.firstUpdateId,
  lastUpdateId: u.lastUpdateId,
  prevUpdateId: u.prevUpdateId,
  exchangeTime: u.exchangeTime,
  receiveTime: u.receiveTime
})

const outcome = (topic: string, r: BookUpdate | BookDecodeFailure): Outcome =>
  isBookDecodeFailure(r)
    ? { _tag: "failure", topic, path: r.path, detail: r.detail }
    : { _tag: "update", topic, update: plain(r) }

/**
 * What the session and the stream decoder make of a frame: `routeText`, else the session's parse
 * (`Json.parseFrame`: `JSON.parse`, refusing frames nested too deep or with numbers out of range) + `route`.
 */
const pipeline = (
  protocol: WsProtocol,
  decodePayload: (payload: unknown, receiveTime: number) => BookUpdate | BookDecodeFailure,
  text: string
): { readonly outcome: Outcome; readonly fromText: boolean } => {
  const routed = protocol.routeText?.(text)
  if (routed !== undefined) {
    const r = decodePayload(routed.payload, 5)
    return { outcome: outcome(routed.topic, r), fromText: r instanceof TextBookUpdate }
  }
  const frame = parseFrame(text)
  if (Either.isLeft(frame)) return { outcome: { _tag: "skipped" }, fromText: false }
  const parsed = protocol.route(frame.right)
  return {
    outcome: parsed === undefined ? { _tag: "skipped" } : outcome(parsed.topic, decodePayload(parsed.payload, 5)),
    fromText: false
  }
}

/** The reference: the session's parse (`Json.parseFrame`), the protocol's `route`, the venue's reference decoder. */
const reference = (
  protocol: WsProtocol,
  decodeParsed: (json: unknown, receiveTime: number) => BookUpdate | BookDecodeFailure,
  text: string
): Outcome => {
  const frame = parseFrame(text)
  if (Either.isLeft(frame)) return { _tag: "skipped" }
  const routed = protocol.route(frame.right)
  return routed === undefined ? { _tag: "skipped" } : outcome(routed.topic, decodeParsed(routed.payload, 5))
}

/** Same meaning: a frame that is not JSON is either skipped by the session or a decode failure. */
const normalize = (o: Outcome): Outcome | "unusable" =>
  o._tag === "skipped" || (o._tag === "failure" && o.path === "" && o.detail === "malformed JSON") ? "unusable" : o

// ---- generators ----------------------------------------------------------------------------

const decimal = fc.oneof(
  { weight: 40, arbitrary: fc.stringMatching(/^\d{1,7}(\.\d{1,9})?$/) },
  { weight: 1, arbitrary: fc.constantFrom("0", "0.00000000", "1.", ".5", "-1", "1e5", "", " 1", "1\\u0030", "١") }
)
const level = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(decimal, decimal) },
  { weight: 1, arbitrary: fc.oneof(fc.tuple(decimal), fc.tuple(decimal, decimal, decimal), fc.constant([1, 2])) }
)
const integer = fc.oneof(
  { weight: 20, arbitrary: fc.nat() },
  { weight: 1, arbitrary: fc.maxSafeNat() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e21, "1", null) }
)
/** Mostly there: a missing field (JSON.stringify drops `undefined`) now and then. */
const usually = <A>(arb: fc.Arbitrary<A>) => fc.option(arb, { freq: 12, nil: undefined })
/** A depthUpdate event with shuffled keys, valid or off in a field or two. */
const event = fc.record({
  e: usually(fc.oneof({ weight: 12, arbitrary: fc.constant("depthUpdate") }, {
    weight: 1,
    arbitrary: fc.constantFrom("depthupdate", "trade", 1)
  })),
  E: usually(integer),
  T: usually(integer),
  s: usually(fc.oneof({ weight: 12, arbitrary: fc.constantFrom("BTCUSDT", "ETHUSDT") }, {
    weight: 1,
    arbitrary: fc.oneof(fc.string(), fc.constant(7))
  })),
  U: usually(integer),
  u: usually(integer),
  pu: usually(integer),
  b: usually(fc.array(level, { maxLength: 6 })),
  a: usually(fc.array(level, { maxLength: 6 })),
  x: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, {
    weight: 1,
    arbitrary: fc.oneof(fc.string(), fc.integer())
  })
}).chain((o) =>
  fc.shuffledSubarray(Object.keys(o), { minLength: Object.keys(o).length }).map((keys) =>
    Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]))
  )
)
/** Keys in a random order. */
const shuffled = <A extends object>(arb: fc.Arbitrary<A>) =>
  arb.chain((o) =>
    fc.shuffledSubarray(Object.keys(o), { minLength: Object.keys(o).length }).map((keys) =>
      Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]))
    )
  )
const binanceFrame = fc.tuple(
  event,
  fc.constantFrom(TOPIC, TOPIC, TOPIC, TOPIC, "btcusdt@trade", "btc\\usdt@depth@100ms")
)
  .map((
    [data, topic]
  ) => `{"stream":${JSON.stringify(topic)},"data":${JSON.stringify(data)}}`)
/** A Bybit orderbook frame (topic first, as Bybit sends it, or anywhere), valid or off in a field or two. */
const bybitFrame = fc.tuple(
  fc.constantFrom(
    BYBIT_TOPIC,
    BYBIT_TOPIC,
    BYBIT_TOPIC,
    "orderbook.50.BTCUSDT",
    "publicTrade.BTCUSDT",
    "orderbook.\\x"
  ),
  fc.constantFrom(true, true, true, true, false),
  shuffled(fc.record({
    type: usually(fc.oneof({ weight: 12, arbitrary: fc.constantFrom("snapshot", "delta") }, {
      weight: 1,
      arbitrary: fc.constantFrom("Delta", "update", 1)
    })),
    ts: usually(integer),
    data: usually(fc.oneof(
      {
        weight: 20,
        arbitrary: shuffled(fc.record({
          s: usually(
            fc.oneof({ weight: 12, arbitrary: fc.constant("BTCUSDT") }, { weight: 1, arbitrary: fc.constant(7) })
          ),
          b: usually(fc.array(level, { maxLength: 6 })),
          a: usually(fc.array(level, { maxLength: 6 })),
          u: usually(fc.oneof({ weight: 6, arbitrary: integer }, { weight: 1, arbitrary: fc.constant(1) })),
          seq: usually(integer),
          x: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer() })
        }))
      },
      { weight: 1, arbitrary: fc.constantFrom(null, [], "x") }
    )),
    cts: usually(integer)
  }))
).map(([topic, first, rest]) =>
  first
    ? `{"topic":${JSON.stringify(topic)},${JSON.stringify(rest).slice(1)}`.replace(/,}$/, "}")
    : JSON.stringify({ ...rest, topic })
)
/** One small edit of a frame: the ways a frame can differ from the compact form, or break. */
const mutated = (frameText: fc.Arbitrary<string>) =>
  fc.tuple(
    frameText,
    fc.nat(),
    fc.constantFrom(" ", "\\", "\"", ",", ":", "[", "]", "{", "}", "0", ".", "-", "e", "\n", ""),
    fc.constantFrom("insert", "replace", "truncate", "control", "none", "none", "none", "none")
  ).map(([text, at, c, how]) => {
    const i = at % (text.length + 1)
    switch (how) {
      case "control": {
        // a raw control character just inside a string (JSON forbids it; it must never be read as valid)
        const quotes = [...text.matchAll(/"/g)].map((m) => m.index)
        const q = quotes[at % quotes.length]! + 1
        return text.slice(0, q) + "\u0001" + text.slice(q)
      }
      case "insert":
        return text.slice(0, i) + c + text.slice(i)
      case "replace":
        return text.slice(0, i) + c + text.slice(i + 1)
      case "truncate":
        return text.slice(0, i)
      default:
        return text
    }
  })

describe("book frames read from their text", () => {
  for (const venue of venues) {
    it(`${venue.name}: every frame gives what JSON.parse, route and the reference decoder give`, () => {
      let fromText = 0
      let updates = 0
      fc.assert(
        fc.property(mutated(venue.name === "Bybit" ? bybitFrame : binanceFrame), (text) => {
          const got = pipeline(venue.protocol, venue.decodePayload, text)
          const want = reference(venue.protocol, venue.decodeParsed, text)
          assert.deepStrictEqual(normalize(got.outcome), normalize(want), text)
          if (got.fromText) fromText++
          if (want._tag === "update") updates++
        }),
        // seeded, so the counts below are the same on every run
        { numRuns: 4000, seed: 20261206 }
      )
      // the property is not vacuous: many frames are valid, and most valid ones are read from the text
      assert.isAbove(updates, 300)
      assert.isAbove(fromText, updates / 3)
    })
  }

  it("reads Binance's documented examples from the text", () => {
    // https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#diff-depth-stream
    const spot =
      `{"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}}`
    // https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
    const usdm =
      `{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":123456789,"T":123456788,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}}`
    const s = venues[0].decodePayload(venues[0].protocol.routeText!(spot)!.payload, 1)
    assert.instanceOf(s, TextBookUpdate)
    assert.deepStrictEqual(plain(s as BookUpdate), {
      kind: "delta",
      venueSymbol: "BNBBTC",
      bids: [["0.0024", "10"]],
      asks: [["0.0026", "100"]],
      firstUpdateId: 157,
      lastUpdateId: 160,
      prevUpdateId: undefined,
      exchangeTime: 1672515782136,
      receiveTime: 1
    })
    const u = venues[1].decodePayload(venues[1].protocol.routeText!(usdm)!.payload, 2)
    assert.instanceOf(u, TextBookUpdate)
    assert.strictEqual((u as BookUpdate).prevUpdateId, 149)
    // USDⓈ-M requires `pu`: without it the event is refused, by the reference decoder's own words
    const noPu = usdm.replace(`"pu":149,`, "")
    const refused = venues[1].decodePayload(venues[1].protocol.routeText!(noPu)!.payload, 2)
    assert.deepStrictEqual(refused, new BookDecodeFailure("pu", "expected an integer"))
  })
})

describe("TextBookUpdate", () => {
  const frame =
    `{"stream":"${TOPIC}","data":{"e":"depthUpdate","E":9,"s":"BTCUSDT","U":3,"u":4,"b":[["1.50","2"]],"a":[["1.60","0.5"]]}}`
  const update = venues[0].decodePayload(venues[0].protocol.routeText!(frame)!.payload, 1) as TextBookUpdate

  it("serializes as the plain update", () => {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(update)), {
      kind: "delta",
      venueSymbol: "BTCUSDT",
      bids: [["1.50", "2"]],
      asks: [["1.60", "0.5"]],
      firstUpdateId: 3,
      lastUpdateId: 4,
      exchangeTime: 9,
      receiveTime: 1
    })
  })

  it("a spread copy keeps its levels and applies like the original; an update without levels is refused, not thrown on", () => {
    const scale = Either.getOrThrow(BookScale.make({
      venue: "test",
      symbol: "BTCUSDT",
      tickSize: Decimal.unsafe("0.01"),
      lotStep: Decimal.unsafe("0.1")
    }))
    const copy: BookUpdate = { ...update, receiveTime: 2 }
    assert.notInstanceOf(copy, TextBookUpdate)
    assert.deepStrictEqual(copy.bids, [["1.50", "2"]])
    assert.deepStrictEqual(copy.asks, [["1.60", "0.5"]])
    const fromText = new Ladder(scale)
    const fromCopy = new Ladder(scale)
    assert.isUndefined(fromText.apply(update))
    assert.isUndefined(fromCopy.apply(copy))
    assert.deepStrictEqual([fromText.bids.ticksAt(0), fromText.bids.lotsAt(0), fromText.asks.ticksAt(0)], [
      150,
      20,
      160
    ])
    assert.deepStrictEqual([fromCopy.bids.ticksAt(0), fromCopy.bids.lotsAt(0), fromCopy.asks.ticksAt(0)], [
      150,
      20,
      160
    ])
    const broken = { ...update, bids: undefined } as unknown as BookUpdate
    assert.strictEqual(new Ladder(scale).apply(broken), "the update has no bid or ask levels")
  })
})

describe("book_frames_parsed_total", () => {
  it.effect("counts the frames that could not be read from their text, per exchange", () =>
    Effect.gen(function*() {
      const counter = Metric.tagged(Telemetry.bookFramesParsedTotal, "exchange", "binance")
      const before = (yield* Metric.value(counter)).count
      const data = `{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.5","2"]],"a":[]}`
      const compact = venues[0].protocol.routeText!(`{"stream":"${TOPIC}","data":${data}}`)!.payload
      const spaced = venues[0].protocol.routeText!(`{"stream":"${TOPIC}","data":${data.replace(",", ", ")}}`)!.payload
      assert.instanceOf(venues[0].decodePayload(compact, 0), TextBookUpdate)
      assert.strictEqual((yield* Metric.value(counter)).count, before)
      const parsed = venues[0].decodePayload(spaced, 0)
      assert.notInstanceOf(parsed, TextBookUpdate)
      assert.isFalse(isBookDecodeFailure(parsed))
      assert.strictEqual((yield* Metric.value(counter)).count, before + 1)
    }))
})

describe("CombinedStreams.routeText", () => {
  const protocol = venues[0].protocol
  const data = `{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[],"a":[]}`

  it("routes depth topics from the frame's first bytes and leaves every other frame to JSON.parse", () => {
    const frame = `{"stream":"${TOPIC}","data":${data}}`
    const routed = protocol.routeText!(frame)
    assert.strictEqual(routed?.topic, TOPIC)
    assert.instanceOf(routed?.payload, TextPayload)
    const payload = routed!.payload as TextPayload
    assert.strictEqual(frame.slice(payload.start, payload.end), data)
    for (
      const declined of [
        `{"stream":"btcusdt@trade","data":${data}}`,
        `{ "stream":"${TOPIC}","data":${data}}`,
        `{"stream":"${TOPIC}", "data":${data}}`,
        `{"stream":"btc\\"usdt@depth@100ms","data":${data}}`,
        `{"data":${data},"stream":"${TOPIC}"}`,
        `{"stream":"${TOPIC}","data":${data}}\n`,
        `{"result":null,"id":1}`,
        "pong"
      ]
    ) {
      assert.isUndefined(protocol.routeText!(declined), declined)
    }
  })

  it("TextPayload.parse gives the routed payload, and nothing for a frame that is not JSON or routes elsewhere", () => {
    const good = protocol.routeText!(`{"stream":"${TOPIC}","data":${data}}`)!.payload as TextPayload
    assert.deepStrictEqual(good.parse(), { value: JSON.parse(data) })
    const broken = protocol.routeText!(`{"stream":"${TOPIC}","data":{"e":}`)!.payload as TextPayload
    assert.isUndefined(broken.parse())
    // a second "stream" key: JSON.parse keeps the last one, so the frame is not this topic's
    const elsewhere = protocol.routeText!(`{"stream":"${TOPIC}","data":${data},"stream":"x@depth@100ms"}`)!
      .payload as TextPayload
    assert.isUndefined(elsewhere.parse())
    const decoded = venues[0].decodePayload(elsewhere, 0)
    assert.isTrue(isBookDecodeFailure(decoded))
  })
})

describe("Ladder reading levels from the text", () => {
  const scales = [
    ["0.01", "0.00001"],
    ["0.05", "0.001"],
    ["1", "1"],
    ["0.0001", "0.1"]
  ] as const
  const amount = fc.oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^\d{1,6}(\.\d{1,7})?$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{14,18}(\.\d{1,3})?$/) },
    { weight: 1, arbitrary: fc.constantFrom("0", "0.0", "0.00000000", "00012.5000", "1.00000000000000000000") }
  )
  const levels = fc.array(fc.tuple(amount, amount), { maxLength: 12 })

  const textOf = (bids: ReadonlyArray<RawLevel>, asks: ReadonlyArray<RawLevel>) => {
    const text = `{"b":${JSON.stringify(bids)},"a":${JSON.stringify(asks)}}`
    const bidsAt = 5
    const bidsEnd = scanLevels(text, bidsAt, text.length)
    assert.isAbove(bidsEnd, 0)
    const bidCount = scannedLevelCount()
    const asksAt = bidsEnd + 5
    assert.isAbove(scanLevels(text, asksAt, text.length), 0)
    return new TextBookUpdate("delta", "X", text, bidsAt, bidCount, asksAt, scannedLevelCount(), 1, 2, undefined, 3, 4)
  }
  const contents = (ladder: Ladder) => {
    const out: Array<number> = []
    ladder.bids.copyTop(ladder.bids.length, out, 0)
    ladder.asks.copyTop(ladder.asks.length, out, out.length)
    return out
  }

  it("applies exactly what the string path applies, and refuses exactly what it refuses", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...scales),
        fc.array(fc.tuple(levels, levels), { maxLength: 5 }),
        ([tick, lot], messages) => {
          const scale = Either.getOrThrow(BookScale.make({
            venue: "test",
            symbol: "X",
            tickSize: Decimal.unsafe(tick),
            lotStep: Decimal.unsafe(lot)
          }))
          const fromText = new Ladder(scale)
          const fromStrings = new Ladder(scale)
          for (const [bids, asks] of messages) {
            const update = textOf(bids, asks)
            assert.deepStrictEqual(update.bids.map((l) => [...l]), bids)
            assert.deepStrictEqual(update.asks.map((l) => [...l]), asks)
            const a = fromText.apply(update)
            const b = fromStrings.applyRaw(bids, asks)
            assert.strictEqual(a, b)
            if (a !== undefined) return
            assert.deepStrictEqual(contents(fromText), contents(fromStrings))
          }
        }
      ),
      { numRuns: 1500 }
    )
  })
})
