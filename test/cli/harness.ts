/**
 * Runs the `lotusx` CLI in-process with captured stdout/stderr (CliOutput and @effect/cli's Console).
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { run } from "../../src/cli/Cli.js"
import { CliOutput } from "../../src/cli/CliOutput.js"
import * as HttpTransport from "../../src/kernel/HttpTransport.js"

export interface Captured {
  stdout: string
  stderr: string
}

export interface Result extends Captured {
  readonly code: number
}

const captureConsole = (sink: Captured): Console.Console => {
  const text = (args: ReadonlyArray<unknown>) => `${args.map(String).join(" ")}\n`
  const out = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void (sink.stdout += text(args)))
  const err = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void (sink.stderr += text(args)))
  const none = () => Effect.void
  return {
    [Console.TypeId]: Console.TypeId,
    assert: none,
    clear: Effect.void,
    count: none,
    countReset: none,
    debug: err,
    dir: out,
    dirxml: out,
    error: err,
    group: none,
    groupEnd: Effect.void,
    info: out,
    log: out,
    table: out,
    time: none,
    timeEnd: none,
    timeLog: none,
    trace: err,
    warn: err,
    unsafe: globalThis.console
  }
}

export const platform = Layer.mergeAll(
  NodeContext.layer,
  HttpTransport.layer(),
  NodeHttpClient.layerUndici,
  NodeSocket.layerWebSocketConstructor
)

/** Runs `lotusx <args>`; `sink` sees the output as it is written (for long-running commands). */
export const lotusx = (args: ReadonlyArray<string>, options: { isTTY?: boolean; sink?: Captured } = {}) =>
  Effect.gen(function*() {
    const sink = options.sink ?? { stdout: "", stderr: "" }
    const code = yield* run(["node", "lotusx", ...args]).pipe(
      Effect.provideService(CliOutput, {
        write: (t) => void (sink.stdout += t),
        writeError: (t) => void (sink.stderr += t),
        isTTY: options.isTTY ?? false
      }),
      Effect.withConsole(captureConsole(sink)),
      Effect.provide(platform)
    )
    return { code, stdout: sink.stdout, stderr: sink.stderr } satisfies Result
  })

export const repoConfig = path.resolve(__dirname, "../../lotusx.config.toml")

export const writeConfig = (text: string, mode = 0o600): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotusx-cli-"))
  const file = path.join(dir, "lotusx.config.toml")
  fs.writeFileSync(file, text)
  fs.chmodSync(file, mode)
  return file
}

export const DECIMAL = /^-?\d+(\.\d+)?$/
