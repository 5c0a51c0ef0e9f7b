/**
 * Fidelity check with a client we did not write: ccxt's `hyperliquid` class signs its own L1
 * actions (msgpack + phantom-agent EIP-712, testnet source `b` in sandbox mode). Pointed at the
 * sandbox with the agent wallet the sandbox issued, it loads markets, reads a ticker and an order
 * book, places a post-only limit far from the market, fetches it, cancels it and reads balances —
 * so the sandbox's signature verification accepts signatures it did not make, and refuses them
 * when the key is not approved.
 */
import { assert, describe, it } from "@effect/vitest"
import ccxt from "ccxt"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Sandbox from "../../src/sandbox/Sandbox.js"

const pointAt = (sandbox: Sandbox.Sandbox, privateKey?: string) => {
  const credentials = sandbox.credentials.hyperliquid
  const exchange = new ccxt.hyperliquid({
    walletAddress: credentials.address!,
    privateKey: privateKey ?? Redacted.value(credentials.secret),
    enableRateLimit: false,
    options: {
      fetchMarkets: { types: ["spot", "swap"] },
      // no builder-fee approval or referral actions: the sandbox does not implement them
      approvedBuilderFee: false,
      builderFee: false,
      refSet: true,
      enableUnifiedMargin: false
    }
  })
  exchange.setSandboxMode(true)
  const base = sandbox.urls.hyperliquid.rest
  exchange.urls["api"] = { public: base, private: base }
  return exchange
}

describe("ccxt hyperliquid against the sandbox", () => {
  it.scopedLive(
    "markets → ticker → book → post-only limit far from the market → fetch → cancel → balances",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ seed: 21, venues: ["hyperliquid"] })
        const exchange = pointAt(sandbox)
        // ccxt would otherwise send approveBuilderFee first (a user-signed action)
        exchange.options["approvedBuilderFee"] = true
        const markets = yield* Effect.tryPromise(() => exchange.loadMarkets())
        const btc = markets["BTC/USDC:USDC"]!
        assert.strictEqual(btc.baseId, "0")
        assert.isDefined(markets["BTC/USDC"])

        const ticker = yield* Effect.tryPromise(() => exchange.fetchTicker("BTC/USDC:USDC"))
        assert.isAbove(ticker.last ?? ticker.close ?? 0, 0)

        const book = yield* Effect.tryPromise(() => exchange.fetchOrderBook("BTC/USDC:USDC"))
        assert.isAbove(book.bids.length, 0)
        assert.isBelow(book.bids[0]![0]!, book.asks[0]![0]!)

        const price = Math.floor(book.bids[0]![0]! * 0.8)
        const order = yield* Effect.tryPromise(() =>
          exchange.createOrder("BTC/USDC:USDC", "limit", "buy", 0.01, price, { postOnly: true })
        )
        assert.isString(order.id)
        const fetched = yield* Effect.tryPromise(() => exchange.fetchOrder(order.id!, "BTC/USDC:USDC"))
        assert.strictEqual(fetched.id, order.id)
        assert.strictEqual(fetched.status, "open")
        assert.strictEqual(fetched.price, price)
        assert.strictEqual(fetched.amount, 0.01)
        const open = yield* Effect.tryPromise(() => exchange.fetchOpenOrders("BTC/USDC:USDC"))
        assert.deepStrictEqual(open.map((o) => o.id), [order.id])
        const resting = yield* sandbox.ledger.openOrders()
        assert.strictEqual(resting.length, 1)
        assert.isTrue(resting[0]!.postOnly)

        yield* Effect.tryPromise(() => exchange.cancelOrder(order.id!, "BTC/USDC:USDC"))
        const after = yield* Effect.tryPromise(() => exchange.fetchOrder(order.id!, "BTC/USDC:USDC"))
        assert.strictEqual(after.status, "canceled")

        const spot = yield* Effect.tryPromise(() => exchange.fetchBalance({ type: "spot" }))
        assert.strictEqual(spot["USDC"]?.total, 100000)
        assert.strictEqual(spot["BTC"]?.total, 2)
        const perp = yield* Effect.tryPromise(() => exchange.fetchBalance({ type: "swap" }))
        assert.strictEqual(perp["USDC"]?.total, 100000)
      }).pipe(Effect.tapError((e) => Effect.logError(String(e)))),
    30_000
  )

  it.scopedLive("an unapproved key is refused with the venue's error", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 22, venues: ["hyperliquid"] })
      const exchange = pointAt(sandbox, "0x" + "11".repeat(32))
      exchange.options["approvedBuilderFee"] = true
      yield* Effect.tryPromise(() => exchange.loadMarkets())
      const error = yield* Effect.flip(
        Effect.tryPromise(() => exchange.createOrder("BTC/USDC:USDC", "limit", "buy", 0.01, 40000, { postOnly: true }))
      )
      assert.match(String(error.error), /User or API Wallet 0x[0-9a-f]{40} does not exist/)
      assert.strictEqual((yield* sandbox.ledger.orders()).length, 0)
    }), 30_000)
})
