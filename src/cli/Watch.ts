/**
 * What the commands that watch a stream share (`book`, `watch-orders`): `--count` and `--duration`,
 * and the stream cut to them.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as CliFailure from "./CliFailure.js"

/**
 * Parses `500ms`, `5s`, `2m`, `1h` or anything `Duration.decode` accepts (`"5 seconds"`).
 * @since 0.1.0
 */
export const parseDuration = (text: string): Either.Either<Duration.Duration, string> => {
  const short = /^(\d+)\s*(ms|s|m|h)$/.exec(text.trim())
  if (short !== null) {
    const n = Number.parseInt(short[1]!, 10)
    const unit = short[2]
    return Either.right(
      unit === "ms"
        ? Duration.millis(n)
        : unit === "s"
        ? Duration.seconds(n)
        : unit === "m"
        ? Duration.minutes(n)
        : Duration.hours(n)
    )
  }
  const decoded = Duration.decodeUnknown(text)
  return Option.match(decoded, {
    onNone: () => Either.left(`--duration expects a duration such as 10s, 500ms or 2m, got "${text}"`),
    onSome: Either.right
  })
}

/**
 * `--count` (of `what`: views, events) and `--duration`.
 * @since 0.1.0
 */
export const options = (what: string) => ({
  count: Options.integer("count").pipe(Options.withDescription(`Stop after N ${what}`), Options.optional),
  duration: Options.text("duration").pipe(Options.withDescription("Stop after this long (10s, 2m…)"), Options.optional)
})

/**
 * What cuts a stream to the options' count and duration; a bad duration fails with exit code 2.
 * @since 0.1.0
 */
export const limits = (options: {
  readonly count: Option.Option<number>
  readonly duration: Option.Option<string>
}): Effect.Effect<<A, E, R>(stream: Stream.Stream<A, E, R>) => Stream.Stream<A, E, R>, CliFailure.CliFailure> =>
  Effect.map(
    Option.match(options.duration, {
      onNone: () => Either.right(undefined),
      onSome: (text) => Either.mapLeft(parseDuration(text), (message) => new CliFailure.CliFailure({ message, exitCode: 2 }))
    }),
    (duration) => <A, E, R>(stream: Stream.Stream<A, E, R>) => {
      const counted = Option.isSome(options.count) ? Stream.take(stream, Math.max(0, options.count.value)) : stream
      return duration === undefined ? counted : Stream.interruptWhen(counted, Effect.sleep(duration))
    }
  )
