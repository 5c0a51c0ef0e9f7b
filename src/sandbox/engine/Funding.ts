/**
 * Perpetuals' mark, index and funding: each perpetual has a mark and index price and a funding
 * rate (set by the market simulator through `setMarket`); funding is settled every
 * `fundingIntervalMs` of engine time, and a seeded history precedes the start.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../model/Decimal.js"
import type { EngineState, FundingEvent, PerpState } from "./EngineState.js"
import type { PerpInstrument } from "./Instrument.js"
import type { Positions } from "./Positions.js"
import type { Random } from "./Random.js"

/**
 * The mark, index and funding figures of a perpetual.
 * @since 0.1.0
 */
export interface PerpMarket {
  readonly symbol: string
  readonly markPrice: Decimal
  readonly indexPrice: Decimal
  readonly fundingRate: Decimal
  readonly nextFundingTime: number
  readonly fundingIntervalMs: number
}

/**
 * New mark price of a perpetual, with its index (the mark when absent) and funding rate (unchanged
 * when absent).
 * @since 0.1.0
 */
export interface MarketUpdate {
  readonly markPrice: Decimal
  readonly indexPrice?: Decimal | undefined
  readonly fundingRate?: Decimal | undefined
}

const FUNDING_HISTORY = 30

/**
 * A perpetual's starting state, with 30 seeded settlements before `start`.
 * @since 0.1.0
 */
export const seedPerp = (instrument: PerpInstrument, start: number, random: Random): PerpState => {
  const interval = instrument.fundingIntervalMs
  const nextFundingTime = Math.ceil((start + 1) / interval) * interval
  const fork = random.fork(`funding:${instrument.symbol}`)
  const history: Array<FundingEvent> = []
  for (let k = FUNDING_HISTORY; k >= 1; k--) {
    history.push({
      symbol: instrument.symbol,
      fundingTime: nextFundingTime - k * interval,
      rate: BigDecimal.sum(instrument.initialFundingRate, BigDecimal.make(BigInt(fork.between(-50, 50)), 6)),
      markPrice: instrument.initialPrice
    })
  }
  return {
    mark: instrument.initialPrice,
    index: instrument.initialPrice,
    fundingRate: instrument.initialFundingRate,
    nextFundingTime,
    history
  }
}

/**
 * Mark prices and funding of every perpetual.
 * @since 0.1.0
 */
export class Funding {
  constructor(private readonly state: EngineState, private readonly positions: Positions) {}

  /** Mark, index and funding figures of a perpetual. */
  perpMarket(symbol: string): PerpMarket | undefined {
    const s = this.state.symbols.get(symbol)
    if (s?.perp === undefined || s.instrument.kind !== "perp") return undefined
    this.settleFunding()
    return {
      symbol,
      markPrice: s.perp.mark,
      indexPrice: s.perp.index,
      fundingRate: s.perp.fundingRate,
      nextFundingTime: s.perp.nextFundingTime,
      fundingIntervalMs: s.instrument.fundingIntervalMs
    }
  }

  /** Past funding settlements of a perpetual, oldest first (seeded history included). */
  fundingHistory(symbol: string): ReadonlyArray<FundingEvent> {
    this.settleFunding()
    return this.state.symbols.get(symbol)?.perp?.history ?? []
  }

  /** Moves a perpetual's mark, index and funding rate, then settles due funding. */
  setMarket(symbol: string, market: MarketUpdate): void {
    const perp = this.state.symbols.get(symbol)?.perp
    if (perp === undefined) return
    perp.mark = market.markPrice
    perp.index = market.indexPrice ?? market.markPrice
    if (market.fundingRate !== undefined) perp.fundingRate = market.fundingRate
    this.settleFunding()
  }

  /**
   * Settles every funding interval that has ended: each position pays `size × mark × rate`
   * (longs pay shorts when the rate is positive) from its free balance.
   */
  settleFunding(): void {
    const now = this.state.now()
    for (const s of this.state.symbols.values()) {
      const perp = s.perp
      if (perp === undefined || s.instrument.kind !== "perp") continue
      const settle = s.instrument.settle
      while (now >= perp.nextFundingTime) {
        perp.history.push({
          symbol: s.instrument.symbol,
          fundingTime: perp.nextFundingTime,
          rate: perp.fundingRate,
          markPrice: perp.mark
        })
        for (const [accountId, byAccount] of this.positions.states) {
          const p = byAccount.get(s.instrument.symbol)
          if (p === undefined || BigDecimal.isZero(p.size)) continue
          const payment = BigDecimal.multiply(BigDecimal.multiply(p.size, perp.mark), perp.fundingRate)
          this.state.ledger.credit(accountId, settle, BigDecimal.negate(payment))
          p.funding = BigDecimal.subtract(p.funding, payment)
        }
        perp.nextFundingTime += s.instrument.fundingIntervalMs
      }
    }
  }
}
