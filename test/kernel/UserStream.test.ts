/**
 * The private stream's ordering and de-duplication rules (kernel/UserStream), the same on every
 * venue: fills once by trade id; an order update only when its status or filled quantity changed,
 * never older than what was emitted; balances as the whole account, only when they changed.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as UserStream from "../../src/kernel/UserStream.js"
import { Dedupe, inTimeOrder, type UserEvent } from "../../src/kernel/UserStream.js"
import * as Decimal from "../../src/model/Decimal.js"
import { makeMarkets } from "../../src/model/Market.js"
import type { Fill, Order } from "../../src/model/Order.js"
import * as Loopback from "../support/Loopback.js"

const d = Decimal.unsafe
const order = (status: Order["status"], filled: string, updatedAt: number): UserEvent => ({
  _tag: "Order",
  order: {
    id: "1",
    symbol: "BTC/USDT",
    venueSymbol: "BTCUSDT",
    side: "buy",
    type: "limit",
    postOnly: false,
    reduceOnly: false,
    price: d("100"),
    quantity: d("2"),
    filledQuantity: d(filled),
    status,
    venueStatus: String(status),
    updatedAt
  }
})
const fill = (id: string, timestamp: number, symbol = "BTC/USDT"): UserEvent => ({
  _tag: "Fill",
  fill: {
    id,
    orderId: "1",
    symbol,
    venueSymbol: "BTCUSDT",
    side: "buy",
    price: d("100"),
    quantity: d("1"),
    fee: d("0.001"),
    feeAsset: "BTC",
    maker: true,
    timestamp
  } satisfies Fill
})
const balance = (asset: string, total: string) => ({ asset, free: d(total), locked: Decimal.zero, total: d(total) })

describe("UserStream.Dedupe", () => {
  it("emits each fill once, by symbol and trade id", () => {
    const dd = new Dedupe()
    assert.strictEqual(dd.accept(fill("7", 10)).length, 1)
    assert.strictEqual(dd.accept(fill("7", 10)).length, 0, "the same fill again (live and from REST)")
    assert.strictEqual(dd.accept(fill("7", 10, "BTC/USDT:USDT")).length, 1, "the same id on another market")
    assert.strictEqual(dd.lastEventAt, 10)
  })

  it("emits an order update only when status or filled quantity changed, and never a stale one", () => {
    const dd = new Dedupe()
    assert.strictEqual(dd.accept(order("open", "0", 1)).length, 1)
    assert.strictEqual(dd.accept(order("open", "0", 1)).length, 0, "duplicate")
    assert.strictEqual(dd.accept(order("partially_filled", "1", 2)).length, 1)
    assert.deepStrictEqual(dd.openOrders(), ["1"])
    assert.strictEqual(dd.accept(order("filled", "2", 3)).length, 1)
    assert.strictEqual(dd.accept(order("partially_filled", "1", 2)).length, 0, "older than what was emitted")
    assert.strictEqual(dd.accept(order("canceled", "2", 4)).length, 0, "nothing after a final state")
    assert.deepStrictEqual(dd.openOrders(), [])
  })

  it("drops an update that is less filled than the last one emitted", () => {
    const dd = new Dedupe()
    dd.accept(order("partially_filled", "1.5", 2))
    assert.strictEqual(dd.accept(order("partially_filled", "1", 1)).length, 0)
  })

  it("emits balances as the whole account, only when something changed; complete snapshots zero the rest", () => {
    const dd = new Dedupe()
    const first = dd.accept({
      _tag: "Balances",
      balances: [balance("USDT", "10"), balance("BTC", "1")],
      complete: true
    })
    assert.strictEqual(first.length, 1)
    assert.strictEqual(dd.accept({ _tag: "Balances", balances: [balance("USDT", "10")], complete: false }).length, 0)
    const partial = dd.accept({ _tag: "Balances", balances: [balance("USDT", "9")], complete: false })
    assert.strictEqual(partial.length, 1)
    const all = partial[0]!._tag === "Balances" ? partial[0]!.balances : []
    assert.deepStrictEqual(all.map((b) => `${b.asset}=${Decimal.format(b.total)}`), ["USDT=9", "BTC=1"])
    const snapshot = dd.accept({ _tag: "Balances", balances: [balance("USDT", "9")], complete: true })
    const after = snapshot[0]!._tag === "Balances" ? snapshot[0]!.balances : []
    assert.deepStrictEqual(after.map((b) => `${b.asset}=${Decimal.format(b.total)}`), ["USDT=9", "BTC=0"])
  })

  it("orders missed events by time, fills before their order's update at the same time", () => {
    const sorted = inTimeOrder([order("filled", "2", 5), fill("2", 5), fill("1", 3), order("open", "0", 1)])
    assert.deepStrictEqual(
      sorted.map((
        e
      ) => (e._tag === "Fill" ? `fill ${e.fill.id}` : e._tag === "Order" ? String(e.order.status) : e._tag)),
      ["open", "fill 1", "fill 2", "filled"]
    )
  })
})

describe("UserStream over a loopback server", () => {
  /** A private stream that logs in with `login`; the server answers `loggedIn` or `refused`. */
  const setup = (answer: "loggedIn" | "refused") =>
    Effect.gen(function*() {
      const server = yield* Loopback.start({
        ws: (socket, _path, message) => {
          if (message === "login") socket.send(JSON.stringify({ type: answer }))
        }
      })
      let reconciliations = 0
      const stream = yield* UserStream.make({
        venue: "test",
        open: () => Effect.succeed({ url: `${server.wsUrl}/private`, login: ["login"], subscribe: ["subscribe"] }),
        decode: (frame) => {
          const type = (frame as { readonly type?: unknown }).type
          return type === "loggedIn"
            ? { _tag: "LoggedIn" }
            : type === "refused"
            ? { _tag: "Refused", reason: "bad key" }
            : { _tag: "Control" }
        },
        markets: Effect.succeed(makeMarkets("test", [])),
        reconcile: {
          openOrders: Effect.succeed([]),
          lookup: () => Effect.die("no lookups expected"),
          fillsSince: () => Effect.succeed([]),
          balances: Effect.sync(() => {
            reconciliations++
            return []
          })
        },
        watchdog: "5 seconds"
      })
      return { server, stream, reconciliations: () => reconciliations }
    })

  const until = (check: Effect.Effect<boolean>) =>
    Effect.repeat(check, { schedule: Schedule.spaced("10 millis"), until: (done) => done }).pipe(
      Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => "timed out" }),
      Effect.orDie
    )

  it.live("a lost connection is reconnected and reconciled again", () =>
    Effect.gen(function*() {
      const { reconciliations, server, stream } = yield* setup("loggedIn")
      const consumer = yield* Effect.fork(Stream.runDrain(stream.events))
      const live = Effect.map(stream.state.get, (s) => s === "live")
      yield* until(Effect.zipWith(live, stream.connections, (l, n) => l && n === 1))
      assert.strictEqual(reconciliations(), 1)
      const started = Date.now()
      for (const socket of server.sockets) socket.terminate()
      yield* until(Effect.zipWith(live, stream.connections, (l, n) => l && n === 2))
      // the first delay after a connection that had opened: 250 ms, jittered by 0.8–1.2
      assert.isBelow(Date.now() - started, 2_000)
      assert.strictEqual(reconciliations(), 2)
      assert.strictEqual(server.connections.length, 2)
      yield* Fiber.interrupt(consumer)
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)))

  it.live("a refused login fails the stream with AuthenticationFailed and is not retried", () =>
    Effect.gen(function*() {
      const { reconciliations, server, stream } = yield* setup("refused")
      const result = yield* Effect.either(Stream.runDrain(stream.events))
      assert.isTrue(Either.isLeft(result) && result.left._tag === "AuthenticationFailed", String(result))
      yield* Effect.sleep("600 millis")
      assert.strictEqual(server.connections.length, 1)
      assert.strictEqual(reconciliations(), 0)
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)))
})
