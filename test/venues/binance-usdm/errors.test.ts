import { assert, describe, it } from "@effect/vitest"
import { classify, codeIndex, errorCodes } from "../../../src/venues/binance-usdm/errors.js"

describe("binance-usdm error table", () => {
  it("lists no code twice, each with a documented form, name and meaning", () => {
    assert.strictEqual(codeIndex.size, errorCodes.length)
    for (const entry of errorCodes) {
      assert.match(entry.code, /^-[1245]\d{3}$/, entry.code)
      assert.isTrue(entry.name.length > 0 && entry.meaning.length > 0, entry.code)
    }
  })

  it("maps every code to its unified tag, reason and outcome", () => {
    for (const entry of errorCodes) {
      const error = classify({ code: entry.code, msg: entry.meaning, httpStatus: 400 })
      assert.strictEqual(error._tag, entry.tag, entry.code)
      assert.strictEqual(error.venue, "binance-usdm")
      assert.strictEqual(error.venueCode, entry.code)
      if (error._tag === "InvalidOrder") assert.strictEqual(error.reason, entry.reason ?? "rejected", entry.code)
      if (error._tag === "ExchangeUnavailable" || error._tag === "RequestTimeout") {
        assert.isDefined(error.outcome, entry.code)
      }
    }
  })

  const cases: ReadonlyArray<readonly [number, number, string, string?]> = [
    [-2019, 400, "InsufficientFunds"],
    [-2021, 400, "InvalidOrder", "rejected"],
    [-5022, 400, "InvalidOrder", "post_only_would_cross"],
    [-2022, 400, "InvalidOrder", "reduce_only_rejected"],
    [-4164, 400, "InvalidOrder", "min_notional"],
    [-1102, 400, "InvalidRequest"],
    [-1121, 400, "InvalidRequest"],
    [-2011, 400, "OrderNotFound"],
    [-2013, 400, "OrderNotFound"],
    [-1021, 400, "TimestampOutOfWindow"],
    [-1022, 400, "AuthenticationFailed"],
    [-2014, 401, "AuthenticationFailed"],
    [-2015, 401, "AuthenticationFailed"],
    [-4116, 400, "DuplicateClientOrderId"],
    [-1003, 429, "RateLimited"],
    [-1003, 418, "IpBanned"],
    [-9999, 503, "ExchangeUnavailable"],
    [-9999, 400, "InvalidRequest"]
  ]
  it("classifies the codes the sandbox and the connector rely on, and unknown codes by HTTP status", () => {
    for (const [code, status, tag, reason] of cases) {
      const error = classify({ code, msg: "m", httpStatus: status })
      assert.strictEqual(error._tag, tag, String(code))
      if (reason !== undefined && error._tag === "InvalidOrder") assert.strictEqual(error.reason, reason, String(code))
    }
  })
})
