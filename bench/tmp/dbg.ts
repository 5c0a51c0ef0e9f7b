import * as diagnostics from "node:diagnostics_channel"
for (const name of ["undici:request:create", "undici:request:headers", "undici:client:sendHeaders", "undici:request:trailers"]) {
  let k = 0
  diagnostics.subscribe(name, (m: any) => { if (k++ < 2) console.log(name, Object.keys(m), m.request?.path, m.response?.statusCode, m.response && Object.keys(m.response)) })
}
import * as Effect from "effect/Effect"
import * as Loopback from "../../test/support/Loopback.js"
import * as F from "../../test/support/OrderFlowFigures.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
const h = F.harnesses[0]![1]
Effect.runPromise(Effect.gen(function*() {
  const s = yield* Sandbox.start({})
  const ex = yield* h.connect(s)
  yield* ex.ticker(h.symbol)
  yield* s.faults.add({ kind: "http429", path: h.paths.ticker, count: 1, retryAfter: 1 })
  yield* ex.ticker(h.symbol)
  console.log(yield* s.faults.list)
}).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive))).then(() => process.exit(0), (e) => { console.error(e); process.exit(1) })
