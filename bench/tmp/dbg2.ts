import * as Effect from "effect/Effect"
import * as Loopback from "../../test/support/Loopback.js"
import * as F from "../../test/support/OrderFlowFigures.js"
const h = F.harnesses[0]![1]
Effect.runPromise(F.rateWindows(h, "http429", { windows: 1 }).pipe(Effect.provide(Loopback.PlatformLive))).then((r) => { console.log(r); process.exit(0) }, (e) => { console.error(e); process.exit(1) })
