/**
 * The USDⓈ-M `depthUpdate` decoder: every recorded USDⓈ-M event (test/fixtures/recorded, a real
 * capture) decodes to the update the Schema reference gives, `pu` chains each event to the one
 * before, and malformed events are failures with the offending path — never a throw.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { usdm } from "../../../src/venues/binance/convert.js"
import {
  depthUpdateDecoder,
  DepthUpdateEvent,
  isDepthDecodeFailure,
  toBookUpdate
} from "../../../src/venues/binance/depthCodec.js"

const decodeDepthUpdate = depthUpdateDecoder(usdm)

const recorded = readFileSync(
  new URL("../../fixtures/recorded/binance/usdm/BINANCE_FUTURES.ws.1.0", import.meta.url),
  "utf8"
)
  .split("\n")
  .filter((l) => l.includes("depthUpdate") && !l.includes(" <-> ") && !l.includes(" <- "))
  .map((l) => (JSON.parse(l.slice(l.indexOf(": ") + 2)) as { data: unknown }).data)

const event = {
  e: "depthUpdate",
  E: 1571889248277,
  T: 1571889248276,
  s: "BTCUSDT",
  U: 390497796,
  u: 390497878,
  pu: 390497794,
  b: [["7403.89", "0.002"]],
  a: [["7405.96", "3.340"]]
}

describe("USDⓈ-M depthUpdate decoder", () => {
  it("decodes every recorded event exactly as the Schema reference does, chained by pu", () => {
    assert.isAbove(recorded.length, 10)
    const decodeReference = Schema.decodeUnknownEither(DepthUpdateEvent)
    const previous = new Map<string, number>()
    let chained = 0
    for (const raw of recorded) {
      const ours = decodeDepthUpdate(raw, 42)
      assert.isFalse(isDepthDecodeFailure(ours), isDepthDecodeFailure(ours) ? ours.message : "")
      if (isDepthDecodeFailure(ours)) continue
      const reference = decodeReference(raw)
      assert.isTrue(Either.isRight(reference))
      if (Either.isRight(reference)) assert.deepStrictEqual(ours, toBookUpdate(reference.right, 42))
      const before = previous.get(ours.venueSymbol)
      if (before !== undefined && ours.prevUpdateId === before) chained++
      previous.set(ours.venueSymbol, ours.lastUpdateId)
    }
    assert.isAbove(chained, 0, "consecutive recorded events chain through pu")
  })

  it("maps the documented example", () => {
    const u = decodeDepthUpdate(event, 7)
    assert.deepStrictEqual(u, {
      kind: "delta",
      venueSymbol: "BTCUSDT",
      bids: [["7403.89", "0.002"]],
      asks: [["7405.96", "3.340"]],
      firstUpdateId: 390497796,
      lastUpdateId: 390497878,
      prevUpdateId: 390497794,
      exchangeTime: 1571889248277,
      receiveTime: 7
    })
  })

  const bad: ReadonlyArray<readonly [string, unknown, string]> = [
    ["not an object", "x", ""],
    ["another event", { ...event, e: "trade" }, "e"],
    ["no pu (cannot be chained)", { ...event, pu: undefined }, "pu"],
    ["no T", { ...event, T: undefined }, "T"],
    ["fractional u", { ...event, u: 1.5 }, "u"],
    ["a price that is not a decimal string", { ...event, b: [["7403,89", "0.002"]] }, "b[0][0]"],
    ["a numeric quantity", { ...event, a: [["7405.96", 3.34]] }, "a[0][1]"],
    ["a level with three entries", { ...event, a: [["1", "2", "3"]] }, "a[0]"]
  ]
  for (const [name, input, path] of bad) {
    it(`rejects ${name}`, () => {
      const r = decodeDepthUpdate(input, 0)
      assert.isTrue(isDepthDecodeFailure(r))
      if (isDepthDecodeFailure(r)) assert.strictEqual(r.path, path)
    })
  }
})
