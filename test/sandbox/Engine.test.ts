import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { format, unsafe } from "../../src/model/Decimal.js"
import { Engine } from "../../src/sandbox/engine/Engine.js"
import type { PlaceOrder } from "../../src/sandbox/engine/Order.js"
import * as Random from "../../src/sandbox/engine/Random.js"

const d = unsafe

const makeEngine = () => {
  let now = 1_700_000_000_000
  const engine = new Engine({ now: () => now++, random: Random.make(42) })
  const balances = { USDT: d("100000"), BTC: d("10"), ETH: d("100"), SOL: d("1000") }
  const alice = engine.createAccount({ balances }).id
  const bob = engine.createAccount({ balances }).id
  const carol = engine.createAccount({ balances }).id
  return { engine, alice, bob, carol }
}

let cid = 0
const limit = (side: "buy" | "sell", price: string, quantity: string, extra: Partial<PlaceOrder> = {}): PlaceOrder => ({
  symbol: "BTCUSDT",
  side,
  type: "limit",
  timeInForce: "GTC",
  price: d(price),
  quantity: d(quantity),
  postOnly: false,
  clientOrderId: `c${cid++}`,
  ...extra
})

const balance = (engine: Engine, account: string, asset: string) => {
  const b = engine.balances(account).find((x) => x.asset === asset)
  return { free: format(b?.free ?? d("0")), locked: format(b?.locked ?? d("0")) }
}

const placed = (engine: Engine, account: string, order: PlaceOrder) => {
  const r = engine.placeOrder(account, order)
  if (Either.isLeft(r)) throw new Error(`rejected: ${r.left._tag}`)
  return r.right
}

describe("Engine", () => {
  it("matches by price, then time", () => {
    const { alice, bob, carol, engine } = makeEngine()
    const first = placed(engine, alice, limit("sell", "60001", "0.1")).order
    const second = placed(engine, bob, limit("sell", "60001", "0.1")).order
    const better = placed(engine, bob, limit("sell", "60000.5", "0.05")).order
    const taker = placed(engine, carol, limit("buy", "60001", "0.2"))
    assert.strictEqual(taker.order.status, "filled")
    assert.deepStrictEqual(taker.fills.map((f) => [format(f.price), format(f.quantity)]), [
      ["60000.5", "0.05"],
      ["60001", "0.1"],
      ["60001", "0.05"]
    ])
    assert.strictEqual(better.status, "filled")
    assert.strictEqual(first.status, "filled")
    assert.strictEqual(second.status, "partially_filled")
    assert.strictEqual(format(second.executedQuantity), "0.05")
  })

  it("locks on placement, releases on cancel", () => {
    const { alice, engine } = makeEngine()
    const { order } = placed(engine, alice, limit("buy", "50000", "0.1"))
    assert.deepStrictEqual(balance(engine, alice, "USDT"), { free: "95000", locked: "5000" })
    const canceled = engine.cancelOrder(alice, "BTCUSDT", { orderId: order.orderId })
    assert.isTrue(Either.isRight(canceled))
    assert.strictEqual(order.status, "canceled")
    assert.deepStrictEqual(balance(engine, alice, "USDT"), { free: "100000", locked: "0" })
    assert.isTrue(Either.isLeft(engine.cancelOrder(alice, "BTCUSDT", { orderId: order.orderId })))
  })

  it("charges maker and taker fees on the received asset and refunds price improvement", () => {
    const { alice, bob, engine } = makeEngine()
    placed(engine, alice, limit("sell", "60000", "0.1"))
    const taker = placed(engine, bob, limit("buy", "61000", "0.1"))
    assert.strictEqual(taker.order.status, "filled")
    // bob paid 6000 USDT (not 6100), received 0.1 BTC minus 0.1% = 0.0999
    assert.deepStrictEqual(balance(engine, bob, "USDT"), { free: "94000", locked: "0" })
    assert.deepStrictEqual(balance(engine, bob, "BTC"), { free: "10.0999", locked: "0" })
    // alice sold 0.1 BTC, received 6000 USDT minus 6
    assert.deepStrictEqual(balance(engine, alice, "USDT"), { free: "105994", locked: "0" })
    assert.deepStrictEqual(balance(engine, alice, "BTC"), { free: "9.9", locked: "0" })
    assert.strictEqual(format(engine.ledger.fees.get("BTC")!), "0.0001")
    assert.strictEqual(format(engine.ledger.fees.get("USDT")!), "6")
    assert.strictEqual(format(taker.fills[0]!.commission), "0.0001")
  })

  it("IOC fills what it can and expires the rest", () => {
    const { alice, bob, engine } = makeEngine()
    placed(engine, alice, limit("sell", "60000", "0.05"))
    const r = placed(engine, bob, limit("buy", "60000", "0.1", { timeInForce: "IOC" }))
    assert.strictEqual(r.order.status, "expired")
    assert.strictEqual(format(r.order.executedQuantity), "0.05")
    assert.deepStrictEqual(balance(engine, bob, "USDT").locked, "0")
    assert.isUndefined(engine.bestBid("BTCUSDT"))
  })

  it("FOK checks the full fill before touching the book", () => {
    const { alice, bob, engine } = makeEngine()
    const resting = placed(engine, alice, limit("sell", "60000", "0.05")).order
    const before = engine.updateId("BTCUSDT")
    const r = placed(engine, bob, limit("buy", "60000", "0.1", { timeInForce: "FOK" }))
    assert.strictEqual(r.order.status, "expired")
    assert.strictEqual(format(r.order.executedQuantity), "0")
    assert.strictEqual(resting.status, "new")
    assert.strictEqual(engine.updateId("BTCUSDT"), before)
    const ok = placed(engine, bob, limit("buy", "60000", "0.05", { timeInForce: "FOK" }))
    assert.strictEqual(ok.order.status, "filled")
  })

  it("post-only is rejected when it would cross, and nothing changes", () => {
    const { alice, bob, engine } = makeEngine()
    placed(engine, alice, limit("sell", "60000", "0.05"))
    const before = balance(engine, bob, "USDT")
    const r = engine.placeOrder(bob, limit("buy", "60000", "0.01", { postOnly: true }))
    assert.deepStrictEqual(Either.isLeft(r) ? r.left : undefined, { _tag: "WouldTake" })
    assert.deepStrictEqual(balance(engine, bob, "USDT"), before)
    assert.strictEqual(engine.orders(bob).length, 0)
    const passive = placed(engine, bob, limit("buy", "59999.99", "0.01", { postOnly: true }))
    assert.strictEqual(passive.order.status, "new")
  })

  it("rejects filter failures, insufficient balance and duplicate client ids without mutating", () => {
    const { alice, engine } = makeEngine()
    const reject = (o: PlaceOrder) => {
      const r = engine.placeOrder(alice, o)
      return Either.isLeft(r) ? r.left : undefined
    }
    assert.deepStrictEqual(reject(limit("buy", "60000.001", "0.1")), { _tag: "FilterFailure", filter: "PRICE_FILTER" })
    assert.deepStrictEqual(reject(limit("buy", "60000", "0.000001")), { _tag: "FilterFailure", filter: "LOT_SIZE" })
    assert.deepStrictEqual(reject(limit("buy", "1", "0.001")), { _tag: "FilterFailure", filter: "NOTIONAL" })
    assert.deepStrictEqual(reject(limit("buy", "60000", "2")), { _tag: "InsufficientBalance" })
    placed(engine, alice, limit("buy", "50000", "0.1", { clientOrderId: "dup" }))
    assert.deepStrictEqual(reject(limit("buy", "50000", "0.1", { clientOrderId: "dup" })), {
      _tag: "DuplicateClientOrderId"
    })
    assert.deepStrictEqual(reject(limit("buy", "5", "1", { symbol: "LTCUSDT" })), { _tag: "MarketClosed" })
    assert.deepStrictEqual(reject(limit("buy", "5", "1", { symbol: "NOPE" })), { _tag: "UnknownSymbol" })
    assert.strictEqual(engine.orders(alice).length, 1)
    assert.deepStrictEqual(balance(engine, alice, "USDT"), { free: "95000", locked: "5000" })
  })

  it("market orders walk the book; by quote amount too", () => {
    const { alice, bob, engine } = makeEngine()
    placed(engine, alice, limit("sell", "60000", "0.01"))
    placed(engine, alice, limit("sell", "60010", "0.01"))
    const r = placed(engine, bob, {
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      timeInForce: "IOC",
      quantity: d("0.015"),
      postOnly: false,
      clientOrderId: "m1"
    })
    assert.strictEqual(r.order.status, "filled")
    assert.strictEqual(format(r.order.cumulativeQuote), "900.05")
    assert.deepStrictEqual(balance(engine, bob, "USDT"), { free: "99099.95", locked: "0" })
    const q = placed(engine, bob, {
      symbol: "BTCUSDT",
      side: "buy",
      type: "market",
      timeInForce: "IOC",
      quoteQuantity: d("120.02"),
      postOnly: false,
      clientOrderId: "m2"
    })
    assert.strictEqual(format(q.order.quantity), "0.002")
    assert.strictEqual(format(q.order.cumulativeQuote), "120.02")
  })

  it("is exact: no float artefacts", () => {
    const { alice, bob, engine } = makeEngine()
    for (let i = 0; i < 10; i++) placed(engine, alice, limit("sell", "0.1", "0.1", { symbol: "ETHBTC" }))
    // 10 × 0.1 × 0.1 would be 0.10000000000000002 in floats
    const r = placed(engine, bob, limit("buy", "0.1", "1", { symbol: "ETHBTC" }))
    assert.isTrue(BigDecimal.equals(r.order.cumulativeQuote, d("0.1")))
  })
})
