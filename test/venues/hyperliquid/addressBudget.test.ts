/**
 * Hyperliquid's address-based request budget (10,000 + 1 per USDC traded; n per batch of n;
 * cancels up to min(cap + 100,000, cap × 2); then 1 request per 10 s), from
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits-and-user-limits:
 * the client's local model, and the connector against the sandbox with a small budget — a burst
 * is refused with `RateLimited` before it is sent; the sandbox refuses with the venue's message
 * when the client's count is behind (another process on the same address), and that is
 * `RateLimited` too.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Decimal from "../../../src/model/Decimal.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import { AddressBudget, THROTTLED_EVERY_MS } from "../../../src/venues/hyperliquid/addressBudget.js"
import * as Hyperliquid from "../../../src/venues/hyperliquid/Hyperliquid.js"
import * as Loopback from "../../support/Loopback.js"

const d = Decimal.unsafe
const status = (used: number, cap: number, cumVlm = "0.0") => ({
  cumVlm: d(cumVlm),
  nRequestsUsed: used,
  nRequestsCap: cap
})

describe("Hyperliquid address budget (local model)", () => {
  it("spends up to the cap, a batch counting its items", () => {
    const b = new AddressBudget("0xabc", status(9_990, 10_000), 0)
    assert.deepStrictEqual(b.decide(8, "order", 0, 0), { _tag: "go" })
    assert.deepStrictEqual(b.decide(2, "order", 0, 0), { _tag: "go" })
    assert.strictEqual(b.used, 10_000)
  })

  it("then one request per 10 s: the first goes, the next waits for its slot or is refused", () => {
    const b = new AddressBudget("0xabc", status(10_000, 10_000, "0.0"), 0)
    assert.deepStrictEqual(b.decide(1, "order", 1_000, 10_000), { _tag: "go" })
    assert.deepStrictEqual(b.decide(1, "order", 4_000, 10_000), { _tag: "wait", ms: 7_000 })
    const refused = b.decide(1, "order", 4_000, 10_000)
    assert.strictEqual(refused._tag, "refuse")
    if (refused._tag === "refuse") {
      assert.strictEqual(refused.retryAfterMs, 17_000)
      assert.include(refused.reason, "0xabc")
      assert.include(refused.reason, "10,000 + 1 per USDC traded")
      assert.include(refused.reason, "1 request per 10 s")
    }
    // a refusal reserves nothing: the slot after the waiting one
    assert.deepStrictEqual(b.decide(1, "order", 21_000, 10_000), { _tag: "go" })
    assert.strictEqual(b.decide(1, "order", 21_000, 9_999)._tag, "refuse")
    assert.strictEqual(THROTTLED_EVERY_MS, 10_000)
  })

  it("cancels go on to min(cap + 100,000, cap × 2)", () => {
    const b = new AddressBudget("0xabc", status(10_000, 10_000), 0)
    assert.strictEqual(b.limit("cancel"), 20_000)
    assert.deepStrictEqual(b.decide(40, "cancel", 0, 0), { _tag: "go" })
    assert.strictEqual(b.decide(1, "order", 0, 0)._tag, "go") // the first throttled slot
    assert.strictEqual(b.decide(1, "order", 0, 0)._tag, "refuse")
    const big = new AddressBudget("0xabc", status(0, 500_000), 0)
    assert.strictEqual(big.limit("cancel"), 600_000)
  })

  it("volume traded raises the cap by 1 per whole USDC; a read keeps requests not yet in the venue's count", () => {
    const b = new AddressBudget("0xabc", status(10_000, 10_000, "0.0"), 0)
    b.addTraded(d("2.75"))
    assert.strictEqual(b.cap, 10_002)
    assert.deepStrictEqual(b.decide(2, "order", 0, 0), { _tag: "go" })
    b.refresh(status(10_001, 10_002, "2.75"), 5)
    assert.strictEqual(b.used, 10_002)
    assert.strictEqual(b.cap, 10_002)
    assert.strictEqual(b.readAt, 5)
  })

  it("the venue's refusal marks the budget used up", () => {
    const b = new AddressBudget("0xabc", status(0, 10_000), 0)
    b.exhausted(100)
    assert.strictEqual(b.decide(1, "order", 100, 0)._tag, "refuse")
    assert.strictEqual(b.decide(1, "order", 10_100, 0)._tag, "go")
  })
})

const run = <A, E>(effect: Effect.Effect<A, E, any>) =>
  effect.pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)) as Effect.Effect<A, E>

describe("Hyperliquid address budget on the sandbox (initial buffer 3)", () => {
  it.live("a burst past the budget is refused before it is sent; the venue's own refusal is RateLimited", () =>
    run(Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({
        seed: 5,
        venues: ["hyperliquid"],
        market: { running: false },
        hyperliquid: { addressRequestBuffer: 3 }
      })
      const own = sandbox.credentials.hyperliquid
      const connect = () =>
        Hyperliquid.make({
          environment: "sandbox",
          restUrl: sandbox.urls.hyperliquid.rest,
          wsUrl: sandbox.urls.hyperliquid.ws,
          credentials: { privateKey: own.secret, accountAddress: own.address! },
          settings: { addressBudgetMaxWaitMs: 100 },
          rateLimit: { maxWaitMs: 0 }
        })
      const rateLimit = Effect.promise(async () => {
        const res = await fetch(`${sandbox.urls.hyperliquid.rest}/info`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ type: "userRateLimit", user: own.address })
        })
        return (await res.json()) as Record<string, unknown>
      })
      assert.deepStrictEqual(yield* rateLimit, { cumVlm: "0", nRequestsUsed: 0, nRequestsCap: 3, nRequestsSurplus: 0 })
      const order = (price: string) => ({
        symbol: "BTC/USDC",
        side: "buy" as const,
        type: "limit" as const,
        price: d(price),
        quantity: d("0.001"),
        postOnly: true
      })
      // another process on the same address: it reads the budget (0 of 3) and spends 1
      const other = yield* connect()
      yield* other.placeOrder(order("20000"))

      const exchange = yield* connect()
      // a batch of 2 counts 2 (the budget is then used up), the next takes the first 10-second slot
      const batch = yield* exchange.placeOrders([order("20001"), order("20002")])
      assert.isTrue(batch.every(Either.isRight))
      yield* exchange.placeOrder(order("20003"))
      assert.strictEqual((yield* rateLimit).nRequestsUsed, 4)
      const ordersBefore = (yield* sandbox.ledger.orders(own.accountId)).length

      const refused = yield* Effect.flip(exchange.placeOrder(order("20004")))
      assert.strictEqual(refused._tag, "RateLimited")
      if (refused._tag === "RateLimited") {
        assert.isAbove(refused.retryAfterMs ?? 0, 9_000)
        assert.include(refused.message, "address request budget")
        assert.include(refused.message, own.address!)
        assert.isUndefined(refused.venueCode, "refused locally")
      }
      assert.strictEqual((yield* rateLimit).nRequestsUsed, 4, "nothing was sent")
      assert.strictEqual((yield* sandbox.ledger.orders(own.accountId)).length, ordersBefore)

      // the other process counted 1 of 3: it sends, and the venue refuses in its words
      const venue = yield* Effect.flip(other.placeOrder(order("20005")))
      assert.strictEqual(venue._tag, "RateLimited")
      if (venue._tag === "RateLimited") {
        assert.strictEqual(venue.venueCode, "AddressRateLimit")
        assert.strictEqual(venue.retryAfterMs, 10_000)
        assert.strictEqual(
          venue.venueMessage,
          "Too many cumulative requests sent (5 > 3) for cumulative volume traded $0. " +
            "Place taker orders to free up 1 request per USDC traded."
        )
      }
      assert.strictEqual((yield* rateLimit).nRequestsUsed, 4)
      assert.strictEqual((yield* sandbox.ledger.orders(own.accountId)).length, ordersBefore)
      // the address is held back, not the connection: its reads go on at once (no wait allowed here)
      yield* other.balances
      // and from then on it knows: refused before sending
      const after = yield* Effect.flip(other.placeOrder(order("20006")))
      assert.isTrue(after._tag === "RateLimited" && after.venueCode === undefined)

      // volume traded raises the venue's cap by 1 per whole USDC
      const symbol = (yield* sandbox.ledger.orders(own.accountId))[0]!.symbol
      const { asks } = yield* exchange.orderBook("BTC/USDC", 1)
      sandbox.engine.placeOrder(own.accountId, {
        symbol,
        side: "buy",
        type: "limit",
        timeInForce: "IOC",
        price: asks[0]![0],
        quantity: d("0.001"),
        postOnly: false,
        clientOrderId: "taker"
      })
      const traded = yield* rateLimit
      const volume = Decimal.unsafe(traded.cumVlm as string)
      assert.isTrue(Decimal.format(volume) !== "0")
      assert.strictEqual(traded.nRequestsCap, 3 + Math.floor(Number(traded.cumVlm)))
    })))
})
