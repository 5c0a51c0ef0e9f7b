import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as FastDecoder from "../../src/kernel/FastDecoder.js"
import * as WireDecode from "../../src/kernel/WireDecode.js"
import * as Decimal from "../../src/model/Decimal.js"
import { Id } from "../../src/model/Id.js"
import { EpochMillis, EpochMillisString, MaybeEpochMillisString } from "../../src/model/Timestamp.js"
import * as BinanceWire from "../../src/venues/binance/wire.js"
import * as BybitWire from "../../src/venues/bybit/wire.js"

/** The compiled decoder and the Schema's own give the same answer: the same value, or the same error. */
const agrees = <A, I>(schema: Schema.Schema<A, I>) => {
  const fast = FastDecoder.make(schema)
  const full = Schema.decodeUnknownEither(schema, { errors: "all" })
  return (u: unknown) => {
    const a = fast(u)
    const b = full(u)
    if (Either.isRight(b)) {
      assert.isTrue(Either.isRight(a), `the Schema accepts ${JSON.stringify(u)}`)
      assert.deepStrictEqual(Either.getOrThrow(a), b.right)
    } else {
      assert.isTrue(Either.isLeft(a), `the Schema refuses ${JSON.stringify(u)}`)
      assert.strictEqual(WireDecode.describe(Either.flip(a).pipe(Either.getOrThrow)), WireDecode.describe(b.left))
    }
    return a
  }
}

/** Values that break one field or another. */
const junk = FastCheck.constantFrom<unknown>(
  undefined,
  null,
  "",
  " 1",
  "1.",
  ".5",
  "-",
  "+1",
  "1e5",
  "0x10",
  "1,5",
  "NaN",
  "-0",
  "-12.5",
  "０",
  "BUY",
  "Sell",
  "1684738540559",
  0,
  -1,
  1.5,
  1e400,
  true,
  [],
  {},
  ["1"]
)

/** Valid wire values from the schema's own arbitrary (encoded), then some fields broken or dropped. */
const wireOf = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encodeSync(schema)
  return FastCheck.tuple(
    Arbitrary.make(schema),
    FastCheck.array(FastCheck.tuple(FastCheck.nat(40), junk, FastCheck.boolean()), { maxLength: 3 })
  ).map(([a, breaks]) => {
    const wire = encode(a) as unknown
    if (typeof wire !== "object" || wire === null || Array.isArray(wire)) return wire
    const out: Record<string, unknown> = { ...wire as Record<string, unknown> }
    const keys = Object.keys(out)
    for (const [i, value, drop] of breaks) {
      const key = keys[i % Math.max(1, keys.length)]
      if (key === undefined) continue
      if (drop) delete out[key]
      else out[key] = value
    }
    return out
  })
}

describe("FastDecoder", () => {
  it("decodes the documented Spot order answer as the Schema does", () => {
    // POST /api/v3/order, newOrderRespType RESULT, the documentation's example
    // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
    const text = `{"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP",` +
      `"transactTime":1507725176595,"price":"0.00000000","origQty":"10.00000000","executedQty":"10.00000000",` +
      `"origQuoteOrderQty":"0.000000","cummulativeQuoteQty":"10.00000000","status":"FILLED","timeInForce":"GTC",` +
      `"type":"MARKET","side":"SELL","workingTime":1507725176595,"selfTradePreventionMode":"NONE"}`
    const order = Either.getOrThrow(agrees(BinanceWire.SpotOrder)(JSON.parse(text)))
    assert.strictEqual(order.orderId, "28")
    assert.isTrue(BigDecimal.equals(order.origQty, BigDecimal.make(10n, 0)))
    assert.strictEqual(order.origQty.scale, 8, "the wire's digits are kept")
    assert.deepStrictEqual(
      Object.keys(order),
      Object.keys(Schema.decodeUnknownSync(BinanceWire.SpotOrder)(JSON.parse(text)))
    )
  })

  it("decodes a Bybit order page as the Schema does, and refuses what it refuses", () => {
    // GET /v5/order/realtime, fields from https://bybit-exchange.github.io/docs/v5/order/open-order
    const page = (price: string, qty: string) => ({
      retCode: 0,
      retMsg: "OK",
      result: {
        category: "linear",
        list: [{
          orderId: "fd4300ae-7847-404e-b947-b46980a4d140",
          orderLinkId: "test-000005",
          symbol: "ETHUSDT",
          price,
          qty,
          side: "Buy",
          orderStatus: "New",
          avgPrice: "",
          leavesQty: "0.10",
          cumExecValue: "0",
          cumExecQty: "0.00",
          timeInForce: "GTC",
          orderType: "Limit",
          rejectReason: "EC_NoError",
          reduceOnly: false,
          createdTime: "1684738540559",
          updatedTime: "1684738540561"
        }],
        nextPageCursor: "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26"
      },
      retExtInfo: {},
      time: 1684765770483
    })
    const check = agrees(BybitWire.Envelope(BybitWire.Page(BybitWire.Order)))
    const ok = Either.getOrThrow(check(page("1600.00", "0.10")))
    const order = ok.result.list[0]!
    assert.strictEqual(order.side, "buy")
    assert.isUndefined(order.avgPrice)
    assert.strictEqual(order.createdTime, 1684738540559)
    for (const bad of ["1e3", "-1", "", "1.", " 1600", "1600.0.0", "0x10"]) {
      // qty is a required signed decimal: "-1" passes it; the others do not
      check(page("1600.00", bad))
      check(page(bad, "0.10"))
    }
  })

  it("agrees with the Schema on order answers with fields broken or missing", () => {
    const schemas = [
      BinanceWire.SpotOrder,
      BinanceWire.UsdmOrder,
      BinanceWire.ErrorEnvelope,
      BybitWire.Envelope(BybitWire.OrderIds)
    ] as const
    for (const schema of schemas) {
      const check = agrees(schema as Schema.Schema<unknown, unknown>)
      FastCheck.assert(FastCheck.property(wireOf(schema as Schema.Schema<unknown, unknown>), (u) => void check(u)), {
        numRuns: 300
      })
    }
  })

  it("agrees with the Schema on single values of every kind it compiles", () => {
    const value = FastCheck.oneof(
      junk,
      FastCheck.string(),
      FastCheck.stringMatching(/^-?[0-9]{0,20}(\.[0-9]{0,12})?$/),
      FastCheck.double(),
      FastCheck.integer()
    )
    const schemas: ReadonlyArray<Schema.Schema<any, any>> = [
      Decimal.Decimal,
      Decimal.UnsignedDecimal,
      Decimal.PositiveDecimal,
      Decimal.NonNegativeDecimal,
      Decimal.MaybeDecimal,
      Decimal.MaybeUnsignedDecimal,
      Decimal.DecimalFromStringOrInteger,
      Id,
      EpochMillis,
      EpochMillisString,
      MaybeEpochMillisString,
      BybitWire.Side,
      Schema.Literal("BUY", "SELL"),
      Schema.UndefinedOr(Decimal.Decimal),
      Schema.Array(Decimal.UnsignedDecimal),
      Schema.Tuple(Decimal.UnsignedDecimal, Decimal.UnsignedDecimal),
      Schema.Struct({ a: Schema.optional(Decimal.Decimal), b: Schema.Union(Schema.String, Schema.Number) })
    ]
    for (const schema of schemas) {
      const check = agrees(schema)
      FastCheck.assert(FastCheck.property(value, (u) => void check(u)), { numRuns: 300 })
      FastCheck.assert(FastCheck.property(FastCheck.array(value, { maxLength: 3 }), (u) => void check(u)), {
        numRuns: 50
      })
    }
  })

  it("reads plain decimals as parsePlain does", () => {
    const text = FastCheck.oneof(
      FastCheck.string(),
      FastCheck.stringMatching(/^[-+]?[0-9]{0,25}(\.[0-9]{0,20})?([eE][-+]?[0-9]{1,3})?$/)
    )
    FastCheck.assert(
      FastCheck.property(text, FastCheck.boolean(), (s, signed) => {
        const fast = Decimal.parsePlainFast(s, signed)
        const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s)
        const expected = m === null || (m[1] === "-" && !signed)
          ? undefined
          : BigDecimal.make(
            (m[1] === "-" ? -1n : 1n) * BigInt(m[2]! + (m[3] ?? "")),
            (m[3] ?? "").length
          )
        if (expected === undefined) assert.isUndefined(fast, s)
        else {
          assert.isDefined(fast, s)
          assert.strictEqual(fast!.value, expected.value)
          assert.strictEqual(fast!.scale, expected.scale)
        }
      }),
      { numRuns: 2000 }
    )
  })
})
