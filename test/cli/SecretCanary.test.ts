/**
 * The secret canary over the CLI (issue 11): API keys and secrets (the sandbox's, and ones the venue
 * does not know) driven through `check-keys`, `status` and `watch-orders` (while the account trades),
 * with and without `--json`, logs at level `all`, with a valid key, a wrong key and secret, and the
 * sandbox's `authFailure` fault: none may appear on stdout, stderr or the `/metrics` the command
 * serves. The whole matrix runs in this process (`Cli.run`); one command runs as the real executable.
 */
import { it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { assert, describe } from "vitest"
import { cliCanary } from "../support/CliCanary.js"
import * as Loopback from "../support/Loopback.js"

/**
 * The exit codes a run may end with: `check-keys` is exact; `status` reads public data only (a
 * refused key does not make a venue unreachable); `watch-orders --duration` may end before its
 * stream has connected on a loaded machine, so a refused key shows as 1 or 0.
 */
const expectedCodes = (label: string): ReadonlyArray<number> =>
  label.includes(" status")
    ? [0]
    : label.includes("(wrong key)") || label.includes("(authFailure)")
    ? label.includes("watch-orders") ? [1, 0] : [1]
    : [0]

const check = (r: Effect.Effect.Success<ReturnType<typeof cliCanary>>) => {
  const found = Object.entries(r.places).filter(([, n]) => n > 0)
  assert.deepStrictEqual(found, [], "the canary was found")
  assert.strictEqual(r.hits, 0)
  for (const run of r.outputs) {
    assert.include(expectedCodes(run.label), run.code, `${run.label}: ${run.stderr}`)
  }
  assert.isAbove(
    r.orderEvents,
    0,
    `the account traded while watch-orders ran: ${
      r.outputs.filter((o) => o.label.endsWith("watch-orders --json")).map((o) => o.stdout + o.stderr).join("\n")
    }`
  )
  assert.isAbove(r.metricsBytes, 0, "the metrics the commands served were read")
}

describe("secret canary over the CLI", () => {
  it.live(
    "check-keys, status, watch-orders; valid, wrong and refused keys; with and without --json: 0 hits",
    () =>
      Effect.gen(function*() {
        const r = yield* cliCanary({ mode: "in-process", concurrency: 4 })
        check(r)
        assert.strictEqual(r.runs.length, 2 * 2 * 9)
      }).pipe(Effect.provide(Loopback.PlatformTransport)),
    240_000
  )

  it.live(
    "the executable: watch-orders while the account trades, with and without --json: 0 hits",
    () =>
      Effect.gen(function*() {
        const r = yield* cliCanary({ mode: "process", venues: ["binance"], only: ["binance watch-orders"] })
        check(r)
        assert.strictEqual(r.runs.length, 2)
      }).pipe(Effect.provide(Loopback.PlatformTransport)),
    240_000
  )
})
