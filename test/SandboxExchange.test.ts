import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Exchange } from "../src/Exchange.js"
import * as Sandbox from "../src/sandbox/Sandbox.js"
import * as SandboxExchange from "../src/SandboxExchange.js"
import * as Loopback from "./support/Loopback.js"

describe("SandboxExchange", () => {
  for (const venue of ["binance", "binance-usdm", "bybit", "okx"] as const) {
    it.live(
      `layer("${venue}"): an Exchange on its own sandbox, trading with the sandbox's key`,
      () =>
        Effect.gen(function*() {
          const exchange = yield* Exchange
          const sandbox = yield* Sandbox.Sandbox
          assert.strictEqual(exchange.venue, venue)
          assert.strictEqual(exchange.environment, "sandbox")
          assert.strictEqual(sandbox.seed, 3)
          const balances = yield* exchange.balances // a signed call: the sandbox's key, passed as Redacted
          assert.isTrue(balances.some((b) => b.asset === "USDT"))
        }).pipe(
          Effect.provide(SandboxExchange.layer(venue, { seed: 3 })),
          Effect.provide(Loopback.PlatformLive)
        ),
      30_000
    )
  }

  it.effect("Sandbox.connection: a venue layer's options, credentials as Redacted", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 4, market: { running: false } })
      const c = Sandbox.connection(sandbox, "bybit")
      assert.strictEqual(c.environment, "sandbox")
      assert.strictEqual(c.restUrl, sandbox.urls.bybit.rest)
      assert.notInclude(String(c.credentials.apiKey), sandbox.credentials.bybit.apiKey)
    }).pipe(Effect.scoped))
})
