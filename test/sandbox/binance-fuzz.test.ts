/**
 * Bad input never crashes the sandbox and never touches the ledger: random, mostly malformed
 * signed order requests get a Binance error envelope (4xx) or a well-formed order, never a 5xx,
 * and the ledger changes only for the requests that were accepted.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import fc from "fast-check"
import { format } from "../../src/model/Decimal.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { request } from "./binanceClient.js"

const junk = fc.oneof(
  fc.constantFrom("", " ", "-1", "0", "1e3", "NaN", "0x10", "1,5", "€", "%", "99999999999999999999999", "0.000000001"),
  fc.string({ maxLength: 12 })
)

const field = <A>(valid: fc.Arbitrary<A>) =>
  fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: fc.constant(undefined) }
  )

const rare = <A>(value: fc.Arbitrary<A>) =>
  fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value })

const orderParams = fc.record({
  symbol: field(fc.constantFrom("BTCUSDT", "BTCUSDT", "ETHUSDT", "LTCUSDT", "btcusdt", "NOPE")),
  side: field(fc.constantFrom("BUY", "SELL", "SELL", "buy")),
  type: field(fc.constantFrom("LIMIT", "MARKET", "LIMIT_MAKER", "STOP_LOSS")),
  timeInForce: field(fc.constantFrom("GTC", "IOC", "FOK")),
  quantity: field(fc.constantFrom("0.001", "0.01", "5", "0.0000001")),
  quoteOrderQty: rare(fc.constantFrom("10", "100")),
  price: field(fc.constantFrom("30000", "60000.5", "3000", "0.001")),
  newClientOrderId: field(fc.constantFrom("a", "dup", "x".repeat(40))),
  newOrderRespType: field(fc.constantFrom("ACK", "RESULT", "FULL")),
  extra: rare(fc.constant("1"))
})

describe("Binance dialect under random bad input", () => {
  it.scopedLive("answers every malformed order with an error envelope and leaves the ledger alone", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 51, market: { running: false } })
      const samples = fc.sample(orderParams, { numRuns: 300, seed: 51 })
      for (const sample of samples) {
        const params = Object.fromEntries(Object.entries(sample).filter(([, v]) => v !== undefined)) as Record<
          string,
          string
        >
        const before = (yield* s.ledger.orders()).length
        const balances = (yield* s.ledger.balances()).map((b) => `${b.asset}:${format(b.free)}:${format(b.locked)}`)
        const res = yield* request(s, "POST", "/api/v3/order", params, { signed: true })
        assert.isBelow(res.status, 500, `${JSON.stringify(params)} → ${res.text}`)
        if (res.status === 200) {
          assert.isNumber(res.json.orderId)
          assert.strictEqual((yield* s.ledger.orders()).length, before + 1)
        } else {
          assert.isNumber(res.json.code, res.text)
          assert.isString(res.json.msg)
          assert.strictEqual((yield* s.ledger.orders()).length, before)
          const after = (yield* s.ledger.balances()).map((b) => `${b.asset}:${format(b.free)}:${format(b.locked)}`)
          assert.deepStrictEqual(after, balances)
        }
      }
    }))
})
