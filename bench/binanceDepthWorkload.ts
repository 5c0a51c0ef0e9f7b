/**
 * The seeded Binance `depthUpdate` workload shared by the order-book benchmarks: a BTCUSDT-like
 * book (tick 0.01, lot 0.00001) with 1,000 levels per side, then 200,000 level updates in messages
 * of 1–19 levels, ~70% of them within the top 20 levels, written as Binance writes them.
 */
export const LEVELS = 1000
export const LEVEL_UPDATES = 200_000
export const TOP = 20

/** A seeded PRNG (mulberry32), uniform in [0, 1). */
export const mulberry32 = (seed: number) => {
  let a = seed >>> 0
  return (): number => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
/** One combined-stream frame and the level updates it carries (`[side, ticks, lots]`, side 0 = bid). */
export interface Message {
  readonly text: string
  readonly levels: ReadonlyArray<[0 | 1, number, number]>
}

export const makeWorkload = (SEED: number) => {
  const random = mulberry32(SEED)
  const below = (n: number) => Math.floor(random() * n)

  const priceText = (ticks: number) => `${Math.floor(ticks / 100)}.${String(ticks % 100).padStart(2, "0")}000000`
  const sizeText = (lots: number) => `${Math.floor(lots / 100000)}.${String(lots % 100000).padStart(5, "0")}000`
  const randomLots = () => 1 + below(random() < 0.8 ? 200_000 : 50_000_000)

  /** The generator's own book: ticks sorted best first (bids descending, asks ascending). */
  const bids: Array<number> = []
  const asks: Array<number> = []
  const MID = 3_000_000 // 30000.00
  {
    let t = MID - 1
    for (let i = 0; i < LEVELS; i++, t -= 1 + below(3)) bids.push(t)
    t = MID + 1
    for (let i = 0; i < LEVELS; i++, t += 1 + below(3)) asks.push(t)
  }
  const lotsAt = new Map<number, number>()
  for (const t of [...bids, ...asks]) lotsAt.set(t, randomLots())
  const snapshotJson = {
    lastUpdateId: 1_000_000,
    bids: bids.map((t) => [priceText(t), sizeText(lotsAt.get(t)!)]),
    asks: asks.map((t) => [priceText(t), sizeText(lotsAt.get(t)!)])
  }

  const insertSorted = (side: Array<number>, t: number, descending: boolean) => {
    let lo = 0
    let hi = side.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (descending ? side[mid]! > t : side[mid]! < t) lo = mid + 1
      else hi = mid
    }
    if (side[lo] !== t) side.splice(lo, 0, t)
  }

  /** One level update: `[side, ticks, lots]`, keeping ~1,000 levels a side and the book uncrossed. */
  const nextLevel = (): [0 | 1, number, number] => {
    const sideIndex = below(2) as 0 | 1
    const side = sideIndex === 0 ? bids : asks
    const other = sideIndex === 0 ? asks : bids
    const sign = sideIndex === 0 ? -1 : 1
    const near = random() < 0.7
    const index = near ? below(TOP) : TOP + below(side.length - TOP)
    const action = random()
    if (action < 0.55 || side.length < LEVELS - 50) {
      if (action >= 0.55 || random() < 0.5) {
        // insert a new level near the chosen one (between it and its neighbour, or beyond the best)
        const base = side[index]!
        let t = base + sign * (index === 0 ? -(1 + below(2)) : 1 + below(2))
        if (index === 0 && (sideIndex === 0 ? t >= other[0]! : t <= other[0]!)) t = base - sign
        if (!lotsAt.has(t) && (sideIndex === 0 ? t < other[0]! : t > other[0]!) && t > 0) {
          insertSorted(side, t, sideIndex === 0)
          const lots = randomLots()
          lotsAt.set(t, lots)
          return [sideIndex, t, lots]
        }
      }
      const t = side[index]!
      const lots = randomLots()
      lotsAt.set(t, lots)
      return [sideIndex, t, lots]
    }
    if (action < 0.8 && side.length > LEVELS - 50) {
      const t = side[index]!
      side.splice(index, 1)
      lotsAt.delete(t)
      return [sideIndex, t, 0]
    }
    if (random() < 0.1) return [sideIndex, side[side.length - 1]! + sign * 7, 0] // not in the book: harmless
    const t = side[index]!
    const lots = randomLots()
    lotsAt.set(t, lots)
    return [sideIndex, t, lots]
  }
  const messages: Array<Message> = []
  let nearTop = 0
  {
    let u = snapshotJson.lastUpdateId
    let produced = 0
    while (produced < LEVEL_UPDATES) {
      const n = Math.min(1 + below(19), LEVEL_UPDATES - produced)
      const levels: Array<[0 | 1, number, number]> = []
      const seen = new Map<string, number>()
      for (let k = 0; k < n; k++) {
        const before = [bids[TOP - 1]!, asks[TOP - 1]!]
        const level = nextLevel()
        if (level[0] === 0 ? level[1] >= before[0]! : level[1] <= before[1]!) nearTop++
        // one entry per price and side in a message, as Binance sends it: the latest change wins
        const key = `${level[0]}:${level[1]}`
        const at = seen.get(key)
        if (at === undefined) {
          seen.set(key, levels.length)
          levels.push(level)
        } else {
          levels[at] = level
        }
      }
      produced += n
      const U = u + 1
      u = U + n - 1 + below(3)
      const data = {
        e: "depthUpdate",
        E: 1_700_000_000_000 + messages.length * 100,
        s: "BTCUSDT",
        U,
        u,
        b: levels.filter((l) => l[0] === 0).map((l) => [priceText(l[1]), sizeText(l[2])]),
        a: levels.filter((l) => l[0] === 1).map((l) => [priceText(l[1]), sizeText(l[2])])
      }
      messages.push({ text: JSON.stringify({ stream: "btcusdt@depth@100ms", data }), levels })
    }
  }
  const preParsedTicks = messages.flatMap((m) => m.levels)
  const preParsedFloats = preParsedTicks.map(([s, t, l]) => [s, t / 100, l / 100000] as const)
  const decodedObjects = () => messages.map((m) => (JSON.parse(m.text) as { data: Record<string, unknown> }).data)
  return { snapshotJson, messages, nearTop, preParsedTicks, preParsedFloats, decodedObjects }
}
