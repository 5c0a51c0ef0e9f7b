import { assert, describe, it } from "@effect/vitest"
import { classify, codeIndex, errorCodes } from "../../../src/venues/binance/usdmErrors.js"

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

  // Names and first messages as the USDⓈ-M "Error Codes" page spells them (typos included).
  const documented: ReadonlyArray<readonly [string, string, string]> = [
    [
      "-1008",
      "Request Throttled",
      "Server is currently overloaded with other requests. Please try again in a few minutes."
    ],
    ["-2019", "MARGIN_NOT_SUFFICIEN", "Margin is insufficient."],
    ["-2022", "REDUCE_ONLY_REJECT", "ReduceOnly Order is rejected."],
    ["-4164", "MIN_NOTIONAL", "Order's notional must be no smaller than 5.0 (unless you choose reduce only)"],
    ["-4183", "PRICE_HIGHTER_THAN_STOP_MULTIPLIER_UP", "Price is higher than stop price multiplier cap."],
    [
      "-5022",
      "GTX_ORDER_REJECT",
      "Due to the order could not be executed as maker, the Post Only order will be rejected."
    ],
    ["-5043", "Existing_Pending_Modification", "A pending modification already exists for this order."]
  ]
  it("keeps the documented names and first messages", () => {
    for (const [code, name, meaning] of documented) {
      const entry = codeIndex.get(code)
      assert.isDefined(entry, code)
      assert.strictEqual(entry?.name, name, code)
      assert.strictEqual(entry?.meaning, meaning, code)
    }
    assert.strictEqual(errorCodes.length, 201)
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
    [-4120, 400, "NotSupported"],
    [-4183, 400, "InvalidOrder", "price_out_of_range"],
    [-4210, 400, "InvalidOrder", "price_out_of_range"],
    [-4109, 400, "PermissionDenied"],
    [-4400, 400, "PermissionDenied"],
    [-5043, 400, "InvalidOrder", "rejected"],
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
