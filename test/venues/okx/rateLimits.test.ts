/**
 * OKX limits placements per instrument (60 requests per 2 s on `/trade/order`), and the sandbox's
 * dialect enforces it (HTTP 429, `50011`). A burst of 75 placements on one instrument through the
 * connector waits for the endpoint's budget instead of meeting `50011`: every one is placed.
 * https://www.okx.com/docs-v5/en/#overview-rate-limits
 */
import { NodeHttpClient, NodeSocket } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Decimal from "../../../src/model/Decimal.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import * as Okx from "../../../src/venues/okx/Okx.js"

const platform = Layer.mergeAll(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)

describe("OKX per-endpoint rate limits", () => {
  it.scopedLive(
    "a burst of 75 placements on one instrument waits for the budget: none meets 50011",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ seed: 21, market: { running: false } })
        const own = sandbox.credentials.okx
        const exchange = yield* Okx.make({
          environment: "sandbox",
          restUrl: sandbox.urls.okx.rest,
          wsUrl: sandbox.urls.okx.ws,
          credentials: { apiKey: Redacted.make(own.apiKey), secret: own.secret, passphrase: own.passphrase! },
          recvWindow: "5 seconds",
          // no time to send a rate-limited placement again: a 50011 would fail the placement
          resolveWithin: "1 millis"
        })
        const book = yield* exchange.orderBook("BTC/USDT", 5)
        const price = Decimal.roundToStep(
          BigDecimal.unsafeDivide(book.bids[0]![0], Decimal.unsafe("2")),
          Decimal.unsafe("0.01"),
          "down"
        )
        const started = Date.now()
        const results = yield* Effect.forEach(
          Array.from({ length: 75 }, (_, i) => i),
          () =>
            Effect.either(exchange.placeOrder({
              symbol: "BTC/USDT",
              side: "buy",
              type: "limit",
              price,
              quantity: Decimal.unsafe("0.001")
            })),
          { concurrency: 25 }
        )
        const failures = results.flatMap((r) => Either.isLeft(r) ? [r.left.message] : [])
        assert.deepStrictEqual(failures, [])
        assert.isAtLeast(Date.now() - started, 1500, "the burst had to wait for later 2-second windows")
        assert.strictEqual((yield* sandbox.ledger.orders()).length, 75)
      }).pipe(Effect.provide(platform)),
    60_000
  )
})
