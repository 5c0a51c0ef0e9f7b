/**
 * The readers of one `LiveOrderBook`'s views: each has its own unbounded buffer, filled
 * synchronously when the book publishes, and its stream takes the whole buffer as one chunk per
 * pull. One stream stage and at most one fiber wake-up per reader per batch of views (a `PubSub` of
 * `Take`s, flattened and filtered, cost four stages per view).
 *
 * @internal
 */
import * as Channel from "effect/Channel"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"

/** The next chunk; `undefined` at the end. */
type Pull<A, E> = Effect.Effect<Chunk.Chunk<A> | undefined, E>

class Reader<A, E> {
  buffer: Array<A>
  done: Exit.Exit<void, E> | undefined = undefined
  wake: ((pull: Pull<A, E>) => void) | undefined = undefined
  readonly pull: Pull<A, E>

  constructor(first: A, readonly skip: A) {
    this.buffer = [first]
    this.pull = Effect.suspend(() => this.next())
  }

  private next(): Pull<A, E> {
    if (this.buffer.length > 0) {
      const chunk = Chunk.unsafeFromArray(this.buffer)
      this.buffer = []
      return Effect.succeed(chunk)
    }
    const done = this.done
    if (done !== undefined) return Exit.isSuccess(done) ? Effect.succeed(undefined) : Effect.failCause(done.cause)
    return this.wait
  }

  /** Suspends the reader until `notify` (one effect, made once: a reader waits once per batch). */
  private readonly wait: Pull<A, E> = Effect.async<Chunk.Chunk<A> | undefined, E>((resume) => {
    this.wake = resume
    return this.unwait
  })
  private readonly unwait = Effect.sync(() => {
    this.wake = undefined
  })

  push(items: ReadonlyArray<A>): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!
      if (item !== this.skip) this.buffer.push(item)
    }
    this.notify()
  }

  end(exit: Exit.Exit<void, E>): void {
    this.done = exit
    this.notify()
  }

  private notify(): void {
    const wake = this.wake
    if (wake !== undefined) {
      this.wake = undefined
      wake(this.pull)
    }
  }
}

export class ViewHub<A, E> {
  private readonly readers = new Set<Reader<A, E>>()
  private terminal: Exit.Exit<void, E> | undefined = undefined

  /** Hands `items` to every reader. */
  publish(items: ReadonlyArray<A>): void {
    for (const reader of this.readers) reader.push(items)
  }

  /** No more items: every reader ends (or fails) after what it holds, and so do later ones. */
  end(exit: Exit.Exit<void, E>): void {
    if (this.terminal !== undefined) return
    this.terminal = exit
    for (const reader of this.readers) reader.end(exit)
    this.readers.clear()
  }

  /**
   * A reader's stream: `current()` when it starts (not repeated if it is published again), then
   * every item published after it started.
   */
  stream(current: () => A): Stream.Stream<A, E> {
    return Stream.suspend(() => {
      const first = current()
      const reader = new Reader<A, E>(first, first)
      if (this.terminal !== undefined) reader.end(this.terminal)
      else this.readers.add(reader)
      const loop: Channel.Channel<Chunk.Chunk<A>, unknown, E, unknown, void, unknown> = Channel.flatMap(
        Channel.fromEffect(reader.pull),
        (chunk) => chunk === undefined ? Channel.void : Channel.zipRight(Channel.write(chunk), loop)
      )
      return Stream.fromChannel(Channel.ensuring(
        loop,
        Effect.sync(() => {
          this.readers.delete(reader)
        })
      ))
    })
  }
}
