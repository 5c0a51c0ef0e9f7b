/**
 * A value loaded once and kept for a time to live, shared by concurrent readers: what
 * `Effect.cachedInvalidateWithTTL` does, with a read of a live entry that costs one `Clock` read
 * instead of a synchronized ref, a semaphore and a deferred. Used for a venue's market list,
 * which every order looks up.
 *
 * Like `cachedInvalidateWithTTL`: one load at a time (readers that arrive during a load wait for
 * it); a successful result is kept for `timeToLive` from the load's start — a failure is given to
 * the readers that waited for that load and not kept, so the next reader loads again (a venue that
 * failed once is asked again, not for an hour); the load
 * runs with the context of the fiber that made the cache. A load whose fiber is interrupted
 * leaves nothing behind: a reader that waited for it starts a new one.
 *
 * @since 0.1.0
 */
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"

/**
 * @since 0.1.0
 */
export interface ExpiringCache<A, E> {
  /** The value: the kept one while it lives, else a fresh load. */
  readonly get: Effect.Effect<A, E>
  /** Drops the kept value; the next `get` loads again. */
  readonly invalidate: Effect.Effect<void>
  /** The kept value if it is loaded and still lives at `nowMs` (the `Clock`'s time), else `undefined`. */
  readonly unsafeGet: (nowMs: number) => A | undefined
}

interface Entry<A, E> {
  readonly expiresAt: number
  /** Completed with the load's exit, or with `undefined` when the load was interrupted. */
  readonly done: Deferred.Deferred<Exit.Exit<A, E> | undefined>
  exit: Exit.Exit<A, E> | undefined
}

/**
 * @since 0.1.0
 */
export const make = <A, E, R>(
  load: Effect.Effect<A, E, R>,
  timeToLive: Duration.DurationInput
): Effect.Effect<ExpiringCache<A, E>, never, R> =>
  Effect.map(Effect.context<R>(), (env) => {
    const ttl = Duration.toMillis(timeToLive)
    const loadIn = Effect.provide(load, env)
    let entry: Entry<A, E> | undefined

    const get: Effect.Effect<A, E> = Effect.clockWith((clock) => {
      const now = clock.unsafeCurrentTimeMillis()
      const current = entry
      if (current !== undefined && current.expiresAt - now > 0) {
        if (current.exit !== undefined) return current.exit
        return Effect.flatMap(Deferred.await(current.done), (exit) => exit ?? get)
      }
      const started: Entry<A, E> = {
        expiresAt: now + ttl,
        done: Deferred.unsafeMake(FiberId.none),
        exit: undefined
      }
      entry = started
      return loadIn.pipe(
        Effect.onInterrupt(() =>
          Effect.sync(() => {
            if (entry === started) entry = undefined
            Deferred.unsafeDone(started.done, Effect.succeed(undefined))
          })
        ),
        Effect.exit,
        Effect.flatMap((exit) => {
          if (exit._tag === "Success") started.exit = exit
          else if (entry === started) entry = undefined
          Deferred.unsafeDone(started.done, Effect.succeed(exit))
          return exit
        })
      )
    })

    return {
      get,
      unsafeGet: (now) => {
        const current = entry
        return current !== undefined && current.expiresAt - now > 0 && current.exit?._tag === "Success"
          ? current.exit.value
          : undefined
      },
      invalidate: Effect.sync(() => {
        entry = undefined
      })
    }
  })
