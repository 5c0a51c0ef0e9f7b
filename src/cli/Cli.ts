/**
 * The `lotusx` command (@effect/cli): `check-keys`, `status`, `get-ticker`, `markets`, `book`,
 * `watch-orders`, `sandbox`. Every command accepts `--config`, `--env`, `--json`, `--metrics-port` and
 * `--otlp-endpoint`.
 *
 * `run(argv)` never fails: expected failures print one line to stderr (`lotusx: <reason>`) and
 * yield the exit code — 0 success, 1 the command failed, 2 bad arguments or config. Unexpected
 * defects print one line too (no stack trace) and yield 70.
 *
 * @since 0.1.0
 */
import * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { CliFailure } from "./CliFailure.js"
import { CliOutput } from "./CliOutput.js"
import * as Book from "./commands/book.js"
import * as CheckKeys from "./commands/checkKeys.js"
import * as GetTicker from "./commands/getTicker.js"
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
    SandboxCommand.command
  ])
)

const cli = Command.run(lotusx, { name: "lotusx", version })

/** Log lines (warnings and worse) go to stderr as one plain line each. */
const loggerLayer = Layer.unwrapEffect(Effect.map(CliOutput, (out) =>
  Layer.merge(
    Logger.replace(
      Logger.defaultLogger,
      Logger.make(({ logLevel, message }) => {
        const text = (Array.isArray(message) ? message : [message]).map((m) =>
          typeof m === "string" ? m : m instanceof Error ? m.message : String(m)
        ).join(" ")
        out.writeError(`${logLevel.label.toLowerCase()}: ${text}\n`)
      })
    ),
    Logger.minimumLogLevel(LogLevel.Warning)
  )))

/**
 * Runs the command line (`argv` as in `process.argv`: runtime, script, then arguments) and yields
 * the exit code.
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
    return yield* cli(argv).pipe(
      Effect.as(0),
      Effect.catchAll((error) => {
        if (error instanceof CliFailure) {
          out.writeError(`lotusx: ${error.message}\n`)
          return Effect.succeed(error.exitCode)
        }
        if (ValidationError.isValidationError(error)) return Effect.succeed(2)
        out.writeError(`lotusx: ${String(error)}\n`)
        return Effect.succeed(1)
      }),
      Effect.catchAllCause((cause) => {
        if (Cause.isInterruptedOnly(cause)) return Effect.succeed(0)
        const defect = Cause.squash(cause)
        out.writeError(`lotusx: unexpected error: ${defect instanceof Error ? defect.message : String(defect)}\n`)
        return Effect.succeed(70)
      })
    )
  }).pipe(Effect.provide(loggerLayer))
