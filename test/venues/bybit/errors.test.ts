import { assert, describe, it } from "@effect/vitest"
import type { RawResponse } from "../../../src/kernel/RestClient.js"
import {
  classify,
  classifyResponse,
  codeIndex,
  endpointUsage,
  errorCodes,
  usedWeight
} from "../../../src/venues/bybit/errors.js"

const raw = (status: number, json: unknown, headers: Record<string, string> = {}): RawResponse => ({
  status,
  headers,
  text: JSON.stringify(json),
  json,
  retryAfterMs: undefined,
  receivedAt: 1_000_000
})

describe("Bybit error-code table", () => {
  it("lists every code once, with a meaning and a tag", () => {
    assert.strictEqual(codeIndex.size, errorCodes.length)
    assert.isAtLeast(errorCodes.length, 360)
    for (const e of errorCodes) {
      assert.match(e.code, /^\d+$/)
      assert.isAbove(e.meaning.length, 0)
    }
  })

  it("maps every code to its tag, its reason and its outcome (table-driven)", () => {
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
    ["10001", "InvalidRequest"],
    ["10002", "TimestampOutOfWindow"],
    ["10003", "AuthenticationFailed"],
    ["10004", "AuthenticationFailed"],
    ["10005", "PermissionDenied"],
    ["10006", "RateLimited"],
    ["10009", "IpBanned"],
    ["110001", "OrderNotFound"],
    ["110007", "InsufficientFunds"],
    ["110017", "InvalidOrder", "reduce_only_rejected"],
    ["110072", "DuplicateClientOrderId"],
    ["170131", "InsufficientFunds"],
    ["170134", "InvalidOrder", "tick_size"],
    ["170136", "InvalidOrder", "min_quantity"],
    ["170140", "InvalidOrder", "min_notional"],
    ["170213", "OrderNotFound"],
    ["170218", "InvalidOrder", "post_only_would_cross"]
  ]
  for (const [code, tag, reason] of expected) {
    it(`${code} → ${tag}${reason ? `(${reason})` : ""}`, () => {
      const e = classify({ code, msg: "" })
      assert.strictEqual(e._tag, tag)
      if (reason !== undefined && e._tag === "InvalidOrder") assert.strictEqual(e.reason, reason)
    })
  }

  it("an unknown code is InvalidRequest, or ambiguous ExchangeUnavailable on 5xx", () => {
    assert.strictEqual(classify({ code: 99999999, msg: "?" })._tag, "InvalidRequest")
    const e = classify({ code: 99999999, msg: "?", httpStatus: 502 })
    assert.strictEqual(e._tag, "ExchangeUnavailable")
    assert.strictEqual(e.outcome, "ambiguous")
  })
})

describe("classifyResponse", () => {
  it("retCode 0 is a success, retCode != 0 with HTTP 200 is an error", () => {
    assert.isUndefined(classifyResponse(raw(200, { retCode: 0, retMsg: "OK", result: {} }), { endpoint: "GET /x" }))
    const e = classifyResponse(raw(200, { retCode: 110001, retMsg: "order not exists" }), { endpoint: "GET /x" })
    assert.strictEqual(e?._tag, "OrderNotFound")
    assert.strictEqual(e?.httpStatus, 200)
  })

  it("HTTP 403 is an IP ban of at least 10 minutes", () => {
    const e = classifyResponse({ ...raw(403, undefined), text: "access too frequent" }, { endpoint: "GET /x" })
    assert.strictEqual(e?._tag, "IpBanned")
    if (e?._tag === "IpBanned") assert.strictEqual(e.untilMs, 1_000_000 + 600_000)
  })

  it("10006 waits until X-Bapi-Limit-Reset-Timestamp", () => {
    const e = classifyResponse(
      raw(200, { retCode: 10006, retMsg: "Too many visits!" }, { "x-bapi-limit-reset-timestamp": "1000750" }),
      { endpoint: "POST /v5/order/create" }
    )
    assert.strictEqual(e?._tag, "RateLimited")
    if (e?._tag === "RateLimited") assert.strictEqual(e.retryAfterMs, 750)
  })

  it("usage headers scale onto the local budget, except the placements' own budgets", () => {
    const realtime = { path: "/v5/order/realtime" }
    assert.strictEqual(usedWeight(600)({ "x-bapi-limit-status": "5", "x-bapi-limit": "10" }, realtime), 300)
    assert.strictEqual(usedWeight(600)({ "x-bapi-limit-status": "0", "x-bapi-limit": "10" }, realtime), 600)
    assert.isUndefined(usedWeight(600)({}, realtime))
    const create = { path: "/v5/order/create" }
    assert.isUndefined(usedWeight(600)({ "x-bapi-limit-status": "0", "x-bapi-limit": "10" }, create))
    assert.deepStrictEqual(endpointUsage({ "x-bapi-limit-status": "3", "x-bapi-limit": "10" }), { limit: 10, used: 7 })
    assert.deepStrictEqual(endpointUsage({ "x-bapi-limit-status": "3" }), {})
  })
})
