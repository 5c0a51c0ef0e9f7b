/**
 * The synthetic market: a seeded random walk of each instrument's mid price, a market-maker
 * account that quotes a ladder of post-only orders around it (adding and canceling liquidity as
 * the mid moves), and a taker account that now and then crosses the spread with a market order,
 * producing trades. Perpetuals get the same walk (from their own seeded generator, so adding them
 * does not change the spot markets of a seed), and their mark price follows the mid, the index a
 * tick or two around it, and the funding rate a small mean-reverting walk. Everything goes through the engine, so the book stays uncrossed and every change
 * carries its update id.
 *
 * The simulator has no clock of its own: `step()` advances it once; the sandbox calls it on a
 * timer, and tests call it directly.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../model/Decimal.js"
import { format, roundToStep, unsafe } from "../../model/Decimal.js"
import type { Engine } from "./Engine.js"
import type { Instrument } from "./Instrument.js"
import type { Random } from "./Random.js"

/** @since 0.1.0 */
export interface MarketSimulatorOptions {
  /** Resting levels the market maker keeps on each side. Default 12. */
  readonly levels?: number | undefined
  /** Probability, per instrument and step, that a synthetic taker trades. Default 0.35. */
  readonly takerProbability?: number | undefined
}

interface Walk {
  readonly instrument: Instrument
  readonly random: Random
  midTicks: number
  readonly initialTicks: number
  /** Perpetuals: funding rate in millionths. */
  fundingMicros: number
}

const FUNDING_BASE_MICROS = 100
const FUNDING_CAP_MICROS = 3000

const HUGE = unsafe("1000000000000")

const ticksOf = (price: Decimal, tick: Decimal): number =>
  Number.parseInt(BigDecimal.scale(BigDecimal.unsafeDivide(price, tick), 0).value.toString(), 10)

const priceOf = (ticks: number, tick: Decimal): Decimal =>
  BigDecimal.normalize(BigDecimal.multiply(BigDecimal.fromBigInt(BigInt(ticks)), tick))

/**
 * The synthetic market of one engine.
 * @since 0.1.0
 */
export class MarketSimulator {
  readonly makerAccountId: string
  readonly takerAccountId: string
  private readonly walks: Array<Walk>
  private readonly levels: number
  private readonly takerProbability: number
  private nextClientId = 1

  constructor(readonly engine: Engine, random: Random, options: MarketSimulatorOptions = {}) {
    this.levels = options.levels ?? 12
    this.takerProbability = options.takerProbability ?? 0.35
    const assets = new Set(engine.listed.flatMap((i) => [i.base, i.quote]))
    const balances = Object.fromEntries([...assets].map((a) => [a, HUGE]))
    this.makerAccountId = engine.createAccount({ balances, label: "market-maker", ephemeral: true }).id
    this.takerAccountId = engine.createAccount({ balances, label: "market-taker", ephemeral: true }).id
    const perpRandom = random.fork("perpetuals")
    this.walks = engine.listed
      .filter((i) => i.status === "trading")
      .map((instrument) => {
        const ticks = ticksOf(instrument.initialPrice, instrument.tickSize)
        return {
          instrument,
          random: instrument.kind === "perp" ? perpRandom : random,
          midTicks: ticks,
          initialTicks: ticks,
          fundingMicros: FUNDING_BASE_MICROS
        }
      })
  }

  /** Quotes every book and makes a few trades, so a fresh sandbox has data to serve. */
  warmUp(steps = 8): void {
    for (const walk of this.walks) this.quote(walk)
    for (let i = 0; i < steps; i++) {
      for (const walk of this.walks) this.take(walk)
      this.step()
    }
  }

  /** One tick of the synthetic market: move each mid, re-quote, and maybe trade. */
  step(): void {
    for (const walk of this.walks) {
      this.move(walk)
      this.quote(walk)
      if (walk.random.chance(this.takerProbability)) this.take(walk)
      if (walk.instrument.kind === "perp") this.markPerp(walk)
    }
  }

  private markPerp(walk: Walk): void {
    const { random, instrument } = walk
    const drift = Math.sign(FUNDING_BASE_MICROS - walk.fundingMicros)
    walk.fundingMicros = Math.max(
      -FUNDING_CAP_MICROS,
      Math.min(FUNDING_CAP_MICROS, walk.fundingMicros + random.between(-2, 2) + drift)
    )
    this.engine.setMarket(instrument.symbol, {
      markPrice: priceOf(walk.midTicks, instrument.tickSize),
      indexPrice: priceOf(walk.midTicks + random.between(-2, 2), instrument.tickSize),
      fundingRate: BigDecimal.make(BigInt(walk.fundingMicros), 6)
    })
  }

  private move(walk: Walk): void {
    const volatility = Math.max(1, Math.round(walk.midTicks / 4000))
    const deviation = (walk.midTicks - walk.initialTicks) / walk.initialTicks
    const pUp = Math.min(0.9, Math.max(0.1, 0.5 - deviation * 2))
    const direction = walk.random.chance(pUp) ? 1 : -1
    const size = walk.random.between(0, 2)
    walk.midTicks = Math.max(this.levels * 4 + 10, walk.midTicks + direction * size * volatility)
  }

  private quote(walk: Walk): void {
    const { instrument } = walk
    const half = Math.max(1, Math.round(walk.midTicks / 20000))
    const spacing = Math.max(1, Math.round(walk.midTicks / 10000))
    const wanted = new Map<string, { side: "buy" | "sell"; ticks: number }>()
    for (let i = 0; i < this.levels; i++) {
      const bid = walk.midTicks - half - i * spacing
      const ask = walk.midTicks + half + i * spacing
      wanted.set(`buy:${bid}`, { side: "buy", ticks: bid })
      wanted.set(`sell:${ask}`, { side: "sell", ticks: ask })
    }
    for (const order of this.engine.openOrders(this.makerAccountId, instrument.symbol)) {
      const key = `${order.side}:${ticksOf(order.price!, instrument.tickSize)}`
      if (wanted.has(key)) wanted.delete(key)
      else this.engine.cancelOrder(this.makerAccountId, instrument.symbol, { orderId: order.orderId })
    }
    for (const { side, ticks } of wanted.values()) {
      const price = priceOf(ticks, instrument.tickSize)
      this.engine.placeOrder(this.makerAccountId, {
        symbol: instrument.symbol,
        side,
        type: "limit",
        timeInForce: "GTC",
        price,
        quantity: this.randomQuantity(walk, price, 20, 400),
        postOnly: true,
        clientOrderId: `mm-${this.nextClientId++}`
      })
    }
  }

  private take(walk: Walk): void {
    const { instrument } = walk
    const price = this.engine.referencePrice(instrument.symbol)!
    const result = this.engine.placeOrder(this.takerAccountId, {
      symbol: instrument.symbol,
      side: walk.random.chance(0.5) ? "buy" : "sell",
      type: "market",
      timeInForce: "IOC",
      quantity: this.randomQuantity(walk, price, 10, 300),
      postOnly: false,
      clientOrderId: `taker-${this.nextClientId++}`
    })
    if (Either.isLeft(result) && result.left._tag !== "FilterFailure") {
      throw new Error(`synthetic taker rejected on ${instrument.symbol}: ${result.left._tag}`)
    }
  }

  /** A quantity worth about `minNotionalMultiple`..`maxNotionalMultiple` × the minimum notional. */
  private randomQuantity(walk: Walk, price: Decimal, minMultiple: number, maxMultiple: number): Decimal {
    const { instrument } = walk
    const notional = BigDecimal.multiply(
      instrument.minNotional,
      BigDecimal.fromBigInt(BigInt(walk.random.between(minMultiple, maxMultiple)))
    )
    const quantity = roundToStep(BigDecimal.unsafeDivide(notional, price), instrument.lotStep, "down")
    return BigDecimal.lessThan(quantity, instrument.minQuantity) ? instrument.minQuantity : quantity
  }

  /** Current mid of an instrument, as the walk sees it. */
  mid(symbol: string): string | undefined {
    const walk = this.walks.find((w) => w.instrument.symbol === symbol)
    return walk === undefined ? undefined : format(priceOf(walk.midTicks, walk.instrument.tickSize))
  }
}
