/**
 * Where the `lotusx` command writes: stdout for results, stderr for errors, warnings and progress.
 * A service, so tests capture the output of the CLI run in-process.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * @since 0.1.0
 */
export interface CliOutput {
  /** Writes text to stdout as is (add the newline yourself). */
  readonly write: (text: string) => void
  /** Writes text to stderr as is. */
  readonly writeError: (text: string) => void
  /** Whether stdout is a terminal (redraw in place, progress indicators) rather than a pipe or file. */
  readonly isTTY: boolean
}

/**
 * @since 0.1.0
 */
export const CliOutput: Context.Tag<CliOutput, CliOutput> = Context.GenericTag<CliOutput>("lotusx/cli/CliOutput")

/**
 * The process's stdout and stderr.
 * @since 0.1.0
 */
export const layerProcess: Layer.Layer<CliOutput> = Layer.sync(CliOutput, () => ({
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true
}))

/**
 * Prints lines to stdout.
 * @since 0.1.0
 */
export const line = (...lines: ReadonlyArray<string>): Effect.Effect<void, never, CliOutput> =>
  Effect.map(CliOutput, (out) => out.write(lines.map((l) => `${l}\n`).join("")))

/**
 * Prints one JSON document on one line to stdout.
 * @since 0.1.0
 */
export const json = (value: unknown): Effect.Effect<void, never, CliOutput> =>
  Effect.map(CliOutput, (out) => out.write(`${JSON.stringify(value)}\n`))

/**
 * Prints lines to stderr.
 * @since 0.1.0
 */
export const errorLine = (...lines: ReadonlyArray<string>): Effect.Effect<void, never, CliOutput> =>
  Effect.map(CliOutput, (out) => out.writeError(lines.map((l) => `${l}\n`).join("")))

/**
 * Pads rows of cells into aligned columns.
 * @since 0.1.0
 */
export const table = (rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> => {
  const widths: Array<number> = []
  for (const row of rows) row.forEach((cell, i) => widths[i] = Math.max(widths[i] ?? 0, cell.length))
  return rows.map((row) => row.map((cell, i) => i === row.length - 1 ? cell : cell.padEnd(widths[i]!)).join("  "))
}
