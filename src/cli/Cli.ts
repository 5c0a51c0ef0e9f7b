/**
 * The `lotusx` command (@effect/cli): `check-keys`, `status`, `get-ticker`, `markets`, `book`,
 * `watch-orders`, `ingest`, `sandbox`. Every command accepts `--config`, `--env`, `--json`, `--metrics-port` and
 * `--otlp-endpoint`.
 *
 * `run(argv)` never fails: expected failures print one line to stderr (`lotusx: <reason>`; under
 * `--json` one JSON document, `{"error":{"tag",…}}`), including the parser's own refusals, and yield
 * the exit code — 0 success, 1 the command failed, 2 bad arguments or config. Unexpected
 * defects print one line too (no stack trace) and yield 70.
 *
 * @since 0.1.0
 */
import * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as CliFailureModule from "./CliFailure.js"
import { CliFailure } from "./CliFailure.js"
import type { CliOutput as CliOutputService } from "./CliOutput.js"
import { CliOutput } from "./CliOutput.js"
import * as Book from "./commands/book.js"
import * as CheckKeys from "./commands/checkKeys.js"
import * as GetTicker from "./commands/getTicker.js"
import * as Ingest from "./commands/ingest.js"
import * as Markets from "./commands/markets.js"
import * as SandboxCommand from "./commands/sandbox.js"
import * as Status from "./commands/status.js"
import * as WatchOrders from "./commands/watchOrders.js"

/**
 * @since 0.1.0
 */
export const version = "0.1.0"

/**
 * The root command.
 * @since 0.1.0
 */
export const lotusx = Command.make("lotusx").pipe(
  Command.withDescription("LotusX: one typed API over crypto exchanges, and a local sandbox exchange"),
  Command.withSubcommands([
    CheckKeys.command,
    Status.command,
    GetTicker.command,
    Markets.command,
    Book.command,
    WatchOrders.command,
    Ingest.command,
    SandboxCommand.command
  ])
)

const cli = Command.run(lotusx, { name: "lotusx", version })

/**
 * Log lines (warnings and worse, or what `--log-level` asks for) go to stderr as one plain line
 * each (`warn: …`), or under `--json` as one JSON document each (`{"log":{"level":"warn","message":"…"}}`).
 */
const loggerLayer = (json: boolean) =>
  Layer.unwrapEffect(Effect.map(CliOutput, (out) =>
    Layer.merge(
      Logger.replace(
        Logger.defaultLogger,
        Logger.make(({ logLevel, message }) => {
          const text = (Array.isArray(message) ? message : [message]).map((m) =>
            typeof m === "string" ? m : m instanceof Error ? m.message : String(m)
          ).join(" ")
          const level = logLevel.label.toLowerCase()
          out.writeError(json ? `${JSON.stringify({ log: { level, message: text } })}\n` : `${level}: ${text}\n`)
        })
      ),
      Logger.minimumLogLevel(LogLevel.Warning)
    )))

const ansi = /\u001b\[[0-9;]*[A-Za-z]/g

/**
 * Whether output may carry ANSI colours: stdout is a terminal and `NO_COLOR` is not set
 * (https://no-color.org).
 * @since 0.1.0
 */
export const colors = (isTTY: boolean, env: Readonly<Record<string, string | undefined>> = process.env): boolean =>
  isTTY && (env["NO_COLOR"] === undefined || env["NO_COLOR"] === "")

/**
 * The Console @effect/cli writes through: help and version to stdout (without ANSI colours when
 * piped or under `NO_COLOR`); its error reports are kept in `parserErrors` for `run` to print in
 * the house shape.
 */
const cliConsole = (out: CliOutputService, parserErrors: Array<string>): Console.Console => {
  const plain = !colors(out.isTTY)
  const text = (args: ReadonlyArray<unknown>) => {
    const joined = args.map(String).join(" ")
    return plain ? joined.replace(ansi, "") : joined
  }
  const log = (...args: ReadonlyArray<unknown>) => Effect.sync(() => out.write(`${text(args)}\n`))
  const error = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void parserErrors.push(text(args)))
  const none = () => Effect.void
  return {
    [Console.TypeId]: Console.TypeId,
    assert: none,
    clear: Effect.void,
    count: none,
    countReset: none,
    debug: error,
    dir: log,
    dirxml: log,
    error,
    group: none,
    groupEnd: Effect.void,
    info: log,
    log,
    table: log,
    time: none,
    timeEnd: none,
    timeLog: none,
    trace: error,
    warn: error,
    unsafe: globalThis.console
  }
}

/** Short options and the long option each stands for. */
const aliases: Readonly<Record<string, string>> = { "-x": "--exchange", "-s": "--symbol", "-h": "--help" }

/** Options a command takes more than once. */
const repeatable = new Set(["--fault"])

/** Options of the program itself (@effect/cli's built-ins), which it reads only before the subcommand. */
const builtIns = new Set(["--log-level"])

/**
 * Moves `--log-level <level>` wherever it is written to before the subcommand, where @effect/cli
 * reads it (so `lotusx get-ticker … --log-level debug` works as users write it).
 * @since 0.1.0
 */
export const hoistBuiltIns = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const front: Array<string> = []
  const rest: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const name = arg.split("=")[0]!
    if (builtIns.has(name)) {
      front.push(arg)
      if (!arg.includes("=") && i + 1 < args.length) front.push(args[++i]!)
    } else {
      rest.push(arg)
    }
  }
  return [...front, ...rest]
}

/**
 * An option given twice (`-x binance -x bybit`): @effect/cli would report some other option as
 * missing; this says what is wrong.
 * @since 0.1.0
 */
export const duplicateOption = (args: ReadonlyArray<string>): CliFailure | undefined => {
  const seen = new Map<string, Array<string>>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "--") break
    if (!arg.startsWith("--") && aliases[arg] === undefined) continue
    const [written, inline] = arg.split("=", 2) as [string, string | undefined]
    const name = aliases[written] ?? written
    const next = args[i + 1]
    const value = inline ?? (next !== undefined && !next.startsWith("-") ? next : undefined)
    const values = seen.get(name) ?? []
    values.push(value ?? "")
    seen.set(name, values)
    if (values.length === 2 && !repeatable.has(name)) {
      const shown = values.filter((v) => v !== "")
      const hint = name === "--exchange"
        ? ": a command takes one exchange (`lotusx status --all` checks every configured one)"
        : ": give it once"
      return new CliFailure({
        message: `${name} is given more than once${shown.length === 0 ? "" : ` (${shown.join(", ")})`}${hint}`,
        exitCode: 2,
        tag: "InvalidArguments"
      })
    }
  }
  return undefined
}

const subcommands = new Set(["check-keys", "status", "get-ticker", "markets", "book", "sandbox"])

/** @effect/cli's report of a command line it refused, as one line. */
const describeRefusal = (
  error: ValidationError.ValidationError,
  printed: ReadonlyArray<string>,
  args: ReadonlyArray<string>
): string => {
  const raw = printed.length > 0 ? printed.join("\n") : HelpDoc.toAnsiText(error.error)
  const lines = raw.replace(ansi, "").split("\n").map((l) => l.trim()).filter((l) => l !== "")
  const text = lines.join("; ")
    .replace(/is not a integer/g, "is not a whole number")
    .replace(/Expected to find option: '([^']*)'/g, "missing $1")
    .replace(/Received unknown argument: '([^']*)'/g, "unknown argument $1")
  const sub = args.find((a) => subcommands.has(a))
  return `${text === "" ? "invalid arguments" : text} (see \`lotusx${sub === undefined ? "" : ` ${sub}`} --help\`)`
}

/**
 * Runs the command line (`argv` as in `process.argv`: runtime, script, then arguments) and yields
 * the exit code. Every failure is one line on stderr, `lotusx: <reason>`, or under `--json` one
 * JSON document (`CliFailure.toJson`).
 * @since 0.1.0
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<
  number,
  never,
  CliOutput | CliApp.CliApp.Environment | HttpClient.HttpClient | Socket.WebSocketConstructor
> =>
  Effect.gen(function*() {
    const out = yield* CliOutput
    const args = argv.slice(2)
    const json = args.includes("--json")
    const report = (failure: CliFailure): number => {
      out.writeError(json ? `${JSON.stringify(CliFailureModule.toJson(failure))}\n` : `lotusx: ${failure.message}\n`)
      return failure.exitCode
    }
    const duplicate = duplicateOption(args)
    if (duplicate !== undefined) return report(duplicate)
    const parserErrors: Array<string> = []
    return yield* cli([...argv.slice(0, 2), ...hoistBuiltIns(args)]).pipe(
      Effect.withConsole(cliConsole(out, parserErrors)),
      Effect.as(0),
      Effect.catchAll((error) => {
        if (error instanceof CliFailure) return Effect.succeed(report(error))
        if (ValidationError.isValidationError(error)) {
          return Effect.succeed(report(
            new CliFailure({
              message: describeRefusal(error, parserErrors, args),
              exitCode: 2,
              tag: "InvalidArguments"
            })
          ))
        }
        return Effect.succeed(report(CliFailureModule.fromError(error)))
      }),
      Effect.catchAllCause((cause) => {
        if (Cause.isInterruptedOnly(cause)) return Effect.succeed(0)
        const defect = Cause.squash(cause)
        out.writeError(`lotusx: unexpected error: ${defect instanceof Error ? defect.message : String(defect)}\n`)
        return Effect.succeed(70)
      })
    )
  }).pipe(Effect.provide(loggerLayer(argv.includes("--json"))))
