// A plain-Node consumer of the packed lotusx: the Effect API and lotusx/promise, on an embedded sandbox.
import { NodeHttpClient, NodeSocket } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { Decimal, Exchange, SandboxExchange } from "lotusx"
import * as Promised from "lotusx/promise"

const DECIMAL = /^\d+(\.\d+)?$/
const check = (ok, what) => {
  if (!ok) throw new Error(`consumer check failed: ${what}`)
}

const program = Effect.gen(function*() {
  const exchange = yield* Exchange
  const ticker = yield* exchange.ticker("BTC/USDT")
  return Decimal.format(ticker.last)
})
const last = await program.pipe(
  Effect.provide(SandboxExchange.layer("binance", { seed: 42 })),
  Effect.provide(Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)),
  Effect.runPromise
)
check(DECIMAL.test(last), `Effect API ticker last is a decimal: ${last}`)
console.log(`effect api: BTC/USDT last ${last}`)

const exchange = await Promised.sandbox("binance", { seed: 42 })
const ticker = await exchange.ticker("BTC/USDT")
check(DECIMAL.test(ticker.last), `promise API ticker last is a decimal string: ${ticker.last}`)
const failure = await exchange.ticker("NOPE/USDT").catch((e) => e)
check(failure instanceof Promised.UnknownSymbol && failure.tag === "UnknownSymbol", "UnknownSymbol rejection")
await exchange.close()
console.log(`promise api: BTC/USDT last ${ticker.last}`)

const internal = await import("lotusx/kernel/RestClient").then(() => "imported", (e) => e.code)
check(internal === "ERR_PACKAGE_PATH_NOT_EXPORTED", `internal modules are not exported (got ${internal})`)
console.log("consumer: ok")
