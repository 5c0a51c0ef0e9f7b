import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

/** A Console that records what the example prints. */
export const recordingConsole = (lines: Array<string>): Console.Console => {
  const push = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void lines.push(args.map(String).join(" ")))
  return {
    [Console.TypeId]: Console.TypeId,
    log: push,
    info: push,
    warn: push,
    error: push,
    debug: push,
    trace: push,
    assert: () => Effect.void,
    clear: Effect.void,
    count: () => Effect.void,
    countReset: () => Effect.void,
    dir: push,
    dirxml: push,
    group: () => Effect.void,
    groupEnd: Effect.void,
    table: push,
    time: () => Effect.void,
    timeEnd: () => Effect.void,
    timeLog: () => Effect.void,
    unsafe: console
  }
}
