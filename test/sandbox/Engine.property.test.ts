import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import fc from "fast-check"
import type { Decimal } from "../../src/model/Decimal.js"
import { format, unsafe, zero } from "../../src/model/Decimal.js"
import { Engine } from "../../src/sandbox/engine/Engine.js"
import { MarketSimulator } from "../../src/sandbox/engine/MarketSimulator.js"
import { isOpen } from "../../src/sandbox/engine/Order.js"
import { remaining } from "../../src/sandbox/engine/OrderBook.js"
import * as Random from "../../src/sandbox/engine/Random.js"

const sum = (xs: ReadonlyArray<Decimal>) => xs.reduce((a, b) => BigDecimal.sum(a, b), zero)

/** Per asset: everything held in accounts (free + locked) plus the fees collected. */
const totals = (engine: Engine): Map<string, string> => {
  const out = new Map<string, Decimal>()
  for (const account of engine.ledger.accounts.values()) {
    for (const b of engine.balances(account.id)) {
      out.set(b.asset, BigDecimal.sum(out.get(b.asset) ?? zero, BigDecimal.sum(b.free, b.locked)))
    }
  }
  for (const [asset, fee] of engine.ledger.fees) out.set(asset, BigDecimal.sum(out.get(asset) ?? zero, fee))
  return new Map([...out].map(([a, d]) => [a, format(d)]))
}

const checkInvariants = (engine: Engine, accounts: ReadonlyArray<string>, initial: Map<string, string>) => {
  for (const instrument of engine.instruments) {
    const bid = engine.bestBid(instrument.symbol)
    const ask = engine.bestAsk(instrument.symbol)
    if (bid !== undefined && ask !== undefined) {
      assert.isTrue(BigDecimal.lessThan(bid.price, ask.price), `${instrument.symbol} crossed`)
    }
    const depth = engine.depth(instrument.symbol, 10_000)!
    for (const [side, levels] of [["buy", depth.bids], ["sell", depth.asks]] as const) {
      for (const [price, total] of levels) {
        assert.isTrue(BigDecimal.isPositive(total))
        const resting = engine.orders().filter((o) =>
          o.symbol === instrument.symbol && o.side === side && isOpen(o) && BigDecimal.equals(o.price!, price)
        )
        assert.isTrue(BigDecimal.equals(sum(resting.map(remaining)), total), "level total")
      }
    }
  }
  assert.deepStrictEqual(totals(engine), initial, "assets conserved")
  for (const id of accounts) {
    for (const b of engine.balances(id)) {
      assert.isFalse(BigDecimal.isNegative(b.free), "free >= 0")
      assert.isFalse(BigDecimal.isNegative(b.locked), "locked >= 0")
    }
    const lockedByAsset = new Map<string, Decimal>()
    for (const o of engine.openOrders(id)) {
      const instrument = engine.instrument(o.symbol)!
      const asset = o.side === "buy" ? instrument.quote : instrument.base
      lockedByAsset.set(asset, BigDecimal.sum(lockedByAsset.get(asset) ?? zero, o.locked))
    }
    for (const b of engine.balances(id)) {
      assert.strictEqual(format(b.locked), format(lockedByAsset.get(b.asset) ?? zero), `locked ${b.asset}`)
    }
  }
}

describe("Engine under a random order flow", () => {
  it("keeps books uncrossed and sequenced, level totals exact, balances conserved and locks exact", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        const random = Random.make(seed)
        let now = 1_700_000_000_000
        const engine = new Engine({ now: () => now++, random: random.fork("engine") })
        const simulator = new MarketSimulator(engine, random.fork("market"), { levels: 5 })
        simulator.warmUp(2)
        const balances = { USDT: unsafe("50000"), BTC: unsafe("1"), ETH: unsafe("10"), SOL: unsafe("100") }
        const accounts = [0, 1, 2].map(() => engine.createAccount({ balances }).id)
        const initial = totals(engine)
        let lastUpdate = new Map<string, number>()
        engine.subscribe((e) => {
          if (e._tag !== "BookChanged") return
          const previous = lastUpdate.get(e.symbol)
          if (previous !== undefined) assert.strictEqual(e.updateId, previous + 1, "update ids consecutive")
          lastUpdate = new Map(lastUpdate).set(e.symbol, e.updateId)
        })
        const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
        for (let step = 0; step < 120; step++) {
          const account = accounts[random.int(accounts.length)]!
          const symbol = symbols[random.int(symbols.length)]!
          const instrument = engine.instrument(symbol)!
          const r = random.next()
          if (r < 0.1) {
            simulator.step()
          } else if (r < 0.25) {
            const open = engine.openOrders(account)
            const victim = open[random.int(Math.max(1, open.length))]
            if (victim !== undefined) {
              assert.isTrue(Either.isRight(engine.cancelOrder(account, victim.symbol, { orderId: victim.orderId })))
            }
          } else {
            const reference = engine.referencePrice(symbol)!
            const offsetTicks = BigInt(random.between(-40, 40))
            const price = BigDecimal.sum(
              reference,
              BigDecimal.multiply(BigDecimal.fromBigInt(offsetTicks), instrument.tickSize)
            )
            const quantity = BigDecimal.multiply(
              instrument.lotStep,
              BigDecimal.fromBigInt(BigInt(random.between(1, 3000)))
            )
            const kind = random.int(5)
            engine.placeOrder(account, {
              symbol,
              side: random.chance(0.5) ? "buy" : "sell",
              type: kind === 4 ? "market" : "limit",
              timeInForce: kind === 1 ? "IOC" : kind === 2 ? "FOK" : kind === 4 ? "IOC" : "GTC",
              price: kind === 4 ? undefined : price,
              quantity,
              postOnly: kind === 3,
              clientOrderId: `p${step}`
            })
          }
          checkInvariants(engine, accounts, initial)
        }
      }),
      { numRuns: 25 }
    )
  }, 120_000) // CPU-bound: seconds on an idle machine, several times that on a loaded one
})
