/**
 * The sandbox side of `orders.ts`, run in a child process so that its CPU is not counted against
 * the clients: starts a sandbox with the order-rate limits lifted (Binance weight and order counts,
 * Bybit IP and per-endpoint limits) and the synthetic market paused, prints one JSON line with the
 * URLs and credentials, and runs until the parent closes its stdin or sends SIGTERM.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Sandbox from "../src/sandbox/Sandbox.js"

const unlimited = 1_000_000_000

const program = Effect.scoped(Effect.gen(function*() {
  const sandbox = yield* Sandbox.start({
    seed: 12,
    venues: ["binance", "bybit"],
    market: { running: false, warmUpSteps: 8 },
    binance: {
      rateLimits: { weightPerMinute: unlimited, ordersPer10s: unlimited, ordersPerDay: unlimited }
    },
    bybit: { rateLimits: { ipPer5s: unlimited, perEndpointPerSecond: unlimited } }
  })
  const venue = (v: "binance" | "bybit") => ({
    rest: sandbox.urls[v].rest,
    ws: sandbox.urls[v].ws,
    apiKey: sandbox.credentials[v].apiKey,
    secret: Redacted.value(sandbox.credentials[v].secret)
  })
  process.stdout.write(JSON.stringify({ binance: venue("binance"), bybit: venue("bybit") }) + "\n")
  yield* Effect.async<void>((resume) => {
    const done = () => resume(Effect.void)
    process.stdin.on("end", done)
    process.stdin.on("close", done)
    process.once("SIGTERM", done)
    process.stdin.resume()
  })
}))

Effect.runPromise(program).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench sandbox: ${String(error)}\n`)
    process.exit(1)
  }
)
