/**
 * The sandbox as a process: `runSandboxCli(args)` starts it with `--port`, `--seed`, `--fault`
 * (repeatable) and `--json`, prints where it listens once ready, and runs until SIGINT/SIGTERM,
 * then shuts down cleanly. The `lotusx sandbox` command passes its arguments through.
 *
 * With `--json` it prints exactly one line, e.g.
 * `{"seed":42,"port":50123,"venues":{"binance":{"rest":"http://127.0.0.1:50123/binance","ws":"ws://127.0.0.1:50123/binance","apiKey":"…","secret":"…"}}}`.
 * The secret is printed on purpose: it is the sandbox's own throwaway key, valid only on this run.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Redacted from "effect/Redacted"
import { venues } from "./dialects/registry.js"
import { parseFaultSpec } from "./faults/FaultRule.js"
import type { Options } from "./Sandbox.js"
import { SandboxError, start } from "./Sandbox.js"

/**
 * Parsed command-line options.
 * @since 0.1.0
 */
export interface CliOptions {
  readonly port: number
  readonly seed: number | undefined
  readonly faults: ReadonlyArray<string>
  readonly json: boolean
}

const USAGE = "usage: lotusx sandbox [--port <n>] [--seed <n>] [--fault <kind:key=value,...>]... [--json]"

/**
 * Parses `--port 8080`, `--port=8080`, `--seed`, `--fault` (repeatable) and `--json`.
 * @since 0.1.0
 */
export const parseCliArgs = (args: ReadonlyArray<string>): Either.Either<CliOptions, string> => {
  let port = 0
  let seed: number | undefined
  const faults: Array<string> = []
  let json = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const eq = arg.indexOf("=")
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined
    const value = (): string | undefined => inline ?? args[++i]
    switch (name) {
      case "--json":
        json = true
        break
      case "--port": {
        const v = value()
        if (v === undefined || !/^\d{1,5}$/.test(v) || Number.parseInt(v, 10) > 65535) {
          return Either.left(`--port expects a port number (0-65535), got ${v ?? "nothing"}`)
        }
        port = Number.parseInt(v, 10)
        break
      }
      case "--seed": {
        const v = value()
        if (v === undefined || !/^\d{1,10}$/.test(v) || Number.parseInt(v, 10) > 0xffff_ffff) {
          return Either.left(`--seed expects a whole number below 2^32, got ${v ?? "nothing"}`)
        }
        seed = Number.parseInt(v, 10)
        break
      }
      case "--fault": {
        const v = value()
        if (v === undefined) return Either.left("--fault expects a rule such as http429:count=3,retryAfter=2")
        const parsed = parseFaultSpec(v)
        if (Either.isLeft(parsed)) return Either.left(parsed.left)
        faults.push(v)
        break
      }
      case "--help":
      case "-h":
        return Either.left(USAGE)
      default:
        return Either.left(`unknown option ${arg}\n${USAGE}`)
    }
  }
  return Either.right({ port, seed, faults, json })
}

/**
 * The sandbox program: starts it, prints the ready line(s), and waits until interrupted.
 * @since 0.1.0
 */
export const sandboxProgram = (
  args: ReadonlyArray<string>,
  print: (line: string) => void = (line) => process.stdout.write(line + "\n")
): Effect.Effect<never, SandboxError> =>
  Effect.scoped(Effect.gen(function*() {
    const cli = yield* Either.mapLeft(
      parseCliArgs(args),
      (message) => new SandboxError({ reason: "InvalidOption", message })
    )
    const options: Options = { port: cli.port, seed: cli.seed, faults: cli.faults }
    const sandbox = yield* start(options)
    const served = options.venues ?? venues
    if (cli.json) {
      print(JSON.stringify({
        seed: sandbox.seed,
        port: sandbox.port,
        venues: Object.fromEntries(served.map((v) => [v, {
          rest: sandbox.urls[v].rest,
          ws: sandbox.urls[v].ws,
          apiKey: sandbox.credentials[v].apiKey,
          secret: Redacted.value(sandbox.credentials[v].secret),
          ...(sandbox.credentials[v].passphrase !== undefined
            ? { passphrase: Redacted.value(sandbox.credentials[v].passphrase) }
            : {})
        }]))
      }))
    } else {
      print(`LotusX sandbox listening on 127.0.0.1:${sandbox.port} (seed ${sandbox.seed})`)
      for (const v of served) {
        print(`  ${v.padEnd(13)} REST ${sandbox.urls[v].rest}`)
        print(`  ${"".padEnd(13)} WS   ${sandbox.urls[v].ws}`)
        print(`  ${"".padEnd(13)} API key ${sandbox.credentials[v].apiKey}`)
        print(
          `  ${"".padEnd(13)} secret  ${Redacted.value(sandbox.credentials[v].secret)}  (sandbox-only throwaway key)`
        )
        const passphrase = sandbox.credentials[v].passphrase
        if (passphrase !== undefined) print(`  ${"".padEnd(13)} passphrase ${Redacted.value(passphrase)}`)
      }
      for (const rule of cli.faults) print(`  fault    ${rule}`)
      print("Press Ctrl+C to stop.")
    }
    return yield* Effect.never
  }))

/**
 * Runs the sandbox until SIGINT/SIGTERM. Resolves with the process exit code (0 after a clean
 * shutdown, 2 for bad arguments, 1 when it could not start).
 * @since 0.1.0
 */
export const runSandboxCli = (args: ReadonlyArray<string> = process.argv.slice(2)): Promise<number> =>
  new Promise((resolve) => {
    const fiber = Effect.runFork(sandboxProgram(args))
    const stop = () => fiber.unsafeInterruptAsFork(FiberId.none)
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
    fiber.addObserver((exit) => {
      process.off("SIGINT", stop)
      process.off("SIGTERM", stop)
      if (Exit.isSuccess(exit) || Exit.isInterrupted(exit)) return resolve(0)
      const failure = exit.cause._tag === "Fail" ? exit.cause.error : undefined
      process.stderr.write(`lotusx sandbox: ${failure?.message ?? "unexpected failure"}\n`)
      resolve(failure?.reason === "InvalidOption" || failure?.reason === "InvalidFault" ? 2 : 1)
    })
  })
