/**
 * Order-book benchmark: LotusX vs ccxt on the same seeded stream of Binance `depthUpdate`
 * messages, in the same process, interleaved (issue 4, DESIGN.md §12).
 *
 *   npx tsx bench/orderbook.ts [repetitions=7] [seed=4242]
 *   node --expose-gc --import tsx bench/orderbook.ts   (collects garbage before each timed run)
 *
 * Workload: a BTCUSDT-like book (tick 0.01, lot 0.00001) with 1,000 levels per side, then 200,000
 * level updates in ~20,000 messages of 1–19 levels, ~70% of the level updates within the top 20
 * levels, prices and sizes written as Binance writes them (8 decimals).
 *
 * (a)  apply only, pre-parsed: LotusX `LadderSide.set(ticks, lots)` vs ccxt `OrderBookSide.store(price, size)`
 * (a)  apply decoded messages: each library's per-message path from its own decoded message to the
 *      updated book. LotusX: `BookMachine.onUpdate` (sync rule, prices and sizes parsed into ticks and
 *      lots, apply, crossed check, view) on the `BookUpdate`s its stream decoder gives (`decodeDepthPayload`:
 *      the levels are still text, in the frame); ccxt: `binance.handleOrderBook` on the JSON-parsed event
 *      (its parse of the level strings, store, nonce checks). Decoding is outside the timing for both.
 * (a') the same, LotusX given JSON-parsed events (levels as strings, read by `BookScale.parseUnits`):
 *      the path for frames the text reader declines, and for venues without one
 * (b)  raw frame text → decode → apply → best bid/ask, through the path `watchBookUpdates` and
 *      LiveOrderBook take: the Binance protocol's `routeText` (what `WsSession` calls for each frame),
 *      `decodeDepthPayload` (the stream's decoder: reads the event from the text, `JSON.parse` only for
 *      what it declines), `BookMachine.onUpdate` + view; vs ccxt `WsClient.onMessage` (its JSON.parse,
 *      `handleMessage` → `handleOrderBook`) + `bids[0]`/`asks[0]`
 * (b'') the same for LotusX with every frame `JSON.parse`d first (the path for frames the text reader
 *      declines), vs ccxt
 * (a+) (a), then reading the top 20 levels of each side after every update, as a strategy does: LotusX
 *      from the emitted view's integer arrays, ccxt from its book (`limit()` and the rows)
 * (a++) the same, LotusX reading the view's exact `BigDecimal` levels (`view.bids`, `view.asks`)
 * (c)  reading the top 20 levels of each side (prices and sizes) of one book, repeatedly: LotusX from
 *      an emitted view, through its flat integer arrays (`bidsScaled`/`asksScaled`) and through its
 *      accessor methods; ccxt from its book (`limit()`, then the `[price, size]` rows)
 * floor: bare JSON.parse plus one `Map` set/delete per level.
 */
import ccxt from "ccxt"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { readFileSync } from "node:fs"
import * as BookScale from "../src/book/BookScale.js"
import { TextBookUpdate } from "../src/book/BookText.js"
import { BookMachine, SnapshotLoaded } from "../src/book/internal/bookMachine.js"
import { LadderSide } from "../src/book/Ladder.js"
import type { OrderBookView } from "../src/book/OrderBookView.js"
import * as Decimal from "../src/model/Decimal.js"
import type { Market } from "../src/model/Market.js"
import type { BookUpdate, OrderBookSnapshot } from "../src/model/OrderBook.js"
import { binanceSpotBookSync } from "../src/venues/binance/bookSync.js"
import { decodeDepthPayload, decodeDepthUpdate, isDepthDecodeFailure } from "../src/venues/binance/depthCodec.js"
import * as BinanceStreams from "../src/venues/binance/streams.js"
import { LEVEL_UPDATES, LEVELS, makeWorkload, TOP } from "./binanceDepthWorkload.js"

const REPETITIONS = Number(process.argv[2] ?? 7)
const WARMUP = 2
const PASSES = 5
const SEED = Number(process.argv[3] ?? 4242)
const { decodedObjects, messages, nearTop, preParsedFloats, preParsedTicks, snapshotJson } = makeWorkload(SEED)
/** The frames' `data`, JSON-parsed once and shared (read-only) by both libraries' runs of (a). */
const decoded = decodedObjects()
const decodedUpdates: ReadonlyArray<BookUpdate> = decoded.map((d) => decodeDepthUpdate(d, 0) as BookUpdate)
const spotProtocol = BinanceStreams.protocol({
  venue: "binance",
  baseUrl: "wss://stream.binance.com:9443",
  textTopics: BinanceStreams.isDepthTopic,
  ...BinanceStreams.defaultStreamTimings
})
/** The frames as LotusX's Binance stream decodes them (levels left in the frame's text), for (a). */
const textUpdates: ReadonlyArray<BookUpdate> = messages.map((m) => {
  const update = decodeDepthPayload(spotProtocol.routeText!(m.text)!.payload, 0)
  if (!(update instanceof TextBookUpdate)) throw new Error("the frame was not read from its text")
  return update
})
/** With `--expose-gc`, collect before each timed run so that set-up garbage is not timed. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {})

// ---- LotusX ---------------------------------------------------------------------------------

const market: Market = {
  venue: "binance",
  symbol: "BTCUSDT",
  unified: "BTC/USDT",
  base: "BTC",
  quote: "USDT",
  type: "spot",
  status: "trading",
  tickSize: Decimal.unsafe("0.01"),
  lotStep: Decimal.unsafe("0.00001"),
  minQuantity: Decimal.zero,
  contractSize: Decimal.unsafe("1")
}
const scale = Either.getOrThrow(BookScale.make(market))
const snapshot: OrderBookSnapshot = {
  symbol: "BTC/USDT",
  venueSymbol: "BTCUSDT",
  bids: snapshotJson.bids.map(([p, q]) => [Decimal.unsafe(p!), Decimal.unsafe(q!)] as const),
  asks: snapshotJson.asks.map(([p, q]) => [Decimal.unsafe(p!), Decimal.unsafe(q!)] as const),
  sequence: snapshotJson.lastUpdateId
}

const lotusMachine = () => {
  const machine = new BookMachine({
    market,
    scale,
    sync: binanceSpotBookSync,
    depth: TOP,
    requestSnapshot: () => {},
    backoffResetMs: 10_000
  }, 0)
  machine.onSnapshotResult(new SnapshotLoaded(1, snapshot, 0))
  machine.drain()
  if (machine.state !== "live") throw new Error("LotusX did not go live")
  return machine
}
const lotusSides = () => {
  const sides = [new LadderSide(1, 2048), new LadderSide(-1, 2048)] as const
  for (const [p, q] of snapshotJson.bids) {
    sides[0].set(BookScale.parsePriceTicks(scale, p!), BookScale.parseSizeLots(scale, q!))
  }
  for (const [p, q] of snapshotJson.asks) {
    sides[1].set(BookScale.parsePriceTicks(scale, p!), BookScale.parseSizeLots(scale, q!))
  }
  return sides
}

// ---- ccxt -----------------------------------------------------------------------------------

const SPOT_URL = "wss://stream.binance.com:9443/stream?streams=btcusdt@depth@100ms"
const ccxtExchange = new (ccxt as any).pro.binance({ enableRateLimit: false }) as any
const ccxtClient = ccxtExchange.client(SPOT_URL)
const ccxtBook = () => {
  // the state ccxt's watchOrderBook reaches after fetchOrderBookSnapshot: reset(snapshot), nonce set
  const book = ccxtExchange.orderBook({}, 1000)
  book.reset(ccxtExchange.parseOrderBook(snapshotJson, "BTCUSDT"))
  book["nonce"] = snapshotJson.lastUpdateId
  book["timestamp"] = 1_700_000_000_000
  ccxtExchange.orderbooks["BTCUSDT"] = book
  return book
}

// ---- runs -----------------------------------------------------------------------------------

let sink = 0
const time = (f: () => void): number => {
  collectGarbage()
  const t0 = process.hrtime.bigint()
  f()
  return Number(process.hrtime.bigint() - t0) / 1e9
}

/** LotusX's per-message path: apply each update, take the view. */
const lotusApply = (updates: ReadonlyArray<BookUpdate>) => () => {
  const machine = lotusMachine()
  return () => {
    for (let i = 0; i < updates.length; i++) {
      machine.onUpdate(updates[i]!)
      const views = machine.drain()
      sink += views[views.length - 1]!.bidTicks(0)
    }
  }
}
/** ccxt's: `handleOrderBook` on each JSON-parsed event. */
const ccxtApply = () => {
  const book = ccxtBook()
  const objects = decoded
  return () => {
    for (let i = 0; i < objects.length; i++) {
      ccxtExchange.handleOrderBook(ccxtClient, objects[i])
      sink += book.bids[0][0]
    }
  }
}

const variants = {
  "a0 ladder only, pre-parsed numbers": {
    lotus: () => {
      const sides = lotusSides()
      return () => {
        for (let i = 0; i < preParsedTicks.length; i++) {
          const l = preParsedTicks[i]!
          sides[l[0]].set(l[1], l[2])
        }
        sink += sides[0].bestTicks() + sides[1].bestTicks()
      }
    },
    ccxt: () => {
      const book = ccxtBook()
      return () => {
        for (let i = 0; i < preParsedFloats.length; i++) {
          const l = preParsedFloats[i]!
          ;(l[0] === 0 ? book.bids : book.asks).store(l[1], l[2])
        }
        sink += book.bids[0][0] + book.asks[0][0]
      }
    }
  },
  "a  apply decoded messages": {
    lotus: lotusApply(textUpdates),
    ccxt: ccxtApply
  },
  "a' apply JSON-parsed messages (levels as strings)": {
    lotus: lotusApply(decodedUpdates),
    ccxt: ccxtApply
  },
  "a+ apply, then read the top 20 levels of every update (LotusX: integer arrays)": {
    lotus: () => {
      const machine = lotusMachine()
      const updates = textUpdates
      return () => {
        for (let i = 0; i < updates.length; i++) {
          machine.onUpdate(updates[i]!)
          const views = machine.drain()
          const view = views[views.length - 1]!
          const b = view.bidsScaled
          const a = view.asksScaled
          let sum = 0
          for (let k = 0; k < b.length; k++) sum += b[k]!
          for (let k = 0; k < a.length; k++) sum += a[k]!
          sink += sum
        }
      }
    },
    ccxt: () => {
      const book = ccxtBook()
      const objects = decoded
      return () => {
        for (let i = 0; i < objects.length; i++) {
          ccxtExchange.handleOrderBook(ccxtClient, objects[i])
          const limited = book.limit()
          const b = limited.bids
          const a = limited.asks
          let sum = 0
          for (let k = 0; k < TOP; k++) sum += b[k][0] + b[k][1]
          for (let k = 0; k < TOP; k++) sum += a[k][0] + a[k][1]
          sink += sum
        }
      }
    }
  },
  "a++ the same, LotusX reading the exact BigDecimal levels (view.bids / view.asks)": {
    lotus: () => {
      const machine = lotusMachine()
      const updates = textUpdates
      return () => {
        for (let i = 0; i < updates.length; i++) {
          machine.onUpdate(updates[i]!)
          const views = machine.drain()
          const view = views[views.length - 1]!
          const b = view.bids
          const a = view.asks
          let scale = 0
          for (let k = 0; k < b.length; k++) scale += b[k]![0].scale + b[k]![1].scale
          for (let k = 0; k < a.length; k++) scale += a[k]![0].scale + a[k]![1].scale
          sink += scale
        }
      }
    },
    ccxt: () => variants["a+ apply, then read the top 20 levels of every update (LotusX: integer arrays)"].ccxt()
  },
  "b  raw text → best bid/ask": {
    lotus: () => {
      const machine = lotusMachine()
      const routeText = spotProtocol.routeText!
      return () => {
        for (let i = 0; i < messages.length; i++) {
          const routed = routeText(messages[i]!.text)
          if (routed === undefined) throw new Error("not routed from text")
          const update = decodeDepthPayload(routed.payload, Date.now())
          if (isDepthDecodeFailure(update)) throw new Error(update.message)
          machine.onUpdate(update)
          const views = machine.drain()
          const view = views[views.length - 1]!
          sink += view.bidTicks(0) + view.askTicks(0)
        }
      }
    },
    ccxt: () => {
      const book = ccxtBook()
      return () => {
        for (let i = 0; i < messages.length; i++) {
          ccxtClient.onMessage({ data: messages[i]!.text })
          sink += book.bids[0][0] + book.asks[0][0]
        }
      }
    }
  },
  "b'' raw text, LotusX through JSON.parse": {
    lotus: () => {
      const machine = lotusMachine()
      return () => {
        for (let i = 0; i < messages.length; i++) {
          const frame = JSON.parse(messages[i]!.text) as { readonly data: unknown }
          const update = decodeDepthUpdate(frame.data, Date.now())
          if (isDepthDecodeFailure(update)) throw new Error(update.message)
          machine.onUpdate(update)
          const views = machine.drain()
          const view = views[views.length - 1]!
          sink += view.bidTicks(0) + view.askTicks(0)
        }
      }
    },
    ccxt: () => variants["b  raw text → best bid/ask"].ccxt()
  },
  "b' raw text, ccxt without its regex": {
    lotus: () => variants["b  raw text → best bid/ask"].lotus(),
    ccxt: () => {
      const book = ccxtBook()
      return () => {
        for (let i = 0; i < messages.length; i++) {
          ccxtExchange.handleMessage(ccxtClient, JSON.parse(messages[i]!.text))
          sink += book.bids[0][0] + book.asks[0][0]
        }
      }
    }
  }
} as const

/** Reads of the top 20 levels per side (prices and sizes), repeated; per read. */
const READS = 1_000_000
/** A live view of the top 20 levels, as LiveOrderBook emits it. */
const topView = (): OrderBookView => {
  const machine = lotusMachine()
  machine.onUpdate(textUpdates[0]!)
  const view = machine.drain()[0]!
  if (view.bidCount !== TOP || view.askCount !== TOP) throw new Error("the view does not hold the top 20 levels")
  return view
}
const topReads = {
  lotusView: () => {
    const view = topView()
    return () => {
      for (let r = 0; r < READS; r++) {
        const b = view.bidsScaled
        const a = view.asksScaled
        let s = 0
        for (let i = 0; i < TOP; i++) s += b[2 * i]! + b[2 * i + 1]!
        for (let i = 0; i < TOP; i++) s += a[2 * i]! + a[2 * i + 1]!
        sink += s
      }
    }
  },
  lotusAccessors: () => {
    const view = topView()
    return () => {
      for (let r = 0; r < READS; r++) {
        let s = 0
        for (let i = 0; i < TOP; i++) s += view.bidTicks(i) + view.bidLots(i)
        for (let i = 0; i < TOP; i++) s += view.askTicks(i) + view.askLots(i)
        sink += s
      }
    }
  },
  ccxt: () => {
    const book = ccxtBook()
    return () => {
      for (let r = 0; r < READS; r++) {
        const limited = book.limit()
        const b = limited.bids
        const a = limited.asks
        let s = 0
        for (let i = 0; i < TOP; i++) s += b[i][0] + b[i][1]
        for (let i = 0; i < TOP; i++) s += a[i][0] + a[i][1]
        sink += s
      }
    }
  }
}

const isZeroSize = (q: string) => {
  for (let i = 0; i < q.length; i++) {
    const c = q.charCodeAt(i)
    if (c !== 48 && c !== 46) return false
  }
  return true
}
const floor = () => {
  const books = [new Map<string, string>(), new Map<string, string>()] as const
  for (const [p, q] of snapshotJson.bids) books[0].set(p!, q!)
  for (const [p, q] of snapshotJson.asks) books[1].set(p!, q!)
  return () => {
    for (let i = 0; i < messages.length; i++) {
      const frame = JSON.parse(messages[i]!.text) as {
        data: { b: Array<[string, string]>; a: Array<[string, string]> }
      }
      for (const [side, levels] of [[books[0], frame.data.b], [books[1], frame.data.a]] as const) {
        for (let j = 0; j < levels.length; j++) {
          const [p, q] = levels[j]!
          if (isZeroSize(q)) side.delete(p)
          else side.set(p, q)
        }
      }
    }
    sink += books[0].size
  }
}

// ---- correctness cross-check: both libraries end with the same book ---------------------------

{
  const machine = lotusMachine()
  const book = ccxtBook()
  for (const m of messages) {
    const update = decodeDepthPayload(spotProtocol.routeText!(m.text)!.payload, 0)
    if (!(update instanceof TextBookUpdate)) throw new Error("the frame was not read from its text")
    machine.onUpdate(update)
    machine.drain()
    ccxtClient.onMessage({ data: m.text })
  }
  if (machine.state !== "live") throw new Error(`LotusX ended ${machine.state}: ${machine.current.reason}`)
  const v = machine.current
  for (let i = 0; i < TOP; i++) {
    const ours = [
      BigDecimal.unsafeToNumber(v.bids[i]![0]),
      BigDecimal.unsafeToNumber(v.bids[i]![1]),
      BigDecimal.unsafeToNumber(v.asks[i]![0]),
      BigDecimal.unsafeToNumber(v.asks[i]![1])
    ]
    const theirs = [book.bids[i][0], book.bids[i][1], book.asks[i][0], book.asks[i][1]]
    if (ours.some((x, k) => x !== theirs[k])) throw new Error(`books differ at level ${i}: ${ours} vs ${theirs}`)
  }
  if (machine.ladder.bids.length !== book.bids.length || machine.ladder.asks.length !== book.asks.length) {
    throw new Error("books differ in depth")
  }
}

// ---- report ---------------------------------------------------------------------------------

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const stats = (xs: ReadonlyArray<number>) =>
  `min ${Math.min(...xs).toFixed(2)}  median ${median(xs).toFixed(2)}  max ${Math.max(...xs).toFixed(2)}`
const rate = (count: number, seconds: number) => count / seconds / 1e6

const ccxtVersion =
  (JSON.parse(readFileSync(new URL("../node_modules/ccxt/package.json", import.meta.url), "utf8")) as {
    readonly version: string
  }).version
console.log(
  `node ${process.version}, ccxt ${ccxtVersion}, seed ${SEED}, ${REPETITIONS} repetitions (+${WARMUP} warm-up) of ${PASSES} passes each`
)
console.log(
  `${messages.length} messages, ${LEVEL_UPDATES} level updates (${
    (100 * nearTop / LEVEL_UPDATES).toFixed(1)
  }% within the top ${TOP}), ` +
    `${LEVELS} levels per side; the final books of LotusX and ccxt agree`
)
console.log("")

/** Seconds of one run: the fastest of `PASSES` runs, each on a freshly set-up book (robust to noise). */
const measure = (make: () => () => void): number => {
  let best = Infinity
  for (let p = 0; p < PASSES; p++) best = Math.min(best, time(make()))
  return best
}

const rows: Array<string> = []
for (const [name, v] of Object.entries(variants)) {
  const ratios: Array<number> = []
  const lotusRates: Array<number> = []
  const ccxtRates: Array<number> = []
  const floorRates: Array<number> = []
  for (let r = -WARMUP; r < REPETITIONS; r++) {
    // alternate which library goes first; negative repetitions are warm-up
    const order = r % 2 === 0 ? ["lotus", "ccxt"] as const : ["ccxt", "lotus"] as const
    const seconds: Record<string, number> = {}
    for (const who of order) seconds[who] = measure(v[who])
    const floorSeconds = name.startsWith("b") ? measure(floor) : NaN
    if (r < 0) continue
    ratios.push(seconds.ccxt! / seconds.lotus!)
    lotusRates.push(rate(LEVEL_UPDATES, seconds.lotus!))
    ccxtRates.push(rate(LEVEL_UPDATES, seconds.ccxt!))
    if (!Number.isNaN(floorSeconds)) floorRates.push(rate(LEVEL_UPDATES, floorSeconds))
  }
  rows.push(`${name}`)
  rows.push(`    LotusX / ccxt throughput ratio: ${stats(ratios)}`)
  rows.push(
    `    LotusX ${median(lotusRates).toFixed(2)} M level updates/s, ccxt ${median(ccxtRates).toFixed(2)} M/s` +
      (floorRates.length > 0 ? `, floor (JSON.parse + Map) ${median(floorRates).toFixed(2)} M/s` : "")
  )
}
{
  const viewRatios: Array<number> = []
  const accessorRatios: Array<number> = []
  const times: Record<string, Array<number>> = { lotusView: [], lotusAccessors: [], ccxt: [] }
  for (let r = -WARMUP; r < REPETITIONS; r++) {
    const order = r % 2 === 0
      ? ["lotusView", "lotusAccessors", "ccxt"] as const
      : ["ccxt", "lotusAccessors", "lotusView"] as const
    const seconds: Record<string, number> = {}
    for (const who of order) seconds[who] = measure(topReads[who])
    if (r < 0) continue
    viewRatios.push(seconds.ccxt! / seconds.lotusView!)
    accessorRatios.push(seconds.ccxt! / seconds.lotusAccessors!)
    times.lotusAccessors!.push(seconds.lotusAccessors! / READS * 1e9)
    times.lotusView!.push(seconds.lotusView! / READS * 1e9)
    times.ccxt!.push(seconds.ccxt! / READS * 1e9)
  }
  rows.push(`c  read the top ${TOP} levels per side`)
  rows.push(`    LotusX view arrays (bidsScaled/asksScaled) / ccxt (limit() + rows) speed ratio: ${stats(viewRatios)}`)
  rows.push(`    LotusX view accessors (bidTicks(i)…) / ccxt speed ratio:                     ${stats(accessorRatios)}`)
  rows.push(
    `    per read: view arrays ${median(times.lotusView!).toFixed(0)} ns, accessors ${
      median(times.lotusAccessors!).toFixed(0)
    } ns, ccxt ${median(times.ccxt!).toFixed(0)} ns`
  )
}
console.log(rows.join("\n"))
if (sink === 42) console.log("")
