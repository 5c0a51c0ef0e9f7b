/**
 * OKX request signing, checked against the documentation's definition and example inputs
 * (https://www.okx.com/docs-v5/en/#overview-rest-authentication-signature: timestamp
 * `2020-12-08T09:08:57.715Z`, `GET /api/v5/account/balance?ccy=BTC`, the POST body
 * `{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}`) and against a client we did not write:
 * ccxt's `okx.sign` on the same request and time.
 */
import { assert, describe, it } from "@effect/vitest"
import ccxt from "ccxt"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import * as Okx from "../../../src/venues/okx/Okx.js"
import { isoTimestamp, makeSigner, prehash, websocketLogin } from "../../../src/venues/okx/signing.js"

const credentials = {
  apiKey: Redacted.make("key-1"),
  secret: Redacted.make("22582BD0CFF14C41EDBF1AB98506286D"),
  passphrase: Redacted.make("my passphrase")
}
const at = Date.UTC(2020, 11, 8, 9, 8, 57, 715)
const reference = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("base64")

describe("OKX signing", () => {
  it("formats the timestamp as the documentation's example", () => {
    assert.strictEqual(isoTimestamp(at), "2020-12-08T09:08:57.715Z")
  })

  it("signs a GET over the path with its query", () => {
    const signed = makeSigner(credentials).sign({
      method: "GET",
      path: "/api/v5/account/balance",
      query: "ccy=BTC",
      body: "",
      timestamp: at
    })
    const text = "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC"
    assert.strictEqual(
      prehash("2020-12-08T09:08:57.715Z", {
        method: "GET",
        path: "/api/v5/account/balance",
        query: "ccy=BTC",
        body: ""
      }),
      text
    )
    assert.strictEqual(signed.headers["OK-ACCESS-SIGN"], reference("22582BD0CFF14C41EDBF1AB98506286D", text))
    assert.strictEqual(signed.headers["OK-ACCESS-KEY"], "key-1")
    assert.strictEqual(signed.headers["OK-ACCESS-PASSPHRASE"], "my passphrase")
    assert.strictEqual(signed.headers["OK-ACCESS-TIMESTAMP"], "2020-12-08T09:08:57.715Z")
    assert.strictEqual(signed.query, "ccy=BTC")
    assert.isUndefined(signed.headers["x-simulated-trading"])
  })

  it("signs a POST over its body, and marks demo trading", () => {
    const body = "{\"instId\":\"BTC-USDT\",\"lever\":\"5\",\"mgnMode\":\"isolated\"}"
    const signed = makeSigner(credentials, { simulated: true }).sign({
      method: "POST",
      path: "/api/v5/account/set-leverage",
      query: "",
      body,
      timestamp: at
    })
    assert.strictEqual(
      signed.headers["OK-ACCESS-SIGN"],
      reference("22582BD0CFF14C41EDBF1AB98506286D", `2020-12-08T09:08:57.715ZPOST/api/v5/account/set-leverage${body}`)
    )
    assert.strictEqual(signed.body, body)
    assert.strictEqual(signed.headers["x-simulated-trading"], "1")
  })

  // https://www.okx.com/docs-v5/en/#overview-transaction-timeouts: `expTime`, "Request effective
  // deadline. Unix timestamp in milliseconds", honoured by Place (multiple) orders and Amend
  // (multiple) orders.
  it("puts expTime = timestamp + the validity window on placements and amendments only", () => {
    const signer = makeSigner(credentials, { validityMs: 5_000 })
    const post = (path: string) => signer.sign({ method: "POST", path, query: "", body: "{}", timestamp: at })
    for (const path of ["/api/v5/trade/order", "/api/v5/trade/batch-orders", "/api/v5/trade/amend-order"]) {
      assert.strictEqual(post(path).headers["expTime"], String(at + 5_000), path)
    }
    assert.isUndefined(post("/api/v5/trade/cancel-order").headers["expTime"])
    const get = signer.sign({ method: "GET", path: "/api/v5/trade/order", query: "ordId=1", body: "", timestamp: at })
    assert.isUndefined(get.headers["expTime"])
    // The deadline is a header: the signature covers only timestamp + method + path + body.
    assert.strictEqual(
      post("/api/v5/trade/order").headers["OK-ACCESS-SIGN"],
      reference("22582BD0CFF14C41EDBF1AB98506286D", "2020-12-08T09:08:57.715ZPOST/api/v5/trade/order{}")
    )
  })

  it("agrees with ccxt's okx signer on a GET and a POST", () => {
    const exchange = new ccxt.okx({ apiKey: "key-1", secret: "22582BD0CFF14C41EDBF1AB98506286D", password: "pw" })
    exchange.nonce = () => at
    const signer = makeSigner({ ...credentials, passphrase: Redacted.make("pw") })
    const get = exchange.sign("account/balance", "private", "GET", { ccy: "BTC" })
    const ours = signer.sign({
      method: "GET",
      path: "/api/v5/account/balance",
      query: "ccy=BTC",
      body: "",
      timestamp: at
    })
    assert.strictEqual(ours.headers["OK-ACCESS-SIGN"], get.headers["OK-ACCESS-SIGN"])
    assert.strictEqual(ours.headers["OK-ACCESS-TIMESTAMP"], get.headers["OK-ACCESS-TIMESTAMP"])
    const post = exchange.sign("trade/cancel-order", "private", "POST", { instId: "BTC-USDT", ordId: "1" })
    const mine = signer.sign({
      method: "POST",
      path: "/api/v5/trade/cancel-order",
      query: "",
      body: post.body,
      timestamp: at
    })
    assert.strictEqual(mine.headers["OK-ACCESS-SIGN"], post.headers["OK-ACCESS-SIGN"])
  })

  it("signs the websocket login over timestamp + GET + /users/self/verify", () => {
    const login = websocketLogin(credentials, 1538054050)
    assert.strictEqual(
      login.sign,
      reference("22582BD0CFF14C41EDBF1AB98506286D", "1538054050GET/users/self/verify")
    )
    assert.strictEqual(login.timestamp, "1538054050")
  })

  it("the adapter marks demo trading (testnet) requests, and only those", () => {
    const request = { method: "GET" as const, path: "/api/v5/account/balance", query: "", body: "", timestamp: at }
    const demo = Okx.adapter.definition.signer(credentials, 5000, "testnet").sign(request)
    const real = Okx.adapter.definition.signer(credentials, 5000, "mainnet").sign(request)
    assert.strictEqual(demo.headers["x-simulated-trading"], "1")
    assert.isUndefined(real.headers["x-simulated-trading"])
    assert.strictEqual(Okx.urls.testnet.ws, "wss://wspap.okx.com:8443")
  })
})
