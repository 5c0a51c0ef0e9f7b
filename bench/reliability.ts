/**
 * `npm run reliability`: the reliability suite's full run (issue 11), printed as tables.
 *
 *   npm run reliability            # N = 100 hostile calls per payload and venue, 20 frame rounds
 *   npm run reliability -- 300 50  # N, frame rounds
 *
 * Measures what the kernel owns today: hostile REST bodies and websocket frames (typed error each
 * time, never a defect, the next call works, memory bounded), a silent feed on every venue (book
 * out of `live` within the watchdog + 1 s), and the secret canary. The order-flow figures
 * (ambiguous placements, depth gaps, rate-limit windows) belong to the order-flow rewrite.
 */
import * as Effect from "effect/Effect"
import * as Loopback from "../test/support/Loopback.js"
import * as Reliability from "../test/support/Reliability.js"

const n = Number.parseInt(process.argv[2] ?? "100", 10)
const rounds = Number.parseInt(process.argv[3] ?? "20", 10)

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>) => {
  const cells = [header, ...rows.map((r) => r.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)))
  const line = (r: ReadonlyArray<string>) => "| " + r.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |"
  return [line(header), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...cells.slice(1).map(line)]
    .join("\n")
}

const main = Effect.gen(function*() {
  const started = Date.now()
  const rest = yield* Reliability.hostileRest(n)
  console.log(`\n## Hostile REST bodies (N = ${n} per payload and venue; each followed by a good call)\n`)
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
  console.log(`\n## Hostile websocket frames (Binance ticker stream, ${rounds} rounds)\n`)
  console.log(table(
    ["hostile sent", "hostile delivered", "good sent", "good delivered", "connections"],
    [[ws.hostileSent, ws.hostileDelivered, ws.goodSent, ws.goodDelivered, ws.connections]]
  ))

  const silence = yield* Reliability.silenceDetection
  console.log(`\n## Silent feed (wsSilence), watchdog ${Reliability.silenceWatchdogMs} ms\n`)
  console.log(table(
    ["venue", "symbol", "book out of live after ms", "limit ms", "live again after ms"],
    silence.map((s) => [s.venue, s.symbol, s.staleAfterMs, Reliability.silenceWatchdogMs + 1000, s.liveAgainAfterMs])
  ))

  const canary = yield* Reliability.secretCanary
  console.log("\n## Secret canary (sandbox API keys and secrets, Binance and Bybit)\n")
  console.log(table(["where", "hits"], Object.entries(canary.places)))
  console.log(`\n(${canary.errorsSeen} errors, ${canary.spanCount} spans, ${canary.logLines} log lines examined)`)
  console.log(`\nTotal ${Math.round((Date.now() - started) / 1000)} s`)
})

Effect.runPromise(main.pipe(Effect.provide(Loopback.PlatformLive))).then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
