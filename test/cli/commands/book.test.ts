import { assert, describe, it } from "vitest"
import { alignDecimals } from "../../../src/cli/commands/book.js"

describe("book ladder", () => {
  it("pads decimals so that prices line up on the point, exactly (zeros only)", () => {
    assert.deepStrictEqual(alignDecimals(["60069", "60117.08"]), ["60069.00", "60117.08"])
    assert.deepStrictEqual(alignDecimals(["0.5", "0.00123", "12"]), ["0.50000", "0.00123", "12.00000"])
    assert.deepStrictEqual(alignDecimals(["1", "20"]), ["1", "20"])
    assert.deepStrictEqual(alignDecimals([]), [])
  })
})
