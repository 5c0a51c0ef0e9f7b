/**
 * OKX's error table (https://www.okx.com/docs-v5/en/#error-code), table-driven, and the envelope
 * rules: `code` ≠ "0" is an error on any HTTP status; a single-order operation's `code: "1"` is
 * classified by its item's `sCode`; a batch's "1"/"2" is left to the caller, item by item.
 */
import { assert, describe, it } from "@effect/vitest"
import type { RawResponse } from "../../../src/kernel/RestClient.js"
import { classify, classifyResponse, codeIndex, errorCodes } from "../../../src/venues/okx/errors.js"

const raw = (status: number, json: unknown): RawResponse => ({
  status,
  headers: {},
  text: JSON.stringify(json),
  json,
  retryAfterMs: undefined,
  receivedAt: 1_000_000
})

describe("OKX error-code table", () => {
  it("lists every code once, with a meaning", () => {
    assert.strictEqual(codeIndex.size, errorCodes.length)
    for (const e of errorCodes) {
      assert.match(e.code, /^\d+$/)
      assert.isAbove(e.meaning.length, 0)
    }
  })

  it("maps every code to its tag, reason and outcome (table-driven)", () => {
    for (const e of errorCodes) {
      const error = classify({ code: e.code, msg: e.meaning })
      assert.strictEqual(error._tag, e.tag, e.code)
      assert.strictEqual(error.venueCode, e.code)
      if (e.tag === "InvalidOrder" && error._tag === "InvalidOrder") {
        assert.strictEqual(error.reason, e.reason ?? "rejected")
      }
      if (e.outcome !== undefined) assert.strictEqual(error.outcome, e.outcome, e.code)
    }
  })

  const expected: ReadonlyArray<readonly [string, string, string?]> = [
    ["50011", "RateLimited"],
    ["50061", "RateLimited"],
    ["50102", "TimestampOutOfWindow"],
    ["50105", "AuthenticationFailed"],
    ["50111", "AuthenticationFailed"],
    ["50113", "AuthenticationFailed"],
    ["50004", "RequestTimeout"],
    ["51008", "InsufficientFunds"],
    ["51121", "InvalidOrder", "lot_size"],
    ["51006", "InvalidOrder", "price_out_of_range"],
    ["51137", "InvalidOrder", "price_out_of_range"],
    ["51400", "OrderNotFound"],
    ["51603", "OrderNotFound"],
    ["51016", "DuplicateClientOrderId"],
    ["51511", "InvalidOrder", "post_only_would_cross"]
  ]
  for (const [code, tag, reason] of expected) {
    it(`${code} is ${tag}${reason ? ` (${reason})` : ""}`, () => {
      const e = classify({ code, msg: "m" })
      assert.strictEqual(e._tag, tag)
      if (reason !== undefined && e._tag === "InvalidOrder") assert.strictEqual(e.reason, reason)
    })
  }
})

describe("OKX envelope", () => {
  it("a success is no error", () => {
    assert.isUndefined(classifyResponse(raw(200, { code: "0", msg: "", data: [] }), { endpoint: "GET /x" }))
  })

  it("a top-level code is classified, on HTTP 200 too", () => {
    const e = classifyResponse(raw(200, { code: "50113", msg: "Invalid signature", data: [] }), { endpoint: "GET /x" })
    assert.strictEqual(e?._tag, "AuthenticationFailed")
    const limited = classifyResponse(raw(429, { code: "50011", msg: "Too Many Requests", data: [] }), {
      endpoint: "GET /x"
    })
    assert.strictEqual(limited?._tag, "RateLimited")
  })

  it("a single order's code 1 is classified by its sCode (docs' example: insufficient balance)", () => {
    const body = {
      code: "1",
      msg: "All operations failed",
      data: [{
        ordId: "",
        clOrdId: "",
        sCode: "51008",
        sMsg: "Order failed. Insufficient USDT balance in account",
        tag: ""
      }]
    }
    const e = classifyResponse(raw(200, body), { endpoint: "POST /api/v5/trade/order" })
    assert.strictEqual(e?._tag, "InsufficientFunds")
    assert.strictEqual(e?.venueCode, "51008")
  })

  it("a batch's code 1/2 is left to the caller", () => {
    const body = {
      code: "2",
      msg: "",
      data: [{ ordId: "1", clOrdId: "a", sCode: "0", sMsg: "" }, { ordId: "", clOrdId: "b", sCode: "51121", sMsg: "x" }]
    }
    assert.isUndefined(classifyResponse(raw(200, body), { endpoint: "POST /api/v5/trade/batch-orders" }))
    assert.isUndefined(classifyResponse(raw(200, body), { endpoint: "POST /api/v5/trade/cancel-batch-orders" }))
  })

  it("401 and 429 without an envelope", () => {
    assert.strictEqual(classifyResponse(raw(401, undefined), { endpoint: "GET /x" })?._tag, "AuthenticationFailed")
    assert.strictEqual(classifyResponse(raw(429, undefined), { endpoint: "GET /x" })?._tag, "RateLimited")
  })
})
