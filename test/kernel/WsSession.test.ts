import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type { WebSocket } from "ws"
import * as WsSession from "../../src/kernel/WsSession.js"
import * as Loopback from "../support/Loopback.js"

/** A fake venue speaking Binance's combined-stream protocol; it can fall silent without closing. */
const fakeVenue = Effect.gen(function*() {
  const state = { silent: false }
  const subscriptions = new Map<WebSocket, Set<string>>()
  let counter = 0
  const server = yield* Loopback.start({
    onConnection: (socket, path) => {
      const url = new URL(path, "http://x")
      const topics = new Set((url.searchParams.get("streams") ?? "").split("/").filter((s) => s !== ""))
      subscriptions.set(socket, topics)
    },
    ws: (socket, _path, message) => {
      if (state.silent) return
      const m = JSON.parse(message) as { method: string; params?: Array<string>; id: number }
      const topics = subscriptions.get(socket)!
      if (m.method === "SUBSCRIBE") { for (const t of m.params ?? []) topics.add(t) }
      if (m.method === "UNSUBSCRIBE") { for (const t of m.params ?? []) topics.delete(t) }
      socket.send(JSON.stringify({ result: m.method === "LIST_SUBSCRIPTIONS" ? [...topics] : null, id: m.id }))
    }
  })
  const timer = setInterval(() => {
    if (state.silent) return
    for (const [socket, topics] of subscriptions) {
      if (socket.readyState !== 1) continue
      for (const topic of topics) socket.send(JSON.stringify({ stream: topic, data: { n: ++counter, topic } }))
    }
  }, 20)
  yield* Effect.addFinalizer(() => Effect.sync(() => clearInterval(timer)))
  return { server, state, subscriptions }
})

const protocol = (wsUrl: string): WsSession.WsProtocol => ({
  venue: "test",
  url: (topics) => `${wsUrl}/stream?streams=${topics.join("/")}`,
  topicsInUrl: true,
  subscribe: (topics, id) => [JSON.stringify({ method: "SUBSCRIBE", params: topics, id })],
  unsubscribe: (topics, id) => [JSON.stringify({ method: "UNSUBSCRIBE", params: topics, id })],
  heartbeat: { interval: "100 millis", frame: (id) => JSON.stringify({ method: "LIST_SUBSCRIPTIONS", id }) },
  watchdog: "400 millis",
  reconnect: { initial: "50 millis", max: "200 millis" },
  route: (frame) => {
    const f = frame as { stream?: string; data?: unknown }
    return typeof f.stream === "string" ? { topic: f.stream, payload: f.data } : undefined
  }
})

describe("WsSession over a loopback server", () => {
  it.live("detects a silent connection, reconnects, and restores every subscription", () =>
    Effect.gen(function*() {
      const venue = yield* fakeVenue
      const session = yield* WsSession.make(protocol(venue.server.wsUrl))
      // data messages only: each lost connection is also announced in the stream (`Interrupted`),
      // and so is its return (`Resumed`)
      const data = (topic: string) =>
        session.messages(topic).pipe(
          Stream.filter((m) => !(m.payload instanceof WsSession.Interrupted || m.payload instanceof WsSession.Resumed))
        )
      const a = yield* Effect.fork(Stream.runCollect(Stream.take(data("btcusdt@trade"), 110)))
      yield* Effect.sleep("150 millis")
      // subscribed live, after the connection was made
      const b = yield* Effect.fork(Stream.runCollect(Stream.take(data("ethusdt@trade"), 90)))
      yield* Effect.sleep("300 millis")
      assert.strictEqual(venue.server.connections.length, 1)
      venue.state.silent = true
      yield* Effect.sleep("900 millis")
      venue.state.silent = false
      const [msgsA, msgsB] = yield* Effect.all([Fiber.join(a), Fiber.join(b)])
      assert.isAtLeast(venue.server.connections.length, 2, "a new connection was made")
      const last = venue.server.connections.at(-1)!
      const restored = new Set(new URL(last.path, "http://x").searchParams.get("streams")!.split("/"))
      assert.isTrue(restored.has("btcusdt@trade") && restored.has("ethusdt@trade"), "every topic is resubscribed")
      assert.strictEqual(Chunk.size(msgsA), 110)
      assert.strictEqual(Chunk.size(msgsB), 90)
      for (const m of msgsB) assert.strictEqual((m.payload as { topic: string }).topic, "ethusdt@trade")
      assert.isAtLeast(yield* session.connections, 2)
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)), 20_000)

  it.live(
    "announces a lost connection to every subscriber within the watchdog + 1 s, then carries on",
    () =>
      Effect.gen(function*() {
        const venue = yield* fakeVenue
        const session = yield* WsSession.make(protocol(venue.server.wsUrl))
        let silencedAt = 0
        const interruptions: Array<{ readonly reason: string; readonly after: number }> = []
        const markers: Array<string> = []
        const fiber = yield* session.messages("btcusdt@trade").pipe(
          WsSession.decodeOrSkip("test", (payload) => payload as { n: number }, {
            onInterrupted: (reason, at) => {
              interruptions.push({ reason, after: at - silencedAt })
              markers.push("interrupted")
              return { n: -1 }
            },
            onResumed: () => {
              markers.push("resumed")
              return { n: -2 }
            }
          }),
          Stream.takeUntil((m) => m.n === -2 && venue.server.connections.length >= 2),
          Stream.runDrain,
          Effect.fork
        )
        yield* Effect.sleep("300 millis")
        silencedAt = Date.now()
        venue.state.silent = true
        yield* Effect.sleep("1500 millis")
        venue.state.silent = false
        yield* Fiber.join(fiber)
        assert.isAtLeast(
          interruptions.length,
          1,
          "one per lost connection (the silence can outlast the first reconnect)"
        )
        assert.include(interruptions[0]!.reason, "no frame for")
        assert.isAtMost(interruptions[0]!.after, 400 + 1000)
        // each lost connection is followed by its return, once connected and subscribed again
        assert.strictEqual(markers[0], "interrupted")
        assert.strictEqual(markers.at(-1), "resumed")
        for (let i = 1; i < markers.length; i++) assert.notStrictEqual(markers[i], markers[i - 1], markers.join(", "))
        // a stream decoded without `onInterrupted` never sees the announcement
        const plain = yield* session.messages("btcusdt@trade").pipe(
          WsSession.decodeOrSkip("test", (payload) => payload as { n: number }),
          Stream.take(5),
          Stream.runCollect
        )
        for (const m of plain) assert.isAbove(m.n, 0)
      }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
    20_000
  )

  it.live(
    "reconnects after an abrupt close and skips frames it cannot parse without dropping the connection",
    () =>
      Effect.gen(function*() {
        const venue = yield* fakeVenue
        const session = yield* WsSession.make(protocol(venue.server.wsUrl))
        const fiber = yield* Effect.fork(Stream.runCollect(Stream.take(session.messages("btcusdt@depth"), 40)))
        yield* Effect.sleep("200 millis")
        const first = venue.server.connections[0]!.socket
        first.send("{not json")
        first.send(JSON.stringify({ stream: "btcusdt@depth" })) // routed with an undefined payload: passed on
        yield* Effect.sleep("100 millis")
        assert.strictEqual(venue.server.connections.length, 1, "bad frames do not kill the connection")
        first.terminate()
        const msgs = yield* Fiber.join(fiber)
        assert.strictEqual(Chunk.size(msgs), 40)
        assert.isAtLeast(venue.server.connections.length, 2)
      }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
    20_000
  )

  it.live(
    "the last subscriber leaving unsubscribes the topic and closes the idle connection",
    () =>
      Effect.gen(function*() {
        const venue = yield* fakeVenue
        const session = yield* WsSession.make(protocol(venue.server.wsUrl))
        yield* Stream.runDrain(Stream.take(session.messages("btcusdt@trade"), 5))
        yield* Effect.sleep("200 millis")
        assert.strictEqual(yield* session.state.get, "idle")
        assert.strictEqual(venue.server.sockets.size, 0)
      }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
    20_000
  )
})

describe("WsSession.reconnectSchedule", () => {
  // Failed attempts in a row double the delay up to the cap; a connection that opened restarts it.
  const inputs = [false, false, false, false, false, false, true, false].map((opened) => ({ opened }))
  const bases = [100, 200, 400, 800, 1000, 1000, 100, 200]
  const run = (seed: string) => {
    const schedule = WsSession.reconnectSchedule<{ readonly opened: boolean }>("100 millis", "1 second")
    return Effect.all([
      Schedule.run(Schedule.delays(schedule), 0, inputs),
      Schedule.run(schedule, 0, inputs)
    ]).pipe(Effect.withRandom(Random.make(seed)))
  }

  it.effect("doubles from the first delay up to the cap, jittered into [0.5, 1) of it, and restarts after an open", () =>
    Effect.gen(function*() {
      const [delays, outputs] = yield* run("reconnect")
      const ms = Chunk.toReadonlyArray(delays).map(Duration.toMillis)
      assert.strictEqual(ms.length, bases.length)
      ms.forEach((d, i) => {
        assert.isAtLeast(d, bases[i]! * 0.5, `delay ${i + 1}`)
        assert.isBelow(d, bases[i]!, `delay ${i + 1}`)
      })
      assert.deepStrictEqual(Chunk.toReadonlyArray(outputs).map((o) => o.attempt), [1, 2, 3, 4, 5, 6, 1, 2])
      const factors = ms.map((d, i) => d / bases[i]!)
      assert.isAbove(new Set(factors).size, 1, "the factor is drawn per delay")
    }))

  it.effect("the same seed gives the same delays", () =>
    Effect.gen(function*() {
      const [a] = yield* run("seed")
      const [b] = yield* run("seed")
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(a).map(Duration.toMillis),
        Chunk.toReadonlyArray(b).map(Duration.toMillis)
      )
    }))
})
