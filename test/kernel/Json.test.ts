import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { maxJsonDepth, parseFrame, parseLossless, quoteUnsafeIntegers } from "../../src/kernel/Json.js"
import { describeParseError } from "../../src/kernel/RestClient.js"
import { schemaDecoder } from "../../src/kernel/WsSession.js"

const deep = (n: number, inner = "1") => "[".repeat(n) + inner + "]".repeat(n)

describe("Json: payloads no venue sends are refused before anything walks them", () => {
  it("nesting 100,000 deep, at top level or inside a field → Left, not a stack overflow", () => {
    for (
      const text of [
        deep(100_000),
        `{"serverTime":${deep(100_000)}}`,
        `{"a":${"{\"b\":".repeat(50_000)}1${"}".repeat(50_000)}}`
      ]
    ) {
      for (const parse of [parseLossless, parseFrame]) {
        const r = parse(text)
        assert.isTrue(Either.isLeft(r))
        if (Either.isLeft(r)) assert.include(r.left, "nested deeper than")
      }
    }
  })

  it("nesting up to the limit is accepted; brackets inside strings do not count", () => {
    assert.isTrue(Either.isRight(parseLossless(deep(maxJsonDepth))))
    assert.isTrue(Either.isLeft(parseLossless(deep(maxJsonDepth + 1))))
    const r = parseLossless(JSON.stringify({ note: "[".repeat(1000) + "{".repeat(1000) }))
    assert.isTrue(Either.isRight(r))
  })

  it("number literals a double cannot hold → Left (1e400 would be Infinity, 1e-400 a silent 0)", () => {
    for (const text of ["{\"serverTime\":1e400}", "[-1E+400]", "{\"p\":1e-400}", "[" + "9".repeat(400) + "]"]) {
      assert.isTrue(Either.isLeft(parseLossless(text)), text)
      assert.isTrue(Either.isLeft(parseFrame(text)), text)
    }
    for (const text of ["{\"a\":1e3}", "{\"a\":0e-999}", "{\"a\":5e-324}", "{\"a\":-0.0}", "{\"a\":1.5E-7}"]) {
      assert.isTrue(Either.isRight(parseLossless(text)), text)
    }
  })

  it("strings are not numbers: ids like \"3e5\" or long digit runs in strings, and escaped quotes, change nothing", () => {
    // the quick pre-check skips string contents; what it lets through must be what the full scan gives
    const piece = FastCheck.oneof(
      FastCheck.stringMatching(/^[0-9a-zA-Z"\\e]{0,24}$/),
      FastCheck.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String),
      FastCheck.constantFrom("1e5", "2E-3", "0.5", "12345678901234567", "9007199254740993")
    )
    const value = FastCheck.letrec((tie) => ({
      node: FastCheck.oneof(
        { depthSize: "small" },
        // a JSON number as it is, anything else as a string holding it
        piece.map((p) => (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(p) ? p : JSON.stringify(p))),
        FastCheck.array(tie("node"), { maxLength: 4 }).map((xs) => `[${xs.join(",")}]`),
        FastCheck.dictionary(FastCheck.stringMatching(/^[a-z0-9"]{1,6}$/), tie("node"), { maxKeys: 4 }).map((o) =>
          `{${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`
        )
      )
    })).node
    FastCheck.assert(
      FastCheck.property(value, (text) => {
        const expected = JSON.parse(quoteUnsafeIntegers(text)) as unknown
        assert.deepStrictEqual(Either.getOrThrow(parseLossless(text)), expected)
      }),
      { numRuns: 500 }
    )
    const id = parseLossless(
      "{\"clientOrderId\":\"lx-mlgx8k7q3e5E9\\\"123456789012345678\",\"orderId\":123456789012345678901}"
    )
    assert.deepStrictEqual(Either.getOrThrow(id), {
      clientOrderId: "lx-mlgx8k7q3e5E9\"123456789012345678",
      orderId: "123456789012345678901"
    })
  })

  it("integers above 2^53 still come back as strings, exactly", () => {
    const r = parseLossless("{\"orderId\":123456789012345678901,\"n\":-9007199254740993}")
    assert.deepStrictEqual(Either.getOrThrow(r), { orderId: "123456789012345678901", n: "-9007199254740993" })
  })

  it("a Schema error about a value nested deeply is described, not a RangeError (REST and websocket decoders)", () => {
    // JSON.parse itself is iterative; the value can reach a decoder through another path
    const value = JSON.parse(deep(100_000))
    const decoded = Schema.decodeUnknownEither(Schema.Struct({ serverTime: Schema.Number }), { errors: "all" })({
      serverTime: value
    })
    assert.isTrue(Either.isLeft(decoded))
    if (Either.isLeft(decoded)) {
      const { detail, path } = describeParseError(decoded.left)
      assert.strictEqual(path, "$.serverTime")
      assert.include(detail, "number")
    }
    const decode = schemaDecoder(Schema.Struct({ lastPrice: Schema.String }), (a) => a.lastPrice)
    const r = decode({ lastPrice: value }, 0)
    assert.strictEqual(typeof r === "object" && r._tag, "DecodeFailure")
  })
})
