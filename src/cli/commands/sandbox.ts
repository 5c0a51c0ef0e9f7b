/**
 * `lotusx sandbox [--port N] [--seed N] [--fault SPEC]... [--json]`: runs the local exchange until
 * Ctrl+C (see `src/sandbox/main.ts`), printing its URLs and throwaway key once ready.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { faultKinds } from "../../sandbox/faults/FaultRule.js"
import { sandboxProgram } from "../../sandbox/main.js"
import * as CliFailure from "../CliFailure.js"
import { CliOutput } from "../CliOutput.js"
import * as Session from "../Session.js"

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "sandbox",
  {
    ...Session.globalOptions,
    port: Options.integer("port").pipe(
      Options.withDescription("Port on 127.0.0.1 (0: any free port)"),
      Options.withDefault(0)
    ),
    seed: Options.integer("seed").pipe(
      Options.withDescription("Seed of the synthetic market and faults"),
      Options.optional
    ),
    fault: Options.text("fault").pipe(
      Options.withDescription(
        "Fault rule kind:key=value,..., e.g. http429:count=3,retryAfter=2 (repeatable, optional). Kinds: " +
          `${faultKinds.join(", ")}. Keys: venue, path, method, count, p (probability), and per kind ` +
          "retryAfter (seconds), ms, status, after"
      ),
      Options.repeated,
      Options.withDefault([])
    )
  },
  (options) =>
    Effect.gen(function*() {
      const out = yield* CliOutput
      const args = [
        "--port",
        String(options.port),
        ...Option.match(options.seed, { onNone: () => [], onSome: (seed) => ["--seed", String(seed)] }),
        ...options.fault.flatMap((f) => ["--fault", f]),
        ...(options.json ? ["--json"] : [])
      ]
      return yield* sandboxProgram(args, (line) => out.write(`${line}\n`)).pipe(
        Effect.mapError((e) =>
          new CliFailure.CliFailure({
            message: e.message,
            exitCode: e.reason === "ListenFailed" ? 1 : 2
          })
        )
      )
    }).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Run the local sandbox exchange until Ctrl+C"))
