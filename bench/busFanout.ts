/**
 * The market-data bus phases of `npm run bench:cluster` (issue 17).
 *
 * Fan-out: an ingest (in this process) keeps BUS_SYMBOLS books fed by a seeded synthetic venue at
 * BUS_RATE updates per second in all and publishes them on Redis; BUS_PROCESSES subscriber processes
 * (`bench/busWorker.ts`) each keep one bus-fed book per symbol. After BUS_WARMUP seconds of feed (the
 * processes' start-up), measures for BUS_SECONDS. Reports the latency from the ingest
 * applying an update to a subscriber's book showing it (both clocks are Effect's `Clock` on one
 * machine), the gaps detected and undetected, and whether every subscriber book equals the ingest's
 * once the feed pauses. Then one subscriber is killed (SIGKILL) and a new one started while the feed
 * runs: its time from creating its books to all of them live, and its books against the ingest's.
 *
 * Venue websockets: two `lotusx ingest` processes (holder and standby) of one stream group on the
 * sandbox, behind a proxy that counts websocket upgrades; the holder is killed and the standby takes
 * over. Reports the most websockets open at once and the takeover time seen by a bus-fed book.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as childProcess from "node:child_process"
import * as os from "node:os"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import * as LiveOrderBook from "../src/book/LiveOrderBook.js"
import * as BookBus from "../src/cluster/BookBus.js"
import * as BookIngest from "../src/cluster/BookIngest.js"
import * as Wire from "../src/cluster/BusWire.js"
import { Exchange } from "../src/Exchange.js"
import * as Binance from "../src/venues/binance/Binance.js"
import { levelsOf, sandboxProxy, spawnIngest, waitFor } from "../test/cluster/busHarness.js"
import { quantile } from "../test/support/ClusterHarness.js"
import * as Loopback from "../test/support/Loopback.js"
import * as Synthetic from "./syntheticBook.js"

const here = path.dirname(fileURLToPath(import.meta.url))

const env = (name: string, fallback: number) => {
  const v = process.env[name]
  return v === undefined ? fallback : Number.parseInt(v, 10)
}

interface Report {
  readonly latencies: ReadonlyArray<number>
  readonly arrivals: ReadonlyArray<number>
  readonly cpuShare: number
  readonly views: number
  readonly detected: number
  readonly undetected: number
  readonly books: ReadonlyArray<{ readonly symbol: string; readonly state: string; readonly levels: string }>
}

interface Worker {
  readonly ready: Promise<number>
  readonly send: (line: string) => void
  readonly report: () => Promise<Report>
  /** The snapshot reads that failed before it was ready (when and why). */
  readonly snapshotFailures: () => ReadonlyArray<string>
  readonly kill: (signal?: NodeJS.Signals) => void
  /** Closes its stdin: it exits. */
  readonly close: () => void
}

const startWorker = (settings: { redisUrl: string; namespace: string; symbols: number }): Worker => {
  const profile = process.env.BUS_PROFILE === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", process.env.BUS_PROFILE]
  const child = childProcess.spawn(process.execPath, [...profile, "--import", "tsx", path.join(here, "busWorker.ts")], {
    env: { ...process.env, LOTUSX_BUS_WORKER: JSON.stringify(settings) },
    stdio: ["pipe", "pipe", "inherit"]
  })
  let onReady: (ms: number) => void = () => undefined
  let failures: ReadonlyArray<string> = []
  const reports: Array<(r: Report) => void> = []
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return
    const m = JSON.parse(line) as { k: string; ms: number; snapshotFailures?: ReadonlyArray<string> } & Report
    if (m.k === "ready") {
      failures = m.snapshotFailures ?? []
      onReady(m.ms)
    }
    if (m.k === "report") reports.shift()?.(m)
  })
  return {
    ready: new Promise((resolve) => {
      onReady = resolve
    }),
    send: (line) => child.stdin.write(`${line}\n`),
    report: () =>
      new Promise((resolve) => {
        reports.push(resolve)
        child.stdin.write("report\n")
      }),
    snapshotFailures: () => failures,
    kill: (signal: NodeJS.Signals = "SIGKILL") => child.kill(signal),
    close: () => child.stdin.end()
  }
}

const fmt = (n: number) => n.toFixed(2)

/** Fan-out at BUS_RATE updates/s to BUS_PROCESSES × BUS_SYMBOLS books. */
export const fanout = (redisUrl: string) =>
  Effect.scoped(Effect.gen(function*() {
    const processes = env("BUS_PROCESSES", 10)
    const symbols = env("BUS_SYMBOLS", 10)
    const rate = env("BUS_RATE", 1000)
    const seconds = env("BUS_SECONDS", 20)
    const warmup = env("BUS_WARMUP", 10)
    const seed = env("BENCH_SEED", 17)
    const namespace = `bench-bus-${Date.now()}`
    const markets = Synthetic.markets(symbols)
    const sources = yield* Effect.forEach(markets, (m, i) => Synthetic.make(m, seed + i))
    let ingestBooks: ReadonlyArray<LiveOrderBook.LiveOrderBook<never>> = []
    yield* Effect.forkScoped(BookIngest.run({
      redis: redisUrl,
      namespace,
      venue: "synthetic",
      symbols: markets.map((m) => m.symbol),
      depth: 1000,
      feeds: Effect.succeed(markets.map((market, i) => ({
        market,
        updates: sources[i]!.updates,
        snapshot: sources[i]!.snapshot,
        sync: Synthetic.sync
      }))),
      onBooks: (books) =>
        Effect.sync(() => {
          ingestBooks = books
        })
    }))
    let running = true
    const driver = yield* Effect.fork(Synthetic.drive(sources, rate, () => running))
    const settings = { redisUrl, namespace, symbols }
    const workers = Array.from({ length: processes }, () => startWorker(settings))
    const readyMs = yield* Effect.promise(() => Promise.all(workers.map((w) => w.ready)))
    console.log(
      `load average before the fan-out: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (${os.cpus().length} cores)`
    )
    console.log(
      `fan-out: ${processes} subscriber processes × ${symbols} books, ${rate} updates/s over ${symbols} symbols ` +
        `(each process receives all ${rate}/s; ${processes * rate} book updates/s applied in all), ${seconds} s`
    )
    console.log(
      `  subscribers live after start: max ${Math.max(...readyMs)} ms (process start-up excluded); ` +
        `snapshot reads failed on the way: ${workers.reduce((n, w) => n + w.snapshotFailures().length, 0)}`
    )
    // Start-up is not steady state: ten processes load and compile their modules (tsx) and warm up
    // V8's JIT at once, seconds of CPU each on a small machine, while the feed already runs.
    yield* Effect.sleep(`${warmup} seconds`)
    console.log(
      `  measured after a warm-up of ${warmup} s of feed (BUS_WARMUP; 0 measures from the moment all are live)`
    )
    for (const w of workers) w.send("reset")
    const madeBefore = sources.reduce((n, s) => n + s.made(), 0)
    const cpuFrom = process.cpuUsage()
    const wallFrom = Date.now()
    yield* Effect.sleep(`${seconds} seconds`)
    running = false
    yield* Effect.fromFiber(driver)
    const cpu = process.cpuUsage(cpuFrom)
    const ingestCpu = (cpu.user + cpu.system) / 1000 / (Date.now() - wallFrom)
    const made = sources.reduce((n, s) => n + s.made(), 0) - madeBefore

    const equalCount = (reports: ReadonlyArray<Report>) =>
      Effect.gen(function*() {
        const truth = yield* Effect.forEach(ingestBooks, (b) => b.current)
        let equal = 0
        let total = 0
        for (const r of reports) {
          for (const [i, b] of r.books.entries()) {
            total++
            if (b.state === "live" && b.levels === levelsOf(truth[i]!)) equal++
          }
        }
        return [equal, total] as const
      })
    /** With the feed stopped, asks the subscribers until their books equal the ingest's (at most 60 s). */
    const settle = (fleet: ReadonlyArray<Worker>) =>
      Effect.gen(function*() {
        const from = Date.now()
        let reports = yield* Effect.promise(() => Promise.all(fleet.map((w) => w.report())))
        let [equal, total] = yield* equalCount(reports)
        while (equal < total && Date.now() - from < 60_000) {
          yield* Effect.sleep("500 millis")
          reports = yield* Effect.promise(() => Promise.all(fleet.map((w) => w.report())))
          ;[equal, total] = yield* equalCount(reports)
        }
        return { reports, equal: `${equal} of ${total}`, ms: Date.now() - from }
      })

    const first = yield* settle(workers)
    const reports = first.reports
    const all = reports.flatMap((r) => r.latencies.map((us) => us / 1000))
    console.log(`  updates made by the venue: ${made} (${fmt(made / seconds)}/s); views measured: ${all.length}`)
    console.log(
      `  ingest → subscriber view: p50 ${fmt(quantile(all, 0.5))} ms, p99 ${fmt(quantile(all, 0.99))} ms, ` +
        `p99.9 ${fmt(quantile(all, 0.999))} ms, max ${fmt(all.reduce((a, b) => Math.max(a, b), 0))} ms`
    )
    const arrived = reports.flatMap((r) => r.arrivals.map((us) => us / 1000))
    console.log(
      `  ingest → subscriber's bus (before its book): p50 ${fmt(quantile(arrived, 0.5))} ms, ` +
        `p99 ${fmt(quantile(arrived, 0.99))} ms`
    )
    const perSecond = made / seconds
    const perMessage = (share: number) => (share * 1_000_000) / perSecond
    console.log(
      `  CPU (share of one core): ingest process incl. the synthetic venue ${fmt(100 * ingestCpu)}%, ` +
        `subscriber processes ${reports.map((r) => fmt(100 * r.cpuShare)).join(" ")}%`
    )
    console.log(
      `  CPU per message: ingest ${perMessage(ingestCpu).toFixed(0)} µs (incl. the synthetic venue); each subscriber ` +
        `process ${reports.map((r) => perMessage(r.cpuShare).toFixed(0)).join(" ")} µs per message received ` +
        `(decode once, apply to its book, one view to its reader; it falls on a busy machine, where a starved process reads several messages per wake-up)`
    )
    console.log(
      `  gaps detected by the bus: ${reports.reduce((n, r) => n + r.detected, 0)}; ` +
        `undetected (audit of every live view): ${reports.reduce((n, r) => n + r.undetected, 0)}`
    )
    console.log(
      `  books equal to the ingest's after the feed stopped: ${first.equal} ` +
        `(all caught up ${first.ms} ms after it stopped)`
    )

    // ---- a killed subscriber ------------------------------------------------------------------------
    running = true
    const driver2 = yield* Effect.fork(Synthetic.drive(sources, rate, () => running))
    yield* Effect.sleep("2 seconds")
    workers[0]!.kill()
    const fresh = startWorker(settings)
    const resyncMs = yield* Effect.promise(() => fresh.ready)
    const failed = fresh.snapshotFailures()
    yield* Effect.sleep("3 seconds")
    running = false
    yield* Effect.fromFiber(driver2)
    const again = yield* settle([fresh, ...workers.slice(1)])
    console.log(
      `  killed subscriber (SIGKILL) replaced while the feed runs: its ${symbols} books live ${resyncMs} ms after ` +
        `it created them; books equal to the ingest's: ${again.equal} (all processes, after the feed stopped; ` +
        `caught up ${again.ms} ms after it stopped)`
    )
    if (failed.length > 0) console.log(`  its snapshot reads that failed on the way: ${failed.join("; ")}`)
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`)
    for (const w of [fresh, ...workers.slice(1)]) w.close()
  }))

/** Two `lotusx ingest` processes of one group on the sandbox; the holder is killed. */
export const venueSockets = (redisUrl: string) =>
  Effect.scoped(Effect.gen(function*() {
    const proxy = yield* sandboxProxy({ intervalMs: { min: 20, max: 40 } })
    const namespace = `bench-ws-${Date.now()}`
    const spawn = () => spawnIngest({ proxy, redisUrl, namespace, symbols: "BTCUSDT,ETHUSDT,SOLUSDT" })
    const first = spawn()
    yield* Effect.addFinalizer(() => Effect.sync(() => first.kill()))
    yield* Effect.promise(() => first.waitFor((s) => s.status === "leading", 120_000))
    const second = spawn()
    yield* Effect.addFinalizer(() => Effect.sync(() => second.kill()))
    yield* Effect.promise(() => second.waitFor((s) => s.status === "standby", 120_000))
    const exchange = yield* Effect.map(
      Layer.build(
        Binance.layer({ environment: "sandbox", restUrl: proxy.rest, wsUrl: proxy.ws }).pipe(
          Layer.provide(Loopback.PlatformLive)
        )
      ),
      (context) => Context.get(context, Exchange)
    )
    const bus = yield* BookBus.make({ url: redisUrl, namespace })
    const book = yield* LiveOrderBook.fromExchange(BookBus.exchange(exchange, bus), "BTCUSDT", { depth: 10 })
    const before = yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead)
    const epochBefore = before._tag === "Some" ? Wire.split(before.value.sequence!)[0] : 0
    const openWithStandby = proxy.open()
    const killedAt = Date.now()
    first.kill("SIGKILL")
    const back = yield* book.views.pipe(
      Stream.filter((v) => v.state === "live" && Wire.split(v.sequence!)[0] > epochBefore),
      Stream.runHead
    )
    const takeoverMs = Date.now() - killedAt
    yield* Effect.promise(() => waitFor(() => proxy.open() === 1, 5000))
    console.log(`venue websockets: one stream group (BTCUSDT, ETHUSDT, SOLUSDT), holder + standby lotusx ingest`)
    console.log(
      `  open with holder and standby running: ${openWithStandby}; most open at once over the run: ${proxy.mostOpen()}; ` +
        `opened in all: ${proxy.opened()} (one per lease term); open after the takeover: ${proxy.open()}`
    )
    console.log(
      `  holder killed (SIGKILL, lease 2 s): a bus-fed book live again in the new epoch after ${takeoverMs} ms` +
        (back._tag === "Some" ? ` (epoch ${epochBefore} → ${Wire.split(back.value.sequence!)[0]})` : " (never)")
    )
  }))
