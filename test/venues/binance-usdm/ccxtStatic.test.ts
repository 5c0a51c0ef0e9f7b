/**
 * ccxt's static request fixture for USDⓈ-M (test/fixtures/ccxt-static/request/binanceusdm.json):
 * for every case, the connector's own request builders produce the same method, path and
 * parameters, ignoring the fixture's skipKeys and the signing parameters (`timestamp`,
 * `recvWindow`, `signature`, which the signer adds; checked separately).
 *
 * Known difference: ccxt spells the DELETE batchOrders lists in lower case (`orderidlist`,
 * `origclientorderidlist`, built by hand in its `sign`); LotusX uses the documented names
 * `orderIdList` / `origClientOrderIdList`
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Cancel-Multiple-Orders),
 * so parameter names are compared case-insensitively. ccxt calls `fapiPrivateDeleteBatchOrders`:
 * the fixture's URL is a DELETE.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { readFileSync } from "node:fs"
import { encodeParams } from "../../../src/kernel/RestClient.js"
import * as Decimal from "../../../src/model/Decimal.js"
import type { Market } from "../../../src/model/Market.js"
import { Endpoints } from "../../../src/venues/binance/BinanceUsdm.js"
import * as Trading from "../../../src/venues/binance/orders.js"
import { makeSigner } from "../../../src/venues/binance/signing.js"

interface Case {
  readonly description: string
  readonly method: string
  readonly url: string
  readonly input: ReadonlyArray<unknown>
}
const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/ccxt-static/request/binanceusdm.json", import.meta.url), "utf8")
) as { skipKeys: ReadonlyArray<string>; methods: Record<string, ReadonlyArray<Case>> }
const skip = new Set([...fixture.skipKeys, "timestamp", "recvWindow", "signature"].map((k) => k.toLowerCase()))

const d = Decimal.unsafe
const markets: ReadonlyArray<Market> = ["BTC", "ETH"].map((base) => ({
  venue: "binance-usdm",
  symbol: `${base}USDT`,
  unified: `${base}/USDT:USDT`,
  base,
  quote: "USDT",
  settle: "USDT",
  type: "perp",
  status: "trading",
  tickSize: d("0.01"),
  lotStep: d("0.001"),
  minQuantity: d("0.001"),
  contractSize: d("1")
}))
const market = (unified: string) => markets.find((m) => m.unified === unified)!

type Built = { readonly method: string; readonly path: string; readonly params: Readonly<Record<string, string>> }

/** Our request for a ccxt unified call, through the connector's request builders. */
const builders: Record<string, (input: ReadonlyArray<unknown>) => Built> = {
  cancelOrders: (input) => {
    const [ids, symbol, params] = input as [ReadonlyArray<string>, string, { clientOrderIds?: ReadonlyArray<string> }]
    const m = market(symbol)
    const refs = params.clientOrderIds !== undefined && params.clientOrderIds.length > 0
      ? { clientOrderIds: params.clientOrderIds }
      : { ids }
    return {
      method: Endpoints.cancelBatch.method,
      path: Endpoints.cancelBatch.path,
      params: Trading.batchCancelParams(m, refs)
    }
  }
}
const ccxtHttpMethod: Record<string, string> = { cancelOrders: "DELETE" }

const lower = (params: Iterable<readonly [string, string]>) =>
  Object.fromEntries([...params].filter(([k]) => !skip.has(k.toLowerCase())).map(([k, v]) => [k.toLowerCase(), v]))

describe("ccxt static request fixtures: binanceusdm", () => {
  for (const [method, cases] of Object.entries(fixture.methods)) {
    for (const c of cases) {
      it(`${method}: ${c.description}`, () => {
        const build = builders[method]
        assert.isDefined(build, `no builder for ${method}`)
        const ours = build!(c.input)
        const url = new URL(c.url)
        assert.strictEqual(ours.method, ccxtHttpMethod[method])
        assert.strictEqual(ours.path, url.pathname)
        assert.deepStrictEqual(lower(Object.entries(ours.params)), lower(url.searchParams.entries()))
      })
    }
  }

  it("the signer adds exactly the skipped signing parameters, last", () => {
    const built = builders.cancelOrders!(fixture.methods.cancelOrders![0]!.input)
    const signer = makeSigner({ apiKey: Redacted.make("k"), secret: Redacted.make("s") }, 10000)
    const signed = signer.sign({
      method: "DELETE",
      path: built.path,
      query: encodeParams(built.params),
      body: "",
      timestamp: 1756029958875
    })
    const names = [...new URLSearchParams(signed.query).keys()]
    assert.deepStrictEqual(names, ["symbol", "origClientOrderIdList", "recvWindow", "timestamp", "signature"])
    const fixtureNames = [...new URL(fixture.methods.cancelOrders![0]!.url).searchParams.keys()].map((k) =>
      k.toLowerCase()
    )
    assert.sameMembers(names.map((k) => k.toLowerCase()), fixtureNames)
    assert.strictEqual(signed.headers["X-MBX-APIKEY"], "k")
  })
})
