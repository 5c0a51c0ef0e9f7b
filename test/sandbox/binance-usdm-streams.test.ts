/**
 * The USDⓈ-M dialect's market streams speak the family's documented websocket protocol:
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Live-Subscribing-Unsubscribing-to-streams
 * ("The combined property is set to false when connecting using /ws/ ("raw streams") and true when
 * connecting using /stream/"), and its diff-depth events chain with `pu`
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { connect } from "./wsClient.js"

describe("Binance USDⓈ-M dialect: market streams", () => {
  it.scopedLive("SET_PROPERTY / GET_PROPERTY `combined` on a raw connection, and the documented error answers", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 31, market: { intervalMs: { min: 20, max: 40 } } })
      const socket = yield* connect(`${s.urls["binance-usdm"].ws}/ws/btcusdt@depth@100ms`)
      const raw = yield* socket.next((m) => m.e === "depthUpdate")
      assert.strictEqual(raw.s, "BTCUSDT")
      socket.send({ method: "GET_PROPERTY", params: ["combined"], id: 1 })
      assert.deepStrictEqual(yield* socket.next((m) => m.id === 1), { result: false, id: 1 })
      socket.send({ method: "SET_PROPERTY", params: ["combined", true], id: 2 })
      assert.deepStrictEqual(yield* socket.next((m) => m.id === 2), { result: null, id: 2 })
      socket.send({ method: "GET_PROPERTY", params: ["combined"], id: 3 })
      assert.deepStrictEqual(yield* socket.next((m) => m.id === 3), { result: true, id: 3 })
      const wrapped = yield* socket.next((m) => m.stream === "btcusdt@depth@100ms")
      assert.strictEqual(wrapped.data.e, "depthUpdate")
      socket.send({ method: "SET_PROPERTY", params: ["compressed", true], id: 4 })
      assert.deepStrictEqual(yield* socket.next((m) => m.id === 4), {
        error: { code: 0, msg: "Unknown property" },
        id: 4
      })
      socket.send({ method: "SET_PROPERTY", params: ["combined", "yes"], id: 5 })
      assert.deepStrictEqual((yield* socket.next((m) => m.id === 5)).error, {
        code: 1,
        msg: "Invalid value type: expected Boolean"
      })
      socket.send({ method: "SUBSCRIBED", params: [], id: 6 })
      assert.match((yield* socket.next((m) => m.id === 6)).error.msg, /^Invalid request: unknown variant `SUBSCRIBED`/)
    }))

  it.scopedLive("diff-depth events chain: each `pu` is the previous event's `u`", () =>
    Effect.gen(function*() {
      const s = yield* Sandbox.start({ seed: 32, market: { intervalMs: { min: 20, max: 40 } } })
      const socket = yield* connect(`${s.urls["binance-usdm"].ws}/stream?streams=ethusdt@depth@100ms`)
      const events = (yield* socket.collect((m) => m.data?.e === "depthUpdate", 6, 8000)).map((m) => m.data)
      for (const [previous, event] of events.slice(1).map((e, i) => [events[i], e] as const)) {
        assert.strictEqual(event.pu, previous.u)
        assert.isTrue(event.U > previous.u && event.u >= event.U)
        assert.strictEqual(event.s, "ETHUSDT")
        assert.strictEqual(event.E, event.T)
      }
    }))
})
