/**
 * An expected failure of a `lotusx` command: one readable line on stderr (one JSON document under
 * `--json`) and a non-zero exit code.
 *
 * Exit codes: 1 — the command ran and failed (unreachable venue, invalid key, unknown symbol…);
 * 2 — it could not run as asked (bad arguments, bad config, unknown exchange).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * @since 0.1.0
 */
export class CliFailure extends Data.TaggedError("CliFailure")<{
  readonly message: string
  readonly exitCode: 1 | 2
  /**
   * What the failure was, for `--json`: the unified error's tag (`UnknownSymbol`, `ConfigError`,
   * …), `InvalidArguments` for a command line the parser refused; `CommandFailed` when absent.
   */
  readonly tag?: string | undefined
  /** The unified error's venue, venue code and outcome, where it has them (for `--json`). */
  readonly venue?: string | undefined
  readonly venueCode?: string | undefined
  readonly outcome?: string | undefined
}> {}

const field = (error: unknown, key: string): string | undefined => {
  if (typeof error !== "object" || error === null || !(key in error)) return undefined
  const value = (error as Record<string, unknown>)[key]
  return value === undefined ? undefined : String(value)
}

/**
 * A failure of the command itself (exit code 1), from any error with a readable message.
 * @since 0.1.0
 */
export const fromError = (error: unknown, exitCode: 1 | 2 = 1): CliFailure => {
  if (error instanceof CliFailure) return error
  const tag = field(error, "_tag")
  const message = error instanceof Error || (typeof error === "object" && error !== null && "message" in error)
    ? String((error as { readonly message: unknown }).message)
    : String(error)
  return new CliFailure({
    message: message === "" ? (tag ?? "failed") : message,
    exitCode: tag === "ConfigError" ? 2 : exitCode,
    tag,
    venue: field(error, "venue"),
    venueCode: field(error, "venueCode"),
    outcome: field(error, "outcome")
  })
}

/**
 * The `--json` shape of a failure, written as one line on stderr:
 * `{"error":{"tag":"UnknownSymbol","message":"…","exitCode":1,"venue":"binance","venueCode":null,"outcome":"definitive"}}`.
 * @since 0.1.0
 */
export const toJson = (failure: CliFailure) => ({
  error: {
    tag: failure.tag ?? "CommandFailed",
    message: failure.message,
    exitCode: failure.exitCode,
    venue: failure.venue ?? null,
    venueCode: failure.venueCode ?? null,
    outcome: failure.outcome ?? null
  }
})
