import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Decimal from "../../src/model/Decimal.js"
import * as Loopback from "../../test/support/Loopback.js"
import * as F from "../../test/support/OrderFlowFigures.js"
const h = F.harnesses[0]![1]
Effect.runPromise(Effect.gen(function*() {
  const sandbox = yield* F.startSandbox
  const ex = yield* h.connect(sandbox, {})
  const fills: Array<unknown> = []
  const states: Array<string> = []
  yield* Stream.runForEach(ex.watchFills(h.symbol), (f) => Effect.sync(() => fills.push(f))).pipe(Effect.forkScoped)
  yield* Stream.runForEach(ex.userStreamState, (s) => Effect.sync(() => states.push(s))).pipe(Effect.forkScoped)
  yield* Effect.sleep("3 seconds")
  const own = sandbox.credentials.binance.accountId
  const ask = sandbox.engine.bestAsk("BTCUSDT")!
  const r = sandbox.engine.placeOrder(own, { symbol: "BTCUSDT", side: "buy", type: "limit", timeInForce: "IOC", price: ask.price, quantity: Decimal.unsafe("0.001"), postOnly: false, clientOrderId: "dbgx1" })
  console.log("placed", JSON.stringify(r).slice(0, 300))
  yield* Effect.sleep("2 seconds")
  console.log("states", states, "fills", fills.length, (yield* sandbox.ledger.fills(own)).length)
}).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive))).then(() => process.exit(0), (e) => { console.error(e); process.exit(1) })
