/**
 * An expected failure of a `lotusx` command: one readable line on stderr and a non-zero exit code.
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
}> {}

/**
 * A failure of the command itself (exit code 1), from any error with a readable message.
 * @since 0.1.0
 */
export const fromError = (error: unknown, exitCode: 1 | 2 = 1): CliFailure => {
  if (error instanceof CliFailure) return error
  const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : undefined
  const message = error instanceof Error || (typeof error === "object" && error !== null && "message" in error)
    ? String((error as { readonly message: unknown }).message)
    : String(error)
  return new CliFailure({
    message: message === "" ? (tag ?? "failed") : message,
    exitCode: tag === "ConfigError" ? 2 : exitCode
  })
}
