/**
 * The secret canary over the `lotusx` CLI (issue 11): the real executable, as a child process, with
 * credentials that are canaries, against a sandbox started in this process (so faults can be set
 * and orders traded on the account while the CLI watches it). Every command that uses a key —
 * `check-keys`, `status`, `watch-orders` (the orders the account places and fills meanwhile, and
 * the metrics the process serves on `--metrics-port`) — runs with and without `--json`, with logs at
 * level `all`: with a valid key, with a wrong key and secret (the venue refuses them), and with the
 * sandbox's `authFailure` fault. Its stdout, stderr and metrics are searched for every canary.
 *
 * Runs the built `dist/bin/lotusx.js` when it is at least as new as the sources, else
 * `src/bin/lotusx.ts` through tsx (as `test/cli/binary.test.ts` does).
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { spawn } from "node:child_process"
import * as crypto from "node:crypto"
import * as fs from "node:fs"
import * as http from "node:http"
import { createServer } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import * as Decimal from "../../src/model/Decimal.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"

import { executable, root } from "./LotusxExecutable.js"

export { executable }

/** One run of the executable. */
export interface CliRun {
  readonly label: string
  readonly args: ReadonlyArray<string>
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** What `/metrics` served while the command ran (`--metrics-port`), when scraped. */
  readonly metrics: string
}

/** A free loopback port (for `--metrics-port`). */
const freePort = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** GETs `url`'s body as text; "" when it cannot be read. */
const getText = (url: string): Promise<string> =>
  new Promise((resolve) => {
    http.get(url, (res) => {
      let body = ""
      res.setEncoding("utf8").on("data", (t: string) => (body += t)).on("end", () => resolve(body)).on(
        "error",
        () => resolve(body)
      )
    }).on("error", () => resolve(""))
  })

/**
 * Reads the process's `/metrics` every 500 ms from the moment its stderr announces the server
 * (`metrics: http://…`) until `stop`; keeps every scrape (a leak in any of them counts).
 */
const metricsReader = (stderr: () => string) => {
  let text = ""
  let stopped = false
  const loop = async () => {
    while (!stopped) {
      const url = /metrics: (http:\/\/\S+)/.exec(stderr())?.[1]
      if (url !== undefined) text += await getText(url)
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  void loop()
  return {
    stop: () => {
      stopped = true
      return text
    }
  }
}

/** How the CLI is run: the executable as a child process, or `Cli.run` in this process. */
export type CliMode = "process" | "in-process"

/**
 * Runs `lotusx <args>` with `env` added to the environment: as a child process, or in this process
 * (`Cli.run` with its output captured). `during` (when given) is called 1 s and 5 s after the start
 * (trading on the account).
 */
const runCli = (
  mode: CliMode,
  label: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  options: { readonly during?: () => void } = {}
): Effect.Effect<CliRun> => {
  if (mode === "in-process") {
    return Effect.suspend(() => {
      const sink = { stdout: "", stderr: "" }
      const metrics = metricsReader(() => sink.stderr)
      const timers = [1_000, 5_000].map((ms) => setTimeout(() => options.during?.(), ms))
      // (imported here: the harness is for vitest, which gives modules `__dirname`)
      return Effect.promise(() => import("../cli/harness.js")).pipe(
        Effect.flatMap(({ lotusx }) => lotusx(args, { sink })),
        Effect.map((r) => ({ label, args, code: r.code, stdout: r.stdout, stderr: r.stderr, metrics: "" })),
        Effect.ensuring(Effect.sync(() => timers.forEach(clearTimeout))),
        Effect.map((r) => ({ ...r, metrics: metrics.stop() }))
      )
    })
  }
  return Effect.async<CliRun>((resume) => {
    const child = spawn(process.execPath, [...executable(), ...args], {
      cwd: root,
      env: { ...process.env, ...env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t))
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t))
    const metrics = metricsReader(() => stderr)
    const timers = [
      setTimeout(() => options.during?.(), 1_000),
      setTimeout(() => options.during?.(), 5_000),
      setTimeout(() => child.kill("SIGKILL"), 180_000)
    ]
    child.on("close", (code) => {
      for (const t of timers) clearTimeout(t)
      resume(Effect.succeed({ label, args, code, stdout, stderr, metrics: metrics.stop() }))
    })
    return Effect.sync(() => {
      for (const t of timers) clearTimeout(t)
      metrics.stop()
      child.kill("SIGKILL")
    })
  })
}

/**
 * `process.env` with `env` added while `effect` runs, for in-process runs (the config's credentials
 * are `{ env = … }` references). Runs that share a variable must not overlap with different values.
 */
const withEnv = <A, E, R>(env: Record<string, string>, effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
      Object.assign(process.env, env)
      return before
    }),
    () => effect,
    (before) =>
      Effect.sync(() => {
        for (const [k, v] of Object.entries(before)) {
          if (v === undefined) delete process.env[k]
          else process.env[k] = v
        }
      })
  )

/** The canary found in the CLI's output, per command and stream. */
export interface CliCanaryResult {
  /** `"<label>: stdout"`, `"<label>: stderr"`, `"<label>: metrics"` → hits. */
  readonly places: Record<string, number>
  readonly hits: number
  readonly runs: ReadonlyArray<Pick<CliRun, "label" | "code">>
  /** Bytes of output searched. */
  readonly bytes: number
  /** Bytes of metrics text searched. */
  readonly metricsBytes: number
  /** Order events the `watch-orders --json` runs printed (the account traded while they ran). */
  readonly orderEvents: number
}

/** The canaries and 16-character pieces of each (a key shown in part is a leak too). */
const needles = (secrets: ReadonlyArray<string>) => secrets.flatMap((s) => [s, s.slice(0, 16), s.slice(-16)])

const count = (haystack: string, secrets: ReadonlyArray<string>) =>
  needles(secrets).reduce((n, needle) => n + haystack.split(needle).length - 1, 0)

const canaryText = () => `canary${crypto.randomBytes(29).toString("hex")}`

/**
 * Runs the CLI canary on `venues` (sandbox venues with API keys): `mode` says how the CLI runs
 * (default: the executable, as a child process), `concurrency` runs at a time.
 */
export const cliCanary = (
  options: {
    readonly venues?: ReadonlyArray<"binance" | "bybit">
    readonly concurrency?: number
    readonly mode?: CliMode
    /** Only these runs (by label, without ` --json`); default all. */
    readonly only?: ReadonlyArray<string>
  } = {}
) =>
  Effect.gen(function*() {
    const venues = options.venues ?? ["binance", "bybit"]
    const mode = options.mode ?? "process"
    const sandbox = yield* Sandbox.start({ seed: 23, market: { intervalMs: { min: 50, max: 100 } } })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotusx-canary-"))
    yield* Effect.addFinalizer(() => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
    const envName = (set: string, venue: string, what: string) => `CANARY_TEST_${set}_${venue.toUpperCase()}_${what}`
    // two configs: the sandbox's keys, and keys the venue does not know; credentials by reference
    const configOf = (set: "VALID" | "WRONG") => {
      const file = path.join(dir, `${set.toLowerCase()}.toml`)
      fs.writeFileSync(
        file,
        venues.map((v) =>
          [
            `[exchanges.${v}]`,
            `environment = "sandbox"`,
            `rest_url = "${sandbox.urls[v].rest}"`,
            `ws_url = "${sandbox.urls[v].ws}"`,
            // the widest window: on a loaded machine a signed login can wait seconds for the event loop
            `recv_window = 60000`,
            `[exchanges.${v}.credentials]`,
            `api_key = { env = "${envName(set, v, "API_KEY")}" }`,
            `secret = { env = "${envName(set, v, "SECRET")}" }`,
            ""
          ].join("\n")
        ).join("\n")
      )
      fs.chmodSync(file, 0o600)
      return file
    }
    const configs = { valid: configOf("VALID"), wrong: configOf("WRONG") }
    const env: Record<string, string> = {}
    const secrets: Array<string> = []
    for (const v of venues) {
      const issued = sandbox.credentials[v]
      env[envName("VALID", v, "API_KEY")] = issued.apiKey
      env[envName("VALID", v, "SECRET")] = Redacted.value(issued.secret)
      // a key and secret the venue does not know: refused, and canaries all the same
      env[envName("WRONG", v, "API_KEY")] = canaryText()
      env[envName("WRONG", v, "SECRET")] = canaryText()
    }
    secrets.push(...Object.values(env))
    const accountId = sandbox.credentials.binance.accountId
    const btc = sandbox.engine.instruments.find((i) => i.base === "BTC" && i.quote === "USDT")!
    let traded = 0
    // a resting bid far below the market and an IOC taker buy: orders and a fill on the account
    const trade = () => {
      const bid = sandbox.engine.bestBid(btc.symbol)
      const ask = sandbox.engine.bestAsk(btc.symbol)
      if (bid === undefined || ask === undefined) return
      const quantity = BigDecimal.max(
        Decimal.roundToStep(
          BigDecimal.unsafeDivide(BigDecimal.multiply(btc.minNotional, Decimal.unsafe("2")), ask.price),
          btc.lotStep,
          "up"
        ),
        btc.minQuantity
      )
      const stamp = `${Date.now().toString(36)}${traded++}`
      sandbox.engine.placeOrder(accountId, {
        symbol: btc.symbol,
        side: "buy",
        type: "limit",
        timeInForce: "GTC",
        price: Decimal.roundToStep(BigDecimal.unsafeDivide(bid.price, Decimal.unsafe("2")), btc.tickSize, "down"),
        quantity,
        postOnly: true,
        clientOrderId: `canaryrest${stamp}`
      })
      sandbox.engine.placeOrder(accountId, {
        symbol: btc.symbol,
        side: "buy",
        type: "limit",
        timeInForce: "IOC",
        price: ask.price,
        quantity,
        postOnly: false,
        clientOrderId: `canaryioc${stamp}`
      })
    }
    interface Planned {
      readonly label: string
      readonly args: ReadonlyArray<string>
      readonly config: string
      readonly watch: boolean
    }
    const plan = (
      label: string,
      args: ReadonlyArray<string>,
      config: string,
      watch = false
    ): ReadonlyArray<Planned> =>
      options.only !== undefined && !options.only.includes(label) ? [] : [
        { label, args, config, watch },
        { label: `${label} --json`, args: [...args, "--json"], config, watch }
      ]
    const execute = (r: Planned) =>
      Effect.gen(function*() {
        const port = yield* freePort
        return yield* runCli(
          mode,
          r.label,
          [...r.args, "--config", r.config, "--log-level", "all", "--metrics-port", String(port)],
          env,
          r.watch ? { during: trade } : {}
        )
      })
    const concurrency = options.concurrency ?? 4
    const runs: Array<CliRun> = []
    const body = Effect.gen(function*() {
      // valid keys, and a key and secret the venue does not know (no sandbox fault involved)
      const plain = venues.flatMap((v) => [
        ...plan(`${v} check-keys`, ["check-keys", "-x", v], configs.valid),
        ...plan(`${v} status`, ["status", "-x", v, "--timeout", "60"], configs.valid),
        ...plan(`${v} watch-orders`, ["watch-orders", "-x", v, "--duration", "15s"], configs.valid, true),
        ...plan(`${v} check-keys (wrong key)`, ["check-keys", "-x", v], configs.wrong),
        ...plan(`${v} status (wrong key)`, ["status", "-x", v, "--timeout", "60"], configs.wrong),
        ...plan(`${v} watch-orders (wrong key)`, ["watch-orders", "-x", v, "--duration", "6s"], configs.wrong)
      ])
      runs.push(...yield* Effect.forEach(plain, execute, { concurrency }))
      // the venue refuses a valid key: the sandbox's authFailure fault on every request and connection
      for (const v of venues) yield* sandbox.faults.add({ kind: "authFailure", venue: v, count: 1_000_000 })
      const refused = venues.flatMap((v) => [
        ...plan(`${v} check-keys (authFailure)`, ["check-keys", "-x", v], configs.valid),
        ...plan(`${v} status (authFailure)`, ["status", "-x", v, "--timeout", "60"], configs.valid),
        ...plan(`${v} watch-orders (authFailure)`, ["watch-orders", "-x", v, "--duration", "6s"], configs.valid)
      ])
      runs.push(...yield* Effect.forEach(refused, execute, { concurrency }))
      yield* sandbox.faults.clear
    })
    // in this process, the credentials' variables are set for the whole run
    yield* mode === "in-process" ? withEnv(env, body) : body
    const places: Record<string, number> = {}
    for (const r of runs) {
      places[`${r.label}: stdout`] = count(r.stdout, secrets)
      places[`${r.label}: stderr`] = count(r.stderr, secrets)
      places[`${r.label}: metrics`] = count(r.metrics, secrets)
    }
    const orderEvents = runs.filter((r) => r.label.endsWith("watch-orders --json")).reduce(
      (n, r) => n + r.stdout.split("\n").filter((l) => l.includes("\"kind\":\"order\"")).length,
      0
    )
    return {
      places,
      hits: Object.values(places).reduce((a, b) => a + b, 0),
      runs: runs.map((r) => ({ label: r.label, code: r.code })),
      bytes: runs.reduce((n, r) => n + r.stdout.length + r.stderr.length, 0),
      metricsBytes: runs.reduce((n, r) => n + r.metrics.length, 0),
      orderEvents,
      outputs: runs
    } satisfies CliCanaryResult & { outputs: ReadonlyArray<CliRun> }
  }).pipe(Effect.scoped)
