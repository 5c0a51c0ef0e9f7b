import { assert, describe, it } from "@effect/vitest"
import type { MappableTag } from "../../../src/errors/ErrorCodeTable.js"
import { toError } from "../../../src/errors/ErrorCodeTable.js"
import type { ErrorContext, ExchangeError, InvalidOrderReason, Outcome } from "../../../src/errors/ExchangeError.js"
import { classify, codeIndex, errorCodes, errorMessages } from "../../../src/venues/binance/spotErrors.js"

const mappableTags: ReadonlyArray<MappableTag> = [
  "AuthenticationFailed",
  "PermissionDenied",
  "InsufficientFunds",
  "InvalidOrder",
  "InvalidRequest",
  "OrderNotFound",
  "DuplicateClientOrderId",
  "RateLimited",
  "IpBanned",
  "TimestampOutOfWindow",
  "ExchangeUnavailable",
  "RequestTimeout",
  "NotSupported"
]

const contextOf = (error: ExchangeError): ErrorContext => {
  if (error._tag === "ConfigError") throw new Error(`unexpected ConfigError: ${error.message}`)
  return error
}

const reasonOf = (error: ExchangeError): InvalidOrderReason | undefined =>
  error._tag === "InvalidOrder" ? error.reason : undefined

describe("binance spot error table", () => {
  it("lists no code twice", () => {
    const codes = errorCodes.map((entry) => entry.code)
    assert.strictEqual(new Set(codes).size, codes.length)
    assert.strictEqual(codeIndex.size, errorCodes.length)
  })

  it("lists no message twice", () => {
    const messages = errorMessages.map((entry) => entry.message)
    assert.strictEqual(new Set(messages).size, messages.length)
  })

  it("has codes of the documented form and a name and meaning for each", () => {
    for (const entry of errorCodes) {
      assert.match(entry.code, /^-[12]\d{3}$/, entry.code)
      assert.isTrue(entry.name.length > 0, entry.code)
      assert.isTrue(entry.meaning.length > 0, entry.code)
    }
  })

  it("includes the codes the client relies on", () => {
    for (
      const code of [
        "-1000",
        "-1001",
        "-1002",
        "-1003",
        "-1006",
        "-1007",
        "-1008",
        "-1013",
        "-1015",
        "-1021",
        "-1022",
        "-1121",
        "-2010",
        "-2011",
        "-2013",
        "-2014",
        "-2015"
      ]
    ) {
      assert.isTrue(codeIndex.has(code), code)
    }
  })

  it("maps every code to a mappable tag, and toError builds that error", () => {
    for (const entry of errorCodes) {
      assert.include(mappableTags, entry.tag, entry.code)
      if (entry.reason !== undefined) assert.strictEqual(entry.tag, "InvalidOrder", entry.code)
      if (entry.outcome !== undefined) {
        assert.include(["ExchangeUnavailable", "RequestTimeout"], entry.tag, entry.code)
      }
      const error = toError(entry, { venue: "binance", venueCode: entry.code, venueMessage: entry.meaning })
      assert.strictEqual(error._tag, entry.tag, entry.code)
      assert.strictEqual(contextOf(error).venueCode, entry.code)
      if (entry.tag === "InvalidOrder") assert.strictEqual(reasonOf(error), entry.reason ?? "rejected", entry.code)
      if (entry.outcome !== undefined) assert.strictEqual(error.outcome, entry.outcome, entry.code)
      assert.isString(error.message)
      assert.include(error.message, entry.code)
    }
  })

  it("maps every message to a mappable tag, and classify picks it for -2010", () => {
    for (const entry of errorMessages) {
      assert.include(mappableTags, entry.tag, entry.message)
      if (entry.reason !== undefined) assert.strictEqual(entry.tag, "InvalidOrder", entry.message)
      const error = classify({ code: -2010, msg: entry.message, httpStatus: 400 })
      assert.strictEqual(error._tag, entry.tag, entry.message)
      if (entry.tag === "InvalidOrder") assert.strictEqual(reasonOf(error), entry.reason ?? "rejected")
      assert.strictEqual(contextOf(error).venueMessage, entry.message)
      assert.include(error.message, "-2010")
    }
  })
})

interface Case {
  readonly code: number | string
  readonly msg: string
  readonly httpStatus?: number
  readonly tag: ExchangeError["_tag"]
  readonly reason?: InvalidOrderReason
  readonly outcome?: Outcome
}

// Written from https://developers.binance.com/docs/binance-spot-api-docs/errors, not from the table.
const cases: ReadonlyArray<Case> = [
  {
    code: -2010,
    msg: "Account has insufficient balance for requested action.",
    httpStatus: 400,
    tag: "InsufficientFunds"
  },
  {
    code: -2010,
    msg: "Order would immediately match and take.",
    httpStatus: 400,
    tag: "InvalidOrder",
    reason: "post_only_would_cross"
  },
  { code: -2010, msg: "Duplicate order sent.", httpStatus: 400, tag: "DuplicateClientOrderId" },
  { code: -2010, msg: "Market is closed.", httpStatus: 400, tag: "InvalidOrder", reason: "market_closed" },
  { code: -2011, msg: "Unknown order sent.", httpStatus: 400, tag: "OrderNotFound" },
  { code: -2010, msg: "Some message the page does not list.", tag: "InvalidOrder", reason: "rejected" },
  { code: -1013, msg: "Filter failure: PRICE_FILTER", httpStatus: 400, tag: "InvalidOrder", reason: "tick_size" },
  { code: -1013, msg: "Filter failure: LOT_SIZE", httpStatus: 400, tag: "InvalidOrder", reason: "lot_size" },
  { code: -1013, msg: "Filter failure: NOTIONAL", httpStatus: 400, tag: "InvalidOrder", reason: "min_notional" },
  {
    code: -2010,
    msg: "Filter failure: MAX_NUM_ORDERS",
    httpStatus: 400,
    tag: "InvalidOrder",
    reason: "too_many_orders"
  },
  {
    code: -1013,
    msg: "Filter failure: PERCENT_PRICE_BY_SIDE",
    httpStatus: 400,
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: -1021,
    msg: "Timestamp for this request is outside of the recvWindow.",
    httpStatus: 400,
    tag: "TimestampOutOfWindow"
  },
  { code: -1022, msg: "Signature for this request is not valid.", httpStatus: 400, tag: "AuthenticationFailed" },
  {
    code: "-2015",
    msg: "Invalid API-key, IP, or permissions for action.",
    httpStatus: 401,
    tag: "AuthenticationFailed"
  },
  {
    code: -1003,
    msg: "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.",
    httpStatus: 429,
    tag: "RateLimited",
    outcome: "transient"
  },
  {
    code: -1003,
    msg: "Way too much request weight used; IP banned until 1700000000000.",
    httpStatus: 418,
    tag: "IpBanned"
  },
  { code: -1015, msg: "Too many new orders.", httpStatus: 429, tag: "RateLimited" },
  { code: -2013, msg: "Order does not exist.", httpStatus: 400, tag: "OrderNotFound" },
  { code: -1121, msg: "Invalid symbol.", httpStatus: 400, tag: "InvalidRequest" },
  {
    code: -1102,
    msg: "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.",
    httpStatus: 400,
    tag: "InvalidRequest"
  },
  {
    code: -1007,
    msg: "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
    httpStatus: 408,
    tag: "RequestTimeout",
    outcome: "ambiguous"
  },
  {
    code: -1006,
    msg: "An unexpected response was received from the message bus. Execution status unknown.",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  {
    code: -1008,
    msg: "Server is currently overloaded with other requests. Please try again in a few minutes.",
    httpStatus: 503,
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  { code: -9999, msg: "Service Unavailable", httpStatus: 503, tag: "ExchangeUnavailable", outcome: "ambiguous" },
  { code: -9999, msg: "Something else", httpStatus: 400, tag: "InvalidRequest", outcome: "definitive" }
]

describe("binance spot classify", () => {
  for (const c of cases) {
    it(`${c.code} "${c.msg}" -> ${c.tag}${c.reason ? ` (${c.reason})` : ""}`, () => {
      const error = classify({ code: c.code, msg: c.msg, httpStatus: c.httpStatus, endpoint: "POST /api/v3/order" })
      assert.strictEqual(error._tag, c.tag)
      if (c.reason !== undefined) assert.strictEqual(reasonOf(error), c.reason)
      if (c.outcome !== undefined) assert.strictEqual(error.outcome, c.outcome)
      assert.strictEqual(contextOf(error).venue, "binance")
      assert.strictEqual(contextOf(error).venueCode, String(c.code))
      assert.strictEqual(contextOf(error).venueMessage, c.msg)
      assert.isString(error.message)
      assert.include(error.message, String(c.code))
      assert.include(error.message, "[binance]")
    })
  }

  it("never matches a message by substring", () => {
    const error = classify({ code: -2010, msg: "Account has insufficient balance for requested action. (extra)" })
    assert.strictEqual(error._tag, "InvalidOrder")
    assert.strictEqual(reasonOf(error), "rejected")
  })

  it("looks messages up only for the codes that carry them", () => {
    const error = classify({ code: -1121, msg: "Account has insufficient balance for requested action." })
    assert.strictEqual(error._tag, "InvalidRequest")
  })

  it("passes extras through", () => {
    const notFound = classify({ code: -2013, msg: "Order does not exist.", extras: { clientOrderId: "abc-1" } })
    assert.strictEqual(notFound._tag, "OrderNotFound")
    assert.include(notFound.message, "abc-1")
    const banned = classify({
      code: -1003,
      msg: "Way too much request weight used; IP banned until 1700000000000.",
      httpStatus: 418,
      extras: { untilMs: 1_700_000_000_000 }
    })
    assert.strictEqual(banned._tag, "IpBanned")
    assert.include(banned.message, "2023-11-14")
  })
})
