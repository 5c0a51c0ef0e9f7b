import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import fc from "fast-check"
import type { Decimal } from "../../src/model/Decimal.js"
import { format, unsafe, zero } from "../../src/model/Decimal.js"
import { Engine } from "../../src/sandbox/engine/Engine.js"
import { defaultPerpetuals, perpId } from "../../src/sandbox/engine/Instrument.js"
import { MarketSimulator } from "../../src/sandbox/engine/MarketSimulator.js"
import { isOpen } from "../../src/sandbox/engine/Order.js"
import * as Random from "../../src/sandbox/engine/Random.js"

const BTC = perpId("BTCUSDT")
const ETH = perpId("ETHUSDT")
const d = unsafe

const setup = (seed = 7) => {
  let now = 1_700_000_000_000
  const clock = { advance: (ms: number) => (now += ms) }
  const engine = new Engine({
    now: () => now,
    random: Random.make(seed),
    perpetuals: defaultPerpetuals,
    instruments: []
  })
  const a = engine.createAccount({ balances: { USDT: d("100000") } }).id
  const b = engine.createAccount({ balances: { USDT: d("100000") } }).id
  return { engine, a, b, clock }
}

const limit = (
  side: "buy" | "sell",
  price: string,
  quantity: string,
  extra: Partial<
    { reduceOnly: boolean; postOnly: boolean; timeInForce: "GTC" | "IOC" | "FOK"; clientOrderId: string }
  > = {}
) => ({
  symbol: BTC,
  side,
  type: "limit" as const,
  timeInForce: extra.timeInForce ?? "GTC" as const,
  price: d(price),
  quantity: d(quantity),
  postOnly: extra.postOnly ?? false,
  reduceOnly: extra.reduceOnly ?? false,
  clientOrderId: extra.clientOrderId ?? `c${Math.random()}`
})

const usdt = (engine: Engine, id: string) => engine.balances(id).find((x) => x.asset === "USDT")!

describe("Engine perpetuals", () => {
  it("lists namespaced perpetuals apart from spot", () => {
    const engine = new Engine({ now: () => 0, random: Random.make(1), perpetuals: defaultPerpetuals })
    assert.isTrue(engine.instruments.every((i) => i.kind === "spot"))
    assert.deepStrictEqual(engine.perpetuals.map((p) => p.symbol), [BTC, ETH])
    assert.strictEqual(engine.instrument("BTCUSDT")?.kind, "spot")
    assert.strictEqual(engine.instrument(BTC)?.kind, "perp")
  })

  it("locks initial margin for orders, opens positions with entry price and PnL against the mark", () => {
    const { a, b, engine } = setup()
    const placed = engine.placeOrder(a, limit("buy", "60000", "0.5"))
    assert.isTrue(Either.isRight(placed))
    assert.strictEqual(format(usdt(engine, a).locked), "1500") // 30000 / 20
    const taken = engine.placeOrder(b, limit("sell", "60000", "0.2", { timeInForce: "IOC" }))
    assert.isTrue(Either.isRight(taken))
    const pa = engine.position(a, BTC)!
    const pb = engine.position(b, BTC)!
    assert.strictEqual(format(pa.size), "0.2")
    assert.strictEqual(format(pb.size), "-0.2")
    assert.strictEqual(format(pa.entryPrice), "60000")
    // order margin for 0.3 left (900) + position margin 600
    assert.strictEqual(format(usdt(engine, a).locked), "1500")
    engine.setMarket(BTC, { markPrice: d("61000") })
    assert.strictEqual(format(engine.position(a, BTC)!.unrealizedPnl), "200")
    assert.strictEqual(format(engine.position(b, BTC)!.unrealizedPnl), "-200")
    // b closes at 61000 against a new bid: realizes -200
    engine.cancelAll(a, BTC)
    engine.placeOrder(a, limit("sell", "61000", "0.2"))
    engine.placeOrder(b, limit("buy", "61000", "0.2", { reduceOnly: true, timeInForce: "IOC" }))
    assert.strictEqual(format(engine.position(b, BTC)!.size), "0")
    assert.strictEqual(format(engine.position(b, BTC)!.realizedPnl), "-200")
    assert.strictEqual(format(engine.position(a, BTC)!.realizedPnl), "200")
    assert.strictEqual(format(usdt(engine, b).locked), "0")
  })

  it("rejects reduce-only orders that would open or increase, and trims those that would flip", () => {
    const { a, b, engine } = setup()
    assert.deepStrictEqual(
      Either.getLeft(engine.placeOrder(a, limit("buy", "60000", "0.1", { reduceOnly: true }))),
      Either.getLeft(Either.left({ _tag: "ReduceOnlyRejected" as const }))
    )
    engine.placeOrder(b, limit("sell", "60000", "0.1"))
    engine.placeOrder(a, limit("buy", "60000", "0.1"))
    assert.isTrue(Either.isLeft(engine.placeOrder(a, limit("buy", "59000", "0.1", { reduceOnly: true }))))
    const trimmed = engine.placeOrder(a, limit("sell", "65000", "0.5", { reduceOnly: true }))
    assert.isTrue(Either.isRight(trimmed))
    if (Either.isRight(trimmed)) assert.strictEqual(format(trimmed.right.order.quantity), "0.1")
  })

  it("expires resting reduce-only orders once the position is flat", () => {
    const { a, b, engine } = setup()
    engine.placeOrder(b, limit("sell", "60000", "0.1"))
    engine.placeOrder(a, limit("buy", "60000", "0.1"))
    const ro = engine.placeOrder(a, limit("sell", "65000", "0.1", { reduceOnly: true }))
    engine.placeOrder(b, limit("buy", "60000", "0.1"))
    engine.placeOrder(a, limit("sell", "60000", "0.1", { timeInForce: "IOC" }))
    assert.strictEqual(format(engine.position(a, BTC)!.size), "0")
    if (Either.isRight(ro)) assert.strictEqual(ro.right.order.status, "expired")
  })

  it("amends price and quantity, re-margining, keeping the order id", () => {
    const { a, engine } = setup()
    const placed = engine.placeOrder(a, limit("buy", "50000", "0.1"))
    const id = Either.getOrThrow(placed).order.orderId
    const amended = engine.amendOrder(a, BTC, { orderId: id }, { price: d("51000"), quantity: d("0.2") })
    assert.isTrue(Either.isRight(amended))
    const order = Either.getOrThrow(amended).order
    assert.strictEqual(order.orderId, id)
    assert.strictEqual(format(order.price!), "51000")
    assert.strictEqual(format(usdt(engine, a).locked), "510")
    assert.strictEqual(engine.depth(BTC, 5)!.bids[0]![0].value, d("51000").value)
  })

  it("refuses orders whose margin exceeds the free balance", () => {
    const { engine } = setup()
    const poor = engine.createAccount({ balances: { USDT: d("100") } }).id
    const r = engine.placeOrder(poor, limit("buy", "60000", "0.1"))
    assert.deepStrictEqual(Either.isLeft(r) && r.left._tag, "InsufficientBalance")
  })

  it("settles funding every interval and keeps a seeded history", () => {
    const { a, b, clock, engine } = setup()
    assert.strictEqual(engine.fundingHistory(BTC).length, 30)
    engine.placeOrder(b, limit("sell", "60000", "1"))
    engine.placeOrder(a, limit("buy", "60000", "1"))
    engine.setMarket(BTC, { markPrice: d("60000"), fundingRate: d("0.0001") })
    const before = usdt(engine, a).free
    clock.advance(8 * 3_600_000)
    engine.settleFunding()
    assert.strictEqual(engine.fundingHistory(BTC).length, 31)
    assert.strictEqual(format(BigDecimal.subtract(before, usdt(engine, a).free)), "6")
    assert.strictEqual(format(engine.position(b, BTC)!.funding), "6")
  })
})

const sum = (xs: ReadonlyArray<Decimal>) => xs.reduce((x, y) => BigDecimal.sum(x, y), zero)

describe("Engine perpetuals under a random order flow", () => {
  it("conserves margin (balances + fees = initial + realized PnL + funding), keeps locks exact, and reduce-only never increases |position|", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        const random = Random.make(seed)
        let now = 1_700_000_000_000
        const engine = new Engine({ now: () => now, random: random.fork("engine"), perpetuals: defaultPerpetuals })
        const simulator = new MarketSimulator(engine, random.fork("market"), { levels: 5 })
        simulator.warmUp(2)
        const accounts = [0, 1, 2].map(() => engine.createAccount({ balances: { USDT: d("50000") } }).id)
        const usdtTotal = () => {
          let total = engine.ledger.fees.get("USDT") ?? zero
          for (const id of engine.ledger.accounts.keys()) {
            const b = usdt(engine, id)
            total = BigDecimal.sum(total, BigDecimal.sum(b.free, b.locked))
          }
          for (const id of engine.ledger.accounts.keys()) {
            for (const p of engine.positions(id)) {
              total = BigDecimal.subtract(total, BigDecimal.sum(p.realizedPnl, p.funding))
            }
          }
          return format(total)
        }
        const initial = usdtTotal()
        for (let step = 0; step < 100; step++) {
          now += random.between(1, 900_000)
          const account = accounts[random.int(accounts.length)]!
          const symbol = random.chance(0.5) ? BTC : ETH
          const instrument = engine.instrument(symbol)!
          const r = random.next()
          if (r < 0.1) simulator.step()
          else if (r < 0.2) {
            const open = engine.openOrders(account)
            const victim = open[random.int(Math.max(1, open.length))]
            if (victim !== undefined) engine.cancelOrder(account, victim.symbol, { orderId: victim.orderId })
          } else {
            const reference = engine.referencePrice(symbol)!
            const price = BigDecimal.sum(
              reference,
              BigDecimal.multiply(BigDecimal.fromBigInt(BigInt(random.between(-30, 30))), instrument.tickSize)
            )
            const quantity = BigDecimal.multiply(
              instrument.lotStep,
              BigDecimal.fromBigInt(BigInt(random.between(1, 400)))
            )
            const kind = random.int(5)
            const reduceOnly = random.chance(0.3)
            const before = BigDecimal.abs(engine.position(account, symbol)!.size)
            engine.placeOrder(account, {
              symbol,
              side: random.chance(0.5) ? "buy" : "sell",
              type: kind === 4 ? "market" : "limit",
              timeInForce: kind === 1 ? "IOC" : kind === 2 ? "FOK" : kind === 4 ? "IOC" : "GTC",
              price: kind === 4 ? undefined : price,
              quantity,
              postOnly: kind === 3,
              reduceOnly,
              clientOrderId: `p${step}`
            })
            if (reduceOnly && kind !== 0 && kind !== 3) {
              // a reduce-only taker that did not rest can only have reduced the position
              const resting = engine.openOrders(account, symbol).some((o) => o.clientOrderId === `p${step}`)
              if (!resting) {
                assert.isTrue(
                  BigDecimal.lessThanOrEqualTo(BigDecimal.abs(engine.position(account, symbol)!.size), before),
                  "reduce-only increased |position|"
                )
              }
            }
          }
          assert.strictEqual(usdtTotal(), initial, `margin conserved (seed ${seed})`)
          for (const id of accounts) {
            const orders = engine.openOrders(id).map((o) => o.locked)
            const positions = engine.positions(id).map((p) => p.margin)
            assert.strictEqual(format(usdt(engine, id).locked), format(sum([...orders, ...positions])), "locks exact")
            for (const o of engine.openOrders(id)) {
              if (!o.reduceOnly) continue
              assert.isTrue(isOpen(o))
              assert.isTrue(
                BigDecimal.isPositive(engine.reducible(id, o.symbol, o.side)),
                "resting reduce-only still reduces"
              )
            }
          }
        }
      }),
      { numRuns: 20 }
    )
  })
})
