import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import type { Sandbox } from "../../src/sandbox/Sandbox.js"
import * as SandboxModule from "../../src/sandbox/Sandbox.js"
import { request as spotRequest } from "./binanceClient.js"

const call = (
  sandbox: Sandbox,
  method: string,
  path: string,
  params: Record<string, string | number> = {},
  signed = false
) =>
  Effect.promise(async () => {
    const entries: Array<[string, string]> = Object.entries(params).map(([k, v]) => [k, String(v)])
    if (signed) entries.push(["timestamp", String(Date.now())])
    let payload = new URLSearchParams(entries).toString()
    const creds = sandbox.credentials["binance-usdm"]
    if (signed) {
      const sig = createHmac("sha256", Redacted.value(creds.secret)).update(payload).digest("hex")
      payload += `${payload === "" ? "" : "&"}signature=${sig}`
    }
    const res = await fetch(`${sandbox.urls["binance-usdm"].rest}${path}${payload === "" ? "" : `?${payload}`}`, {
      method,
      headers: signed ? { "X-MBX-APIKEY": creds.apiKey } : {}
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, json: JSON.parse(text) as any }
  })

const withSandbox = <A, E>(f: (s: Sandbox) => Effect.Effect<A, E>) =>
  Effect.scoped(Effect.flatMap(SandboxModule.start({ seed: 11, market: { running: false } }), f))

describe("Binance USDⓈ-M dialect", () => {
  it.live("public endpoints: time, exchangeInfo filters, depth with E/T, premiumIndex, fundingRate", () =>
    withSandbox((s) =>
      Effect.gen(function*() {
        const time = yield* call(s, "GET", "/fapi/v1/time")
        assert.isNumber(time.json.serverTime)
        assert.isDefined(time.headers.get("x-mbx-used-weight-1m"))
        const info = yield* call(s, "GET", "/fapi/v1/exchangeInfo")
        const btc = info.json.symbols.find((x: any) => x.symbol === "BTCUSDT")
        assert.strictEqual(btc.contractType, "PERPETUAL")
        assert.strictEqual(btc.marginAsset, "USDT")
        assert.deepStrictEqual(
          btc.filters.map((f: any) => f.filterType).slice(0, 3),
          ["PRICE_FILTER", "LOT_SIZE", "MARKET_LOT_SIZE"]
        )
        assert.strictEqual(btc.filters.find((f: any) => f.filterType === "MIN_NOTIONAL").notional, "100")
        const depth = yield* call(s, "GET", "/fapi/v1/depth", { symbol: "BTCUSDT", limit: 5 })
        assert.isNumber(depth.json.E)
        assert.isNumber(depth.json.T)
        assert.strictEqual(depth.json.bids.length, 5)
        const premium = yield* call(s, "GET", "/fapi/v1/premiumIndex", { symbol: "BTCUSDT" })
        assert.isString(premium.json.lastFundingRate)
        assert.isNumber(premium.json.nextFundingTime)
        const history = yield* call(s, "GET", "/fapi/v1/fundingRate", { symbol: "BTCUSDT", limit: 5 })
        assert.strictEqual(history.json.length, 5)
        const bad = yield* call(s, "GET", "/fapi/v1/depth", { symbol: "NOPE" })
        assert.deepStrictEqual(bad.json, { code: -1121, msg: "Invalid symbol." })
      })
    ))

  it.live("orders: GTX rejection, reduce-only rejection, fill → position, amend, batch, margin", () =>
    withSandbox((s) =>
      Effect.gen(function*() {
        const book = yield* call(s, "GET", "/fapi/v1/depth", { symbol: "BTCUSDT", limit: 5 })
        const ask = book.json.asks[0][0]
        const gtx = yield* call(s, "POST", "/fapi/v1/order", {
          symbol: "BTCUSDT",
          side: "BUY",
          type: "LIMIT",
          timeInForce: "GTX",
          quantity: "0.01",
          price: ask
        }, true)
        assert.strictEqual(gtx.json.code, -5022)
        const ro = yield* call(s, "POST", "/fapi/v1/order", {
          symbol: "BTCUSDT",
          side: "SELL",
          type: "MARKET",
          quantity: "0.01",
          reduceOnly: "true"
        }, true)
        assert.strictEqual(ro.json.code, -2022)
        const buy = yield* call(s, "POST", "/fapi/v1/order", {
          symbol: "BTCUSDT",
          side: "BUY",
          type: "MARKET",
          quantity: "0.01"
        }, true)
        assert.strictEqual(buy.json.status, "FILLED")
        const risk = yield* call(s, "GET", "/fapi/v2/positionRisk", { symbol: "BTCUSDT" }, true)
        assert.strictEqual(risk.json[0].positionAmt, "0.010")
        const rest = yield* call(s, "POST", "/fapi/v1/order", {
          symbol: "BTCUSDT",
          side: "BUY",
          type: "LIMIT",
          timeInForce: "GTC",
          quantity: "0.01",
          price: "30000",
          newClientOrderId: "amend-me"
        }, true)
        const amended = yield* call(s, "PUT", "/fapi/v1/order", {
          symbol: "BTCUSDT",
          origClientOrderId: "amend-me",
          side: "BUY",
          quantity: "0.02",
          price: "30001"
        }, true)
        assert.strictEqual(amended.json.orderId, rest.json.orderId)
        assert.strictEqual(amended.json.price, "30001.0")
        const batch = yield* call(s, "POST", "/fapi/v1/batchOrders", {
          batchOrders: JSON.stringify([
            { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC", quantity: "0.01", price: "30000" },
            { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC", quantity: "0.01", price: "30000.05" }
          ])
        }, true)
        assert.strictEqual(batch.json[0].status, "NEW")
        assert.strictEqual(batch.json[1].code, -4014)
        const cancel = yield* call(s, "DELETE", "/fapi/v1/batchOrders", {
          symbol: "BTCUSDT",
          orderIdList: JSON.stringify([batch.json[0].orderId, 999999])
        }, true)
        assert.strictEqual(cancel.json[0].status, "CANCELED")
        assert.strictEqual(cancel.json[1].code, -2011)
        const account = yield* call(s, "GET", "/fapi/v2/account", {}, true)
        assert.isTrue(account.json.canTrade)
        const balance = yield* call(s, "GET", "/fapi/v2/balance", {}, true)
        assert.strictEqual(balance.json[0].asset, "USDT")
        const poor = yield* call(s, "POST", "/fapi/v1/order", {
          symbol: "BTCUSDT",
          side: "BUY",
          type: "LIMIT",
          timeInForce: "GTC",
          quantity: "900",
          price: "30000"
        }, true)
        assert.strictEqual(poor.json.code, -2019)
      })
    ))

  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#current-open-orders-user_data
  // ("Get all open orders on a symbol"; without `symbol`, the account's spot orders) and
  // https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Current-All-Open-Orders:
  // one sandbox account holds both, and each product lists only its own.
  it.live("open orders without `symbol`: Spot lists only spot orders, USDⓈ-M only perpetual orders", () =>
    withSandbox((s) =>
      Effect.gen(function*() {
        const order = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC", quantity: "0.01" }
        const perp = yield* call(s, "POST", "/fapi/v1/order", { ...order, price: "30000" }, true)
        const spot = yield* spotRequest(s, "POST", "/api/v3/order", { ...order, price: "30000" }, { signed: true })
        assert.strictEqual(perp.json.status, "NEW")
        assert.strictEqual(spot.json.status, "NEW")
        assert.strictEqual((yield* s.ledger.openOrders()).length, 2)
        const spotOpen = yield* spotRequest(s, "GET", "/api/v3/openOrders", {}, { signed: true })
        assert.deepStrictEqual(spotOpen.json.map((o: any) => [o.symbol, o.orderId]), [["BTCUSDT", spot.json.orderId]])
        const perpOpen = yield* call(s, "GET", "/fapi/v1/openOrders", {}, true)
        assert.deepStrictEqual(perpOpen.json.map((o: any) => [o.symbol, o.orderId]), [["BTCUSDT", perp.json.orderId]])
      })
    ))
})
