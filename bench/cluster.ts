/**
 * `npm run bench:cluster`: 8 bot processes share one Binance request-weight budget through Redis,
 * against the sandbox (Binance's rules: weight per window per IP, 429 over it, 418 after repeated
 * 429s), with Binance's windows compressed (default 50 weight per 5 s window; keep the budget below
 * what the sandbox can serve on the machine, or the fleet cannot fill it).
 *
 * Phase 1 (budget): every process sends as fast as its gate allows; reports 429 and 418 counts,
 * the sandbox's own count per window (`X-MBX-USED-WEIGHT-1M`) and the share of the budget used in
 * full windows (a lower bound: the highest count seen from requests sent and answered within the
 * window). Phase 2 (latency): the same number of processes only acquire, under a budget they cannot
 * reach, so every acquire is one Lua round trip to Redis; reports acquire latency p50/p99.
 *
 * Phases 3–4 (market-data bus, `bench/busFanout.ts`): 1,000 book updates per second fanned out to
 * 10 processes × 10 bus-fed books, a killed subscriber, and the venue websockets of a stream group
 * with a killed ingest. `npm run bench:cluster -- budget` or `-- bus` runs only one half.
 *
 * Needs `redis-server` on the PATH (it starts its own on a free port, persistence off).
 * Options: BENCH_PROCESSES (8), BENCH_LIMIT (50), BENCH_WINDOW_MS (5000), BENCH_SECONDS (30),
 * BENCH_CONCURRENCY (2 fibers per process), BENCH_EDGE_MS (1000: the store's `edge`; keep it above the
 * sandbox's response time on the machine, or requests land in the window after the one that let them
 * through).
 */
import * as Effect from "effect/Effect"
import * as Sandbox from "../src/sandbox/Sandbox.js"
import { quantile, redisUnavailable, runWorkers, startRedis, summarize } from "../test/support/ClusterHarness.js"
import * as BusFanout from "./busFanout.js"

const env = (name: string, fallback: number) => {
  const v = process.env[name]
  return v === undefined ? fallback : Number.parseInt(v, 10)
}
const processes = env("BENCH_PROCESSES", 8)
const limit = env("BENCH_LIMIT", 50)
const windowMs = env("BENCH_WINDOW_MS", 5000)
const seconds = env("BENCH_SECONDS", 30)
const concurrency = env("BENCH_CONCURRENCY", 2)
const edgeMs = env("BENCH_EDGE_MS", 1000)

const mode = process.argv[2] ?? "all"
if (!["all", "budget", "bus"].includes(mode)) {
  console.error(`usage: npm run bench:cluster [-- all|budget|bus], got ${mode}`)
  process.exit(2)
}

const unavailable = redisUnavailable()
if (unavailable !== undefined) {
  console.error(`bench:cluster skipped: ${unavailable}`)
  process.exit(0)
}

const redis = await startRedis()
const fmt = (n: number) => n.toFixed(2)

try {
  if (mode !== "bus") await budget()
  if (mode !== "budget") {
    await Effect.runPromise(BusFanout.fanout(redis.url))
    await Effect.runPromise(BusFanout.venueSockets(redis.url))
  }
} finally {
  await redis.stop()
}

async function budget() {
  await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({
      venues: ["binance"],
      market: { running: false },
      binance: { rateLimits: { weightPerMinute: limit, windowMs } }
    })
    const base = {
      restUrl: sandbox.urls.binance.rest,
      redisUrl: redis.url,
      windowMs,
      concurrency,
      edgeMs,
      maxProcesses: processes
    }

    // ---- phase 1: one budget --------------------------------------------------------------------
    const fleet = runWorkers(processes, {
      ...base,
      namespace: `bench-budget-${Date.now()}`,
      weightLimit: limit,
      durationMs: seconds * 1000
    })
    const start = yield* Effect.promise(() => fleet.started)
    const runs = yield* Effect.promise(() => fleet.done)
    const end = start + seconds * 1000
    const s = summarize(runs, windowMs)
    const full = [...s.usedPerWindow.entries()]
      .filter(([w]) => w >= start + windowMs && w + windowMs <= end - windowMs)
      .sort(([a], [b]) => a - b)
    const usage = full.map(([, used]) => used / limit)
    const over = [...s.usedPerWindow.values()].filter((u) => u > limit).length
    console.log(
      `budget: ${processes} processes × ${concurrency} fibers, ${limit} weight per ${windowMs} ms window, ${seconds} s`
    )
    console.log(`  requests ${s.requests}, 429: ${s.status429}, 418: ${s.status418}, other errors: ${s.otherErrors}`)
    console.log(`  windows over the limit: ${over} of ${s.usedPerWindow.size}`)
    console.log(
      `  full windows: ${full.length}, budget used min ${fmt(100 * Math.min(...usage))}% ` +
        `mean ${fmt((100 * usage.reduce((a, b) => a + b, 0)) / Math.max(1, usage.length))}% ` +
        `(sandbox counts: ${full.map(([, u]) => u).join(" ")})`
    )
    const perProcess = runs.map((events) => events.filter((e) => e.k === "r").length)
    console.log(`  requests per process: ${perProcess.join(" ")}`)

    // ---- phase 2: acquire latency ---------------------------------------------------------------
    const latencyFleet = runWorkers(processes, {
      ...base,
      concurrency: 1,
      acquireOnly: true,
      namespace: `bench-latency-${Date.now()}`,
      weightLimit: 1_000_000_000,
      durationMs: 5000
    })
    const latencyRuns = yield* Effect.promise(() => latencyFleet.done)
    const l = summarize(latencyRuns, windowMs)
    console.log(
      `latency: ${processes} processes, acquire = one Lua round trip on loopback, ${l.acquireMs.length} acquires`
    )
    console.log(
      `  acquire p50 ${fmt(quantile(l.acquireMs, 0.5))} ms, p99 ${fmt(quantile(l.acquireMs, 0.99))} ms, ` +
        `max ${fmt(Math.max(...l.acquireMs))} ms`
    )
  })))
}
