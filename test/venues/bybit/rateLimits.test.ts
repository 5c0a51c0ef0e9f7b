/**
 * Bybit limits each order endpoint per account and category in a rolling second (create: 10/s on
 * linear at the default level, more for VIP and PRO accounts) and answers `retCode` 10006 beyond it;
 * `X-Bapi-Limit` says the account's own limit. https://bybit-exchange.github.io/docs/v5/rate-limit
 *
 * A burst of placements through the connector waits for the budget instead of meeting 10006, and
 * an account with a higher limit (the sandbox's `perEndpointPerSecond`) is paced at that limit once
 * Bybit's header has said so.
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
import * as Bybit from "../../../src/venues/bybit/Bybit.js"

const platform = Layer.mergeAll(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)
const SYMBOL = "ETH/USDT:USDT"

/** `n` resting placements, 25 in flight; the failures' messages and how long the burst took. */
const burst = (n: number, options: Sandbox.Options) =>
  Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({ seed: 22, market: { running: false }, ...options })
    const own = sandbox.credentials.bybit
    const exchange = yield* Bybit.make({
      environment: "sandbox",
      restUrl: sandbox.urls.bybit.rest,
      wsUrl: sandbox.urls.bybit.ws,
      credentials: { apiKey: Redacted.make(own.apiKey), secret: own.secret },
      recvWindow: "5 seconds",
      // no time to ask again after a 10006: it would fail the placement
      resolveWithin: "1 millis"
    })
    const book = yield* exchange.orderBook(SYMBOL, 5)
    const price = Decimal.roundToStep(
      BigDecimal.unsafeDivide(book.bids[0]![0], Decimal.unsafe("2")),
      Decimal.unsafe("0.01"),
      "down"
    )
    // the first placement alone: Bybit's answer says the account's limit
    yield* exchange.placeOrder({ symbol: SYMBOL, side: "buy", type: "limit", price, quantity: Decimal.unsafe("0.02") })
    const started = Date.now()
    const results = yield* Effect.forEach(
      Array.from({ length: n }, (_, i) => i),
      () =>
        Effect.either(
          exchange.placeOrder({ symbol: SYMBOL, side: "buy", type: "limit", price, quantity: Decimal.unsafe("0.02") })
        ),
      { concurrency: 25 }
    )
    return {
      failures: results.flatMap((r) => Either.isLeft(r) ? [`${r.left._tag}: ${r.left.message}`] : []),
      elapsedMs: Date.now() - started,
      placed: (yield* sandbox.ledger.orders()).length
    }
  }).pipe(Effect.provide(platform))

describe("Bybit per-endpoint rate limits", () => {
  it.scopedLive(
    "a burst of 40 linear placements waits for the budget (10/s): none meets 10006",
    () =>
      Effect.gen(function*() {
        const { elapsedMs, failures, placed } = yield* burst(40, {})
        assert.deepStrictEqual(failures, [])
        assert.strictEqual(placed, 41)
        // 41 at 10 per (rolling) second: the last ones go in the fifth second
        assert.isAtLeast(elapsedMs, 3000, "the burst waited for later seconds")
      }),
    60_000
  )

  it.scopedLive(
    "an account whose limit is higher (X-Bapi-Limit: 40) is paced at its own limit",
    () =>
      Effect.gen(function*() {
        const { elapsedMs, failures, placed } = yield* burst(40, {
          bybit: { rateLimits: { perEndpointPerSecond: 40 } }
        })
        assert.deepStrictEqual(failures, [])
        assert.strictEqual(placed, 41)
        // at the documented 10/s the burst would take 3 s and more
        assert.isBelow(elapsedMs, 2500, "not held to the default level's 10/s")
      }),
    60_000
  )
})
