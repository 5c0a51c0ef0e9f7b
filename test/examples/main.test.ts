import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { spawn } from "node:child_process"
import * as path from "node:path"
import { Rounds, trader } from "../../examples/main.js"
import { Exchange } from "../../src/Exchange.js"
import * as Decimal from "../../src/model/Decimal.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Binance from "../../src/venues/binance/Binance.js"
import * as Loopback from "../support/Loopback.js"
import { recordingConsole } from "../support/RecordingConsole.js"

const root = path.resolve(__dirname, "../..")

const onSandbox = (sandbox: Sandbox.Sandbox, credentials: Sandbox.Credentials = sandbox.credentials.binance) =>
  Binance.layer({
    environment: "sandbox",
    restUrl: sandbox.urls.binance.rest,
    wsUrl: sandbox.urls.binance.ws,
    credentials: { apiKey: Redacted.make(credentials.apiKey), secret: credentials.secret }
  }).pipe(Layer.provide(Loopback.PlatformLive))

const waitFor = <A>(what: Effect.Effect<A | undefined>) =>
  Effect.gen(function*() {
    for (;;) {
      const found = yield* what
      if (found !== undefined) return found
      yield* Effect.sleep("20 millis")
    }
  })

describe("examples/main.ts", () => {
  it.scopedLive(
    "the trader reports a fill of its bid and keeps trading (no OrderNotFound crash)",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ market: { running: false } })
        const lines: Array<string> = []
        const fiber = yield* trader(6, "300 millis").pipe(
          Effect.withConsole(recordingConsole(lines)),
          Effect.provide(onSandbox(sandbox)),
          Effect.fork
        )
        const bid = yield* waitFor(
          Effect.map(sandbox.ledger.openOrders(undefined, "BTCUSDT"), (orders) => orders[0])
        )
        // Another account sells into every bid down to the trader's: the bid is filled
        const seller = yield* sandbox.ledger.createAccount({ BTC: "1000" })
        yield* Effect.gen(function*() {
          const exchange = yield* Exchange
          yield* exchange.placeOrder({
            symbol: "BTC/USDT",
            side: "sell",
            type: "limit",
            timeInForce: "IOC",
            price: bid.price!,
            quantity: Decimal.unsafe("50")
          })
        }).pipe(Effect.provide(onSandbox(sandbox, seller)))
        const exit = yield* Fiber.await(fiber)
        assert.strictEqual(exit._tag, "Success", lines.join("\n"))
        assert.isTrue(
          lines.some((l) => new RegExp(`order ${bid.orderId} filled 0\\.001 @ \\d`).test(l)),
          lines.join("\n")
        )
        assert.isFalse(lines.some((l) => l.includes("failed")), lines.join("\n"))
        assert.strictEqual((yield* sandbox.ledger.openOrders(undefined, "BTCUSDT")).length, 0)
      }),
    30_000
  )

  it.scopedLive("interrupting the trader cancels its resting bid in a finalizer", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ market: { running: false } })
      const lines: Array<string> = []
      const fiber = yield* trader(1_000, "10 seconds").pipe(
        Effect.withConsole(recordingConsole(lines)),
        Effect.provide(onSandbox(sandbox)),
        Effect.fork
      )
      const bid = yield* waitFor(Effect.map(sandbox.ledger.openOrders(undefined, "BTCUSDT"), (orders) => orders[0]))
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(yield* sandbox.ledger.openOrders(undefined, "BTCUSDT"), [])
      assert.include(lines, `  trader: stopped, canceled order ${bid.orderId}`)
    }), 30_000)

  it.effect("[strategy.trader] rounds: a positive whole number, default practically forever", () =>
    Effect.gen(function*() {
      const rounds = (env: Record<string, string>) =>
        Effect.withConfigProvider(Effect.either(Rounds), ConfigProvider.fromMap(new Map(Object.entries(env))))
      assert.deepStrictEqual(yield* rounds({}), Either.right(1_000_000))
      assert.deepStrictEqual(yield* rounds({ "strategy.trader.rounds": "3" }), Either.right(3))
      assert.isTrue(Either.isLeft(yield* rounds({ "strategy.trader.rounds": "0" })))
      assert.isTrue(Either.isLeft(yield* rounds({ "strategy.trader.rounds": "three" })))
    }))

  const runDemo = (env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "examples/main.ts")], {
        cwd: root,
        env: { ...process.env, ...env }
      })
      let out = ""
      child.stdout.on("data", (chunk: Buffer) => out += chunk.toString())
      child.stderr.on("data", (chunk: Buffer) => out += chunk.toString())
      child.on("exit", (code) => resolve({ code, out }))
    })

  it("LOTUSX_STRATEGY_TRADER_ROUNDS=2: two rounds, then done, nothing left on the book, exit 0", async () => {
    const { code, out } = await runDemo({ LOTUSX_STRATEGY_TRADER_ROUNDS: "2" })
    assert.strictEqual(code, 0, out)
    assert.include(out, "trader: done")
    assert.match(out, /trader: stopped, canceled order \d+/)
  }, 40_000)

  it(
    "a misspelt LOTUSX_ variable stops the demo before it trades: one line naming the right variable, exit 1",
    async () => {
      const { code, out } = await runDemo({ LOTUSX_EXCHANGE_BINANCE_ENVIRONMENT: "mainnet" })
      assert.strictEqual(code, 1, out)
      assert.strictEqual(
        out,
        "demo stopped: configuration error at environment variable LOTUSX_EXCHANGE_BINANCE_ENVIRONMENT: " +
          "LotusX reads no such variable (did you mean LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT?)\n"
      )
    },
    40_000
  )

  it(
    "under a shell that is killed (npm start stopped with SIGTERM), it notices, cancels the bid and exits",
    async () => {
      // `; true` keeps the shell from exec-ing node, as npm's shell does
      const shell = spawn("sh", ["-c", `"${process.execPath}" --import tsx examples/main.ts; true`], { cwd: root })
      let out = ""
      shell.stdout.on("data", (chunk: Buffer) => out += chunk.toString())
      shell.stderr.on("data", (chunk: Buffer) => out += chunk.toString())
      // the pipes close when the last process holding them (node) exits
      const closed = new Promise<void>((resolve) => shell.stdout.on("close", () => resolve()))
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (/order \d+ open/.test(out)) {
            clearInterval(timer)
            resolve()
          }
        }, 50)
        setTimeout(() => reject(new Error(`no order within 30 s: ${out}`)), 30_000)
      })
      shell.kill("SIGTERM")
      await closed
      assert.include(out, "demo: the process that started it is gone; stopping")
      assert.match(out, /trader: stopped, canceled order \d+/)
      assert.notMatch(out, /^\s+at /m)
    },
    40_000
  )

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`npm start's program: on ${signal} it cancels the bid and exits 0 without a stack trace`, async () => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "examples/main.ts")], { cwd: root })
      let out = ""
      child.stdout.on("data", (chunk: Buffer) => out += chunk.toString())
      child.stderr.on("data", (chunk: Buffer) => out += chunk.toString())
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (/order \d+ open/.test(out)) {
            clearInterval(timer)
            resolve()
          }
        }, 50)
        child.on("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)))
      })
      const code = await new Promise<number | null>((resolve) => {
        child.on("exit", (code) => resolve(code))
        child.kill(signal)
      })
      assert.strictEqual(code, 0, out)
      assert.match(
        out,
        /binance on the sandbox: an embedded local exchange at http:\/\/127\.0\.0\.1:\d+\/binance \(fake money\)/
      )
      assert.match(out, /trader: stopped, canceled order \d+/)
      assert.notMatch(out, /^\s+at /m)
    }, 40_000)
  }
})
