import { assert, describe, it } from "@effect/vitest"
import { fromMapping, messageEntries, namedCodes, section } from "../../src/errors/ErrorCodeTable.js"

describe("ErrorCodeTable rows", () => {
  it("a mapping is a tag, or a tag with the InvalidOrder reason or the outcome", () => {
    assert.deepStrictEqual(fromMapping("InsufficientFunds"), { tag: "InsufficientFunds" })
    assert.deepStrictEqual(fromMapping("InvalidOrder"), { tag: "InvalidOrder" })
    assert.deepStrictEqual(fromMapping("InvalidOrder:tick_size"), { tag: "InvalidOrder", reason: "tick_size" })
    assert.deepStrictEqual(fromMapping("RequestTimeout:ambiguous"), { tag: "RequestTimeout", outcome: "ambiguous" })
    assert.deepStrictEqual(fromMapping("ExchangeUnavailable:transient"), {
      tag: "ExchangeUnavailable",
      outcome: "transient"
    })
  })

  it("named rows keep their names; a section's rows take its title", () => {
    assert.deepStrictEqual(
      namedCodes([["-2010", "NEW_ORDER_REJECTED", "InvalidOrder:rejected", "NEW_ORDER_REJECTED"]]),
      [{
        code: "-2010",
        name: "NEW_ORDER_REJECTED",
        meaning: "NEW_ORDER_REJECTED",
        tag: "InvalidOrder",
        reason: "rejected"
      }]
    )
    assert.deepStrictEqual(
      section("API Class", [
        ["50102", "TimestampOutOfWindow", "Timestamp request expired"],
        ["50004", "RequestTimeout:ambiguous", "API endpoint request timeout"]
      ]),
      [
        { code: "50102", name: "API Class", meaning: "Timestamp request expired", tag: "TimestampOutOfWindow" },
        {
          code: "50004",
          name: "API Class",
          meaning: "API endpoint request timeout",
          tag: "RequestTimeout",
          outcome: "ambiguous"
        }
      ]
    )
  })

  it("message rows", () => {
    assert.deepStrictEqual(messageEntries([["Market is closed.", "InvalidOrder:market_closed"]]), [
      { message: "Market is closed.", tag: "InvalidOrder", reason: "market_closed" }
    ])
  })
})
