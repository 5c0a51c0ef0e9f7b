/**
 * One subscriber process of the market-data bus bench (`bench/busFanout.ts`): one `BookBus` (one
 * Redis pub/sub connection) fanned out to one bus-fed `LiveOrderBook` per symbol.
 *
 * Prints JSON lines: `{"k":"ready","ms":…}` once every book is live (`ms` from creating the books);
 * on `report` from stdin, `{"k":"report",…}` with the ingest → view latencies (µs) since the last
 * `reset`, the views counted, the gaps the bus detected, the undetected gaps its own audit found (a
 * live view whose update does not chain to the previous live view, with no non-live view between),
 * and each book's levels. Exits when stdin closes.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as readline from "node:readline"
import * as LiveOrderBook from "../src/book/LiveOrderBook.js"
import type { OrderBookView } from "../src/book/OrderBookView.js"
import * as PushFeed from "../src/book/PushFeed.js"
import * as BookBus from "../src/cluster/BookBus.js"
import { levelsOf } from "../test/cluster/busHarness.js"
import * as Synthetic from "./syntheticBook.js"

interface Settings {
  readonly redisUrl: string
  readonly namespace: string
  readonly symbols: number
}

const settings = JSON.parse(process.env.LOTUSX_BUS_WORKER ?? "{}") as Settings
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)

const program = Effect.gen(function*() {
  const clock = yield* Effect.clock
  const micros = () => Number(clock.unsafeCurrentTimeNanos() / 1000n)
  const bus = yield* BookBus.make({ url: settings.redisUrl, namespace: settings.namespace })
  let latencies: Array<number> = []
  let arrivals: Array<number> = []
  let views = 0
  let undetected = 0
  let cpuFrom = process.cpuUsage()
  let wallFrom = Date.now()
  const books: Array<LiveOrderBook.LiveOrderBook<never>> = []
  const created = Date.now()
  /** Snapshot reads that failed (when, from creating the books, and why). */
  const snapshotFailures: Array<string> = []
  for (const market of Synthetic.markets(settings.symbols)) {
    /** bus sequence → [ingest time µs, previous sequence of the symbol] */
    const sent = new Map<number, readonly [number, number | undefined]>()
    // `PushFeed.tap` keeps the bus's synchronous delivery to the book (a `Stream.map` would not)
    const updates = PushFeed.tap(bus.updates("synthetic", market.symbol), (u) => {
      if (u.publishedAt !== undefined && u.interrupted === undefined) {
        arrivals.push(micros() - u.publishedAt)
        sent.set(u.lastUpdateId, [u.publishedAt, u.kind === "delta" ? u.prevUpdateId : undefined])
      }
    })
    const book = yield* LiveOrderBook.make({
      market,
      updates,
      snapshot: () =>
        bus.snapshot("synthetic", market.symbol).pipe(
          Effect.tapError((e) =>
            Effect.sync(() => {
              snapshotFailures.push(`${Date.now() - created} ms: ${e.message}`)
            })
          ),
          Effect.orDie
        ),
      sync: BookBus.busSync,
      depth: 1000
    })
    books.push(book)
    let previous: OrderBookView | undefined
    yield* Effect.forkDaemon(Stream.runForEachChunk(book.views, (chunk) =>
      Effect.sync(() => {
        const now = micros()
        for (const view of chunk) {
          if (view.state === "live" && view.sequence !== undefined) {
            const entry = sent.get(view.sequence)
            if (entry !== undefined) {
              latencies.push(now - entry[0])
              sent.delete(view.sequence)
              // a delta must continue the previous live view
              if (
                entry[1] !== undefined && previous !== undefined && previous.state === "live" &&
                previous.sequence !== entry[1]
              ) undetected++
            }
            views++
          }
          previous = view
        }
        if (sent.size > 100_000) sent.clear()
      })))
  }
  yield* Effect.forEach(books, (book) => book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead), {
    concurrency: "unbounded"
  })
  print({ k: "ready", ms: Date.now() - created, snapshotFailures })

  const lines = readline.createInterface({ input: process.stdin })
  for (;;) {
    const line = yield* Effect.async<string | undefined>((resume) => {
      const onLine = (l: string) => {
        lines.off("close", onClose)
        resume(Effect.succeed(l))
      }
      const onClose = () => {
        lines.off("line", onLine)
        resume(Effect.succeed(undefined))
      }
      lines.once("line", onLine)
      lines.once("close", onClose)
    })
    if (line === undefined) return
    if (line === "reset") {
      latencies = []
      arrivals = []
      cpuFrom = process.cpuUsage()
      wallFrom = Date.now()
      views = 0
      undetected = 0
    }
    if (line === "report") {
      const current = yield* Effect.forEach(books, (b) => b.current)
      print({
        k: "report",
        latencies,
        arrivals,
        cpuShare: (() => {
          const used = process.cpuUsage(cpuFrom)
          return (used.user + used.system) / 1000 / Math.max(1, Date.now() - wallFrom)
        })(),
        views,
        detected: yield* bus.interruptions,
        undetected,
        books: current.map((v) => ({ symbol: v.venueSymbol, state: v.state, levels: levelsOf(v) }))
      })
    }
  }
})

Effect.runPromise(Effect.scoped(program)).then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${String(e)}\n`)
    process.exit(1)
  }
)
