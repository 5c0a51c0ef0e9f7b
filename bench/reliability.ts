/**
 * `npm run reliability`: the reliability suite's run (issue 11), printed as tables, per venue.
 *
 *   npm run reliability                          # reduced: N = 100 per venue and fault
 *   npm run reliability -- --full                # full: N = 1,000 per venue and fault
 *   npm run reliability -- --full --sections=placements,depth --venues=binance,bybit
 *   npm run reliability -- --n=300 --out=/tmp/figures.jsonl
 *   npm run reliability -- --full --sections=silence --market-only --book-retry-max=500
 *
 * Sections: `placements` (ambiguous placements under four commit-then-hide faults), `depth` (depth
 * gaps), `rates` (429 and 418 windows), `silence` (silent and dropped websockets, topics
 * resubscribed, user streams), `hostile` (hostile REST bodies and websocket frames), `canary`
 * (the secret canary: the library, then the CLI as child processes). Venues: the E2E harnesses (`binance`, `binance-usdm`, `bybit`,
 * `bybit-linear`, `okx`, `okx-swap`, `hyperliquid-perp`, `hyperliquid-spot`). Each result is also
 * appended as one JSON line to `--out` (when given), as soon as it is measured.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import { appendFileSync } from "node:fs"
import * as os from "node:os"
import * as CliCanary from "../test/support/CliCanary.js"
import * as Loopback from "../test/support/Loopback.js"
import * as Figures from "../test/support/OrderFlowFigures.js"
import * as Reliability from "../test/support/Reliability.js"

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(`--${name}`)
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const full = flag("full")
const n = Number.parseInt(option("n") ?? (full ? "1000" : "100"), 10)
const allSections = ["placements", "depth", "rates", "silence", "hostile", "canary"]
const sections = (option("sections") ?? allSections.join(",")).split(",")
const venueNames = (option("venues") ?? Figures.harnesses.map(([k]) => k).join(",")).split(",")
const faults = option("faults")?.split(",") ?? Figures.ambiguousFaults
const out = option("out")
const venues = Figures.harnesses.filter(([k]) => venueNames.includes(k))

const record = (section: string, result: unknown) => {
  if (out !== undefined) {
    appendFileSync(out, JSON.stringify({ section, at: new Date().toISOString(), load: os.loadavg(), result }) + "\n")
  }
}

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>) => {
  const cells = [header, ...rows.map((r) => r.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)))
  const line = (r: ReadonlyArray<string>) => "| " + r.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |"
  return [line(header), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...cells.slice(1).map(line)]
    .join("\n")
}

const placements = Effect.gen(function*() {
  const rows: Array<Figures.AmbiguousResult> = []
  for (const [name, harness] of venues) {
    for (const fault of faults as ReadonlyArray<Figures.AmbiguousFault>) {
      const exit = yield* Effect.exit(Figures.ambiguousPlacements(harness, fault, { n }))
      if (exit._tag === "Failure") {
        record("placements", { harness: name, fault, failed: Cause.pretty(exit.cause) })
        console.log(`placements ${name} ${fault}: the run failed: ${Cause.pretty(exit.cause)}`)
        continue
      }
      const r = exit.value
      record("placements", { harness: name, ...r })
      console.log(`placements ${name} ${fault}: ${JSON.stringify(r)}`)
      rows.push(r)
    }
  }
  console.log(`\n## Ambiguous placements (N = ${n} per venue and fault, 50 in flight, fault on half)\n`)
  console.log(table(
    [
      "venue",
      "symbol",
      "fault",
      "N",
      "ambiguous",
      "duplicates",
      "placed = ledger",
      "refused",
      "wrong status",
      "ghost",
      "unresolved",
      "resolved %",
      "p50 / p99 ms"
    ],
    rows.map((r) => [
      r.venue,
      r.symbol,
      r.fault,
      r.placements,
      r.ambiguous,
      r.duplicates,
      r.placedMatching,
      r.refused,
      r.wrongStatus,
      r.ghost,
      r.unresolved,
      r.resolvedPct,
      `${r.p50Ms} / ${r.p99Ms}`
    ])
  ))
})

const depth = Effect.gen(function*() {
  const rows: Array<Figures.DepthGapResult> = []
  for (const [name, harness] of venues) {
    if (harness.notApplicable?.["fault depthGap: LiveOrderBook goes stale, resyncs, and is live again"] !== undefined) {
      console.log(`depth ${name}: not applicable (full-snapshot book frames, no diff sequence)`)
      continue
    }
    const exit = yield* Effect.exit(Figures.depthGaps(harness, {
      n,
      onProgress: (partial) => {
        record("depth-progress", { harness: name, ...partial })
        console.log(`depth ${name} so far: ${JSON.stringify(partial)}`)
      }
    }))
    if (exit._tag === "Failure") {
      record("depth", { harness: name, failed: Cause.pretty(exit.cause) })
      console.log(`depth ${name}: the run failed: ${Cause.pretty(exit.cause)}`)
      continue
    }
    record("depth", { harness: name, ...exit.value })
    console.log(`depth ${name}: ${JSON.stringify(exit.value)}`)
    rows.push(exit.value)
  }
  console.log(`\n## Depth gaps (N = ${n} per venue; LiveOrderBook depth 10)\n`)
  console.log(table(
    [
      "venue",
      "symbol",
      "gaps",
      "detected",
      "live again",
      "live views checked",
      "inconsistent",
      "checked by",
      "gap → live p50 / p99 / max ms"
    ],
    rows.map((r) => [
      r.venue,
      r.symbol,
      r.gaps,
      r.detected,
      r.recovered,
      r.liveViews,
      r.inconsistent,
      r.check,
      `${r.p50Ms} / ${r.p99Ms} / ${r.maxMs}`
    ])
  ))
})

const rates = Effect.gen(function*() {
  const windows = full ? 20 : 5
  const rows: Array<Figures.RateWindowResult> = []
  for (const [name, harness] of venues) {
    for (const kind of ["http429", "http418"] as const) {
      if (
        kind === "http418" &&
        harness.notApplicable?.["fault http418 → IpBanned, and requests stay stopped during the ban"]
      ) {
        console.log(`rates ${name} ${kind}: not applicable (the venue documents no IP ban status)`)
        continue
      }
      const exit = yield* Effect.exit(Figures.rateWindows(harness, kind, { windows }))
      if (exit._tag === "Failure") {
        record("rates", { harness: name, kind, failed: Cause.pretty(exit.cause) })
        console.log(`rates ${name} ${kind}: the run failed: ${Cause.pretty(exit.cause)}`)
        continue
      }
      record("rates", { harness: name, ...exit.value })
      console.log(`rates ${name} ${kind}: ${JSON.stringify(exit.value)}`)
      rows.push(exit.value)
    }
  }
  console.log(`\n## Rate-limit windows (${windows} per venue and kind; 10 fibers asking for the ticker)\n`)
  console.log(table(
    [
      "venue",
      "window",
      "windows",
      "requests outside",
      "sent inside (same endpoint)",
      "sent inside (other endpoints)",
      "in flight at open",
      "sent while the 429/418 was read",
      "gate: holds / windows learned",
      "gate: 429 → hold p50 / max ms",
      "gate: let through inside",
      "transport inside: past the gate before / after it knew"
    ],
    rows.map((r) => [
      r.venue,
      `${r.kind} ${r.windowMs} ms`,
      r.windows,
      r.requests,
      r.sentInside,
      r.sentInsideOtherEndpoints,
      r.inFlightAtOpen,
      r.sentWhileReading,
      `${r.gateHolds} / ${r.gateLearned}`,
      `${r.learnP50Ms} / ${r.learnMaxMs}`,
      r.gateLetThroughInside,
      `${r.sentInsidePastGateBefore} / ${r.sentInsideAfterGateKnew}`
    ])
  ))
})

const hostile = Effect.gen(function*() {
  const rounds = full ? 50 : 20
  const rest = yield* Reliability.hostileRest(full ? 100 : 20)
  record("hostile-rest", rest)
  console.log(`\n## Hostile REST bodies (each followed by a good call)\n`)
  console.log(table(
    ["venue", "payload", "calls", "typed errors", "defects", "accepted", "next call ok", "tags", "peak RSS growth MiB"],
    rest.results.map((r) => [
      r.venue,
      r.payload,
      r.calls,
      r.typed,
      r.defects,
      r.accepted,
      r.nextOk,
      r.tags.join(" "),
      r.peakRssGrowthMiB
    ])
  ))
  console.log(`\nObject.prototype polluted: ${rest.polluted ? "YES" : "no"}`)
  const ws = yield* Reliability.hostileWs(rounds)
  record("hostile-ws", ws)
  console.log(`\n## Hostile websocket frames (Binance ticker stream, ${rounds} rounds)\n`)
  console.log(table(
    ["hostile sent", "hostile delivered", "good sent", "good delivered", "connections"],
    [[ws.hostileSent, ws.hostileDelivered, ws.goodSent, ws.goodDelivered, ws.connections]]
  ))
})

const silence = Effect.gen(function*() {
  const rounds = full ? 10 : 2
  // `--book-retry-max=<ms>`: the book's snapshot retry cap, and live that long + 200 ms between rounds
  const retryMaxDelayMs = option("book-retry-max") === undefined ? undefined : Number(option("book-retry-max"))
  const rows: Array<Figures.SilenceResult> = []
  const users: Array<Figures.UserStreamResult> = []
  for (const [name, harness] of venues) {
    for (const fault of ["wsSilence", "wsClose"] as const) {
      const exit = yield* Effect.exit(Figures.silences(harness, fault, { rounds, retryMaxDelayMs }))
      if (exit._tag === "Failure") {
        record("silence", { harness: name, fault, failed: Cause.pretty(exit.cause) })
        console.log(`silence ${name} ${fault}: the run failed: ${Cause.pretty(exit.cause)}`)
      } else {
        record("silence", { harness: name, ...exit.value })
        console.log(`silence ${name} ${fault}: ${JSON.stringify(exit.value)}`)
        rows.push(exit.value)
      }
      if (harness.paths.privateStream === undefined || flag("market-only")) continue
      const user = yield* Effect.exit(Figures.userStreamOutages(harness, fault, { rounds }))
      if (user._tag === "Failure") {
        record("user-stream", { harness: name, fault, failed: Cause.pretty(user.cause) })
        console.log(`user stream ${name} ${fault}: the run failed: ${Cause.pretty(user.cause)}`)
      } else {
        record("user-stream", { harness: name, ...user.value })
        console.log(`user stream ${name} ${fault}: ${JSON.stringify(user.value)}`)
        users.push(user.value)
      }
    }
  }
  console.log(`\n## Silent and dropped market-data connections (${rounds} rounds; watchdog ${Figures.watchdogMs} ms)\n`)
  console.log(table(
    [
      "venue",
      "symbol",
      "fault",
      "rounds",
      "detected",
      "detection p50 / max ms",
      "limit ms",
      "all topics back",
      "back p50 / max ms",
      "topics silent"
    ],
    rows.map((r) => [
      r.venue,
      r.symbol,
      r.fault,
      r.rounds,
      r.detected,
      `${r.detectP50Ms} / ${r.detectMaxMs}`,
      Figures.watchdogMs + 1000,
      r.allTopicsBack,
      `${r.topicsBackP50Ms} / ${r.topicsBackMaxMs}`,
      JSON.stringify(r.silentTopics)
    ])
  ))
  console.log(`\n## User streams through silences and drops (${rounds} rounds, one fill of the account per outage)\n`)
  console.log(table(
    [
      "venue",
      "symbol",
      "fault",
      "rounds",
      "detected (max ms)",
      "live again",
      "ledger fills",
      "seen",
      "missed",
      "doubled",
      "orders' last status ≠ ledger"
    ],
    users.map((r) => [
      r.venue,
      r.symbol,
      r.fault,
      r.rounds,
      `${r.detected} (${r.detectMaxMs})`,
      r.liveAgain,
      r.ledgerFills,
      r.fillsSeen,
      r.fillsMissed,
      r.fillsDoubled,
      r.ordersWrongFinal
    ])
  ))
})

const canary = Effect.gen(function*() {
  const r = yield* Reliability.secretCanary
  record("canary", r)
  console.log("\n## Secret canary\n")
  console.log(table(["where", "hits"], Object.entries(r.places)))
  console.log(
    `\n(${r.errorsSeen} errors, ${r.spanCount} spans, ${r.logLines} log lines, ${r.metricSeries} metric series examined)`
  )
  // the CLI: the executable as a child process, every command of the matrix
  const cli = yield* CliCanary.cliCanary({ mode: "process" })
  const { outputs: _, ...summary } = cli
  record("canary-cli", summary)
  console.log("\n## Secret canary: the CLI (child processes)\n")
  const byCommand = new Map<string, { stdout: number; stderr: number; metrics: number; code: string }>()
  for (const run of cli.runs) {
    byCommand.set(run.label, {
      stdout: cli.places[`${run.label}: stdout`] ?? 0,
      stderr: cli.places[`${run.label}: stderr`] ?? 0,
      metrics: cli.places[`${run.label}: metrics`] ?? 0,
      code: String(run.code)
    })
  }
  console.log(table(
    ["command", "exit", "stdout hits", "stderr hits", "/metrics hits"],
    [...byCommand].map(([label, v]) => [label, v.code, v.stdout, v.stderr, v.metrics])
  ))
  console.log(
    `\n(${cli.runs.length} runs, ${cli.bytes} bytes of output, ${cli.metricsBytes} bytes of metrics, ${cli.orderEvents} order events examined)`
  )
})

const runners: Record<string, Effect.Effect<void, unknown, any>> = {
  placements,
  depth,
  rates,
  hostile,
  silence,
  canary
}

const main = Effect.gen(function*() {
  const started = Date.now()
  console.log(
    `reliability run ${new Date().toISOString()}: ${full ? "full" : "reduced"}, N = ${n}, ` +
      `sections ${sections.join(", ")}; venues ${venues.map(([k]) => k).join(", ")}; ` +
      `${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`
  )
  for (const section of sections) {
    const run = runners[section]
    if (run === undefined) {
      console.log(`(section ${section}: unknown)`)
      continue
    }
    const t0 = Date.now()
    yield* run
    console.log(`\n(${section}: ${Math.round((Date.now() - t0) / 1000)} s; load ${os.loadavg()[0]!.toFixed(1)})`)
  }
  console.log(`\nTotal ${Math.round((Date.now() - started) / 1000)} s`)
})

Effect.runPromise(main.pipe(Effect.provide(Loopback.PlatformLive)) as Effect.Effect<void, unknown>).then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
