import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import { assert, describe, it } from "@effect/vitest"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { program } from "../../examples/quick-start.js"
import * as LotusConfig from "../../src/config/LotusConfig.js"

const root = path.resolve(__dirname, "../..")
const example = path.join(root, "examples/quick-start.ts")
const LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z {2}BTC\/USDT {2}\d+(\.\d+)?$/

const capturing = (lines: Array<string>): Console.Console => {
  const push = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void lines.push(args.map(String).join(" ")))
  const none = () => Effect.void
  return {
    [Console.TypeId]: Console.TypeId,
    assert: none,
    clear: Effect.void,
    count: none,
    countReset: none,
    debug: push,
    dir: push,
    dirxml: push,
    error: push,
    group: none,
    groupEnd: Effect.void,
    info: push,
    log: push,
    table: push,
    time: none,
    timeEnd: none,
    timeLog: none,
    trace: push,
    warn: push,
    unsafe: globalThis.console
  }
}

/** The code after the imports (where the published and the repository versions may differ). */
const body = (code: string) =>
  code.split("\n").filter((l) => !l.startsWith("import ") && !l.startsWith("//")).join("\n").trim()

describe("examples/quick-start.ts", () => {
  it.live("prints BTCUSDT's price on every tick against the sandbox (interval from the environment)", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const fiber = yield* program.pipe(
        Effect.provide(
          LotusConfig.layer("binance", {
            path: path.join(root, "lotusx.config.toml"),
            env: { LOTUSX_STRATEGY_QUICK_START_INTERVAL: "20 millis" }
          }).pipe(Layer.provide(Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)))
        ),
        Effect.withConsole(capturing(lines)),
        Effect.fork
      )
      while (lines.length < 4) yield* Effect.sleep("10 millis")
      yield* Fiber.interrupt(fiber)
      for (const line of lines) assert.match(line, LINE)
    }))

  it("runs as a script: says where it trades, then prints prices until stopped", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", example], {
      cwd: root,
      env: { ...process.env, LOTUSX_STRATEGY_QUICK_START_INTERVAL: "50 millis" }
    })
    const lines = await new Promise<Array<string>>((resolve, reject) => {
      let out = ""
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        const got = out.split("\n").filter((l) => l !== "")
        if (got.filter((l) => LINE.test(l)).length >= 3) resolve(got)
      })
      child.on("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)))
    }).finally(() => child.kill("SIGINT"))
    const banner = lines.findIndex((l) =>
      / binance on the sandbox: an embedded local exchange at http:\/\/127\.0\.0\.1:\d+\/binance \(fake money\)$/.test(
        l
      )
    )
    const firstPrice = lines.findIndex((l) => LINE.test(l))
    assert.isAtLeast(banner, 0, lines.join("\n"))
    assert.isBelow(banner, firstPrice)
    for (const line of lines.slice(firstPrice)) assert.match(line, LINE)
  }, 30_000)

  it("QUICK_START.md shows the same bot, in under 50 lines", () => {
    const doc = fs.readFileSync(path.join(root, "QUICK_START.md"), "utf8")
    const block = /```ts\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf("## 3.")))?.[1]
    assert.isDefined(block)
    assert.isBelow(block!.trim().split("\n").length, 50)
    assert.strictEqual(body(block!), body(fs.readFileSync(example, "utf8")))
    assert.include(block!, "from \"lotusx/config/LotusConfig\"")
  })
})
