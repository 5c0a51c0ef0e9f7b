import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { hmacSha256 } from "../../../src/kernel/Signer.js"
import { queryHmacSigner } from "../../../src/venues/binance/signing.js"

// The worked examples of Binance's "SIGNED endpoint examples for POST /api/v3/order - HMAC Keys":
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
const apiKey = Redacted.make("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A")
const secret = Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
const signer = queryHmacSigner({ apiKey, secret, apiKeyHeader: "X-MBX-APIKEY", recvWindowMs: 5000 })
const timestamp = 1499827319559

describe("queryHmacSigner (Binance's documented examples)", () => {
  it("example 1: all parameters in the query string", () => {
    const signed = signer.sign({
      method: "POST",
      path: "/api/v3/order",
      query: "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1",
      body: "",
      timestamp
    })
    assert.strictEqual(
      signed.query,
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559" +
        "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    )
    assert.deepStrictEqual(signed.headers, { "X-MBX-APIKEY": Redacted.value(apiKey) })
  })

  it("example 2: all parameters in the body", () => {
    const signed = signer.sign({
      method: "POST",
      path: "/api/v3/order",
      query: "",
      body: "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1",
      timestamp
    })
    assert.strictEqual(signed.query, "")
    assert.isTrue(signed.body.endsWith("&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"))
  })

  it("example 3: mixed query string and body", () => {
    const signed = signer.sign({
      method: "POST",
      path: "/api/v3/order",
      query: "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
      body: "quantity=1&price=0.1",
      timestamp
    })
    assert.strictEqual(
      signed.body,
      "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559" +
        "&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77"
    )
  })

  it("hmacSha256 keeps the secret out of its own string form", () => {
    assert.notInclude(String(secret), "NhqPtm")
    assert.strictEqual(hmacSha256(secret).hex("").length, 64)
  })
})
