/**
 * `lotusx check-keys --exchange X`: runs the exchange's `healthCheck` with the configured
 * credentials: valid or not, permissions (read / trade / withdraw), the account's mode and position
 * mode where the venue reports them, clock skew. Exits 1 with a
 * one-line reason when the credentials are missing or invalid.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import type { HealthReport } from "../../Exchange.js"
import * as CliFailure from "../CliFailure.js"
import * as Out from "../CliOutput.js"
import * as Session from "../Session.js"

/**
 * The `--json` shape.
 * @since 0.1.0
 */
export const reportJson = (r: HealthReport) => ({
  exchange: r.venue,
  environment: r.environment,
  credentials: r.credentials,
  permissions: { read: r.permissions.read, trade: r.permissions.trade, withdraw: r.permissions.withdraw },
  ...(r.account !== undefined
    ? { account: { mode: r.account.mode ?? null, positionMode: r.account.positionMode ?? null } }
    : {}),
  clockSkewMs: r.clockSkewMs,
  latencyMs: r.latencyMs,
  detail: r.detail ?? null
})

const yesNo = (b: boolean) => b ? "yes" : "no"

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "check-keys",
  { ...Session.exchangeOptions },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      const { exchange } = yield* Session.connect(options)
      const report = yield* exchange.healthCheck.pipe(Effect.mapError((e) => CliFailure.fromError(e)))
      if (options.json) {
        yield* Out.json(reportJson(report))
      } else {
        yield* Out.line(
          `${report.venue} [${report.environment}]: credentials ${report.credentials}`,
          ...Out.table([
            [
              "  permissions",
              `read ${yesNo(report.permissions.read)}, trade ${yesNo(report.permissions.trade)}, withdraw ${
                yesNo(report.permissions.withdraw)
              }`
            ],
            ...(report.account === undefined ? [] : [
              [
                "  account",
                [
                  ...(report.account.mode !== undefined ? [`mode ${report.account.mode}`] : []),
                  ...(report.account.positionMode !== undefined
                    ? [`positions ${report.account.positionMode === "net" ? "net (one-way)" : "long/short (hedged)"}`]
                    : [])
                ].join(", ")
              ] as const
            ]),
            ["  clock skew", `${report.clockSkewMs >= 0 ? "+" : ""}${report.clockSkewMs} ms (server minus local)`],
            ["  latency", `${report.latencyMs} ms`]
          ])
        )
      }
      if (report.credentials === "missing") {
        return yield* new CliFailure.CliFailure({
          message:
            `no credentials configured for ${report.venue}: set [exchanges.${report.venue}.credentials] in the config file`,
          exitCode: 1
        })
      }
      if (report.credentials === "invalid") {
        return yield* new CliFailure.CliFailure({
          message: `${report.venue} rejected the credentials${report.detail === undefined ? "" : `: ${report.detail}`}`,
          exitCode: 1
        })
      }
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Check the configured API key: valid, permissions, clock skew"))
