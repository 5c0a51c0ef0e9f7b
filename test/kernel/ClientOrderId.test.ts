import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as TestClock from "effect/TestClock"
import * as ClientOrderId from "../../src/kernel/ClientOrderId.js"

// Binance: `^[\.A-Z\:/a-z0-9_-]{1,36}$`; Bybit `orderLinkId`: up to 36 of letters, digits, - and _.
const format = { prefix: "lx-", length: 32 }

describe("ClientOrderId.generate", () => {
  it.effect("prefix + base-36 Clock time + random letters and digits, exactly `length` long", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_765_000_000_000)
      const id = yield* ClientOrderId.generate(format)
      assert.strictEqual(id.length, 32)
      assert.isTrue(id.startsWith("lx-" + (1_765_000_000_000).toString(36)))
      assert.match(id, /^lx-[0-9a-zA-Z]{29}$/)
    }))

  it.effect("the same seed gives the same id; ids of one run differ", () =>
    Effect.gen(function*() {
      const run = Effect.all([ClientOrderId.generate(format), ClientOrderId.generate(format)])
      const [a, b] = yield* Effect.withRandom(run, Random.make(7))
      const [c, d] = yield* Effect.withRandom(run, Random.make(7))
      assert.strictEqual(a, c)
      assert.strictEqual(b, d)
      assert.notStrictEqual(a, b)
    }))

  it.effect("uses every character of a custom alphabet, and only those", () =>
    Effect.gen(function*() {
      const seen = new Set<string>()
      for (let i = 0; i < 200; i++) {
        const id = yield* ClientOrderId.generate({ prefix: "", length: 30, alphabet: "abc" })
        for (const ch of id.slice(-20)) seen.add(ch)
      }
      assert.deepStrictEqual([...seen].sort(), ["a", "b", "c"])
    }))

  it.effect("a prefix and time longer than `length` are cut to it", () =>
    Effect.gen(function*() {
      const id = yield* ClientOrderId.generate({ prefix: "a-very-long-prefix-", length: 10 })
      assert.strictEqual(id, "a-very-lon")
    }))
})
