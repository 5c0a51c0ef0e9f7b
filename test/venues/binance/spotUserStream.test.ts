/**
 * Binance Spot user data stream (WebSocket API) codecs, from the official documentation's examples
 * (https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream and
 * …/websocket-api/user-data-stream-requests, …/websocket-api/request-security), read 2026-12-06.
 * The trade is the documented `executionReport` with the documented fields of an execution.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import * as Decimal from "../../../src/model/Decimal.js"
import { makeMarkets, type Market } from "../../../src/model/Market.js"
import * as UserStream from "../../../src/venues/binance/spotUserStream.js"

const d = Decimal.unsafe
const ethbtc: Market = {
  venue: "binance",
  symbol: "ETHBTC",
  unified: "ETH/BTC",
  base: "ETH",
  quote: "BTC",
  type: "spot",
  status: "trading",
  tickSize: d("0.00001"),
  lotStep: d("0.0001"),
  minQuantity: d("0.0001"),
  contractSize: d("1")
}
const markets = makeMarkets("binance", [ethbtc])
const fmt = Decimal.format

const report = {
  e: "executionReport",
  E: 1499405658658,
  s: "ETHBTC",
  c: "mUvoqJxFIILMdfAW5iGSOW",
  S: "BUY",
  o: "LIMIT",
  f: "GTC",
  q: "1.00000000",
  p: "0.10264410",
  P: "0.00000000",
  F: "0.00000000",
  g: -1,
  C: "",
  x: "NEW",
  X: "NEW",
  r: "NONE",
  i: 4293153,
  l: "0.00000000",
  z: "0.00000000",
  L: "0.00000000",
  n: "0",
  N: null,
  T: 1499405658657,
  t: -1,
  v: 3,
  I: 8641984,
  w: true,
  m: false,
  M: false,
  O: 1499405658657,
  Z: "0.00000000",
  Y: "0.00000000",
  Q: "0.00000000",
  W: 1499405658657,
  V: "NONE"
}

describe("Binance Spot user data stream", () => {
  it("the login: userDataStream.subscribe.signature signed over apiKey and timestamp (the documented HMAC example key)", () => {
    // https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/request-security: the
    // signature is HMAC-SHA256 hex of the parameters sorted by name, as a query string.
    const p = UserStream.subscribeParams({
      apiKey: Redacted.make("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"),
      secret: Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
    }, 1645423376532)
    assert.strictEqual(p.apiKey, "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A")
    const payload = "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&timestamp=1645423376532"
    assert.strictEqual(
      p.signature,
      createHmac("sha256", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j").update(payload).digest(
        "hex"
      )
    )
    const ok = UserStream.decode(
      { id: "lotusx-user-data-subscribe", status: 200, result: { subscriptionId: 0 } },
      markets
    )
    assert.strictEqual(ok._tag, "LoggedIn")
    const bad = UserStream.decode({
      id: "lotusx-user-data-subscribe",
      status: 400,
      error: { code: -1022, msg: "Signature for this request is not valid." }
    }, markets)
    assert.strictEqual(bad._tag, "Refused")
    assert.strictEqual(UserStream.decode({ id: "ping-1", status: 200, result: {} }, markets)._tag, "Control")
  })

  it("executionReport NEW → the order; TRADE → the fill, then the order", () => {
    const created = UserStream.decode({ subscriptionId: 0, event: report }, markets)
    if (created._tag !== "Events") return assert.fail(JSON.stringify(created))
    assert.deepStrictEqual(created.events.map((e) => e._tag), ["Order"])
    const o = created.events[0]!
    if (o._tag !== "Order") return
    assert.strictEqual(o.order.id, "4293153")
    assert.strictEqual(o.order.status, "open")
    assert.strictEqual(fmt(o.order.price!), "0.1026441")

    const traded = UserStream.decode({
      subscriptionId: 0,
      event: {
        ...report,
        x: "TRADE",
        X: "PARTIALLY_FILLED",
        l: "0.40000000",
        z: "0.40000000",
        L: "0.10264410",
        n: "0.00040000",
        N: "ETH",
        t: 1234,
        m: true,
        Z: "0.04105764"
      }
    }, markets)
    if (traded._tag !== "Events") return assert.fail(JSON.stringify(traded))
    assert.deepStrictEqual(traded.events.map((e) => e._tag), ["Fill", "Order"])
    const f = traded.events[0]!
    if (f._tag !== "Fill") return
    assert.strictEqual(f.fill.id, "1234")
    assert.strictEqual(fmt(f.fill.fee), "0.0004")
    assert.strictEqual(f.fill.feeAsset, "ETH")
    assert.isTrue(f.fill.maker)
  })

  it("a cancel carries the order's own client id in C", () => {
    const r = UserStream.decode({
      subscriptionId: 0,
      event: { ...report, x: "CANCELED", X: "CANCELED", c: "cancelRequestId", C: "mUvoqJxFIILMdfAW5iGSOW" }
    }, markets)
    if (r._tag !== "Events") return assert.fail(JSON.stringify(r))
    const o = r.events[0]!
    if (o._tag !== "Order") return
    assert.strictEqual(o.order.status, "canceled")
    assert.strictEqual(o.order.clientOrderId, "mUvoqJxFIILMdfAW5iGSOW")
  })

  it("outboundAccountPosition → balances; balanceUpdate → read again; eventStreamTerminated → reconnect", () => {
    const r = UserStream.decode({
      subscriptionId: 0,
      event: {
        e: "outboundAccountPosition",
        E: 1564034571105,
        u: 1564034571073,
        B: [{ a: "ETH", f: "10000.000000", l: "0.000000" }]
      }
    }, markets)
    if (r._tag !== "Events") return assert.fail(JSON.stringify(r))
    const b = r.events[0]!
    if (b._tag !== "Balances") return assert.fail("balances")
    assert.deepStrictEqual(b.balances.map((x) => [x.asset, fmt(x.total)]), [["ETH", "10000"]])
    const delta = UserStream.decode({
      subscriptionId: 0,
      event: { e: "balanceUpdate", E: 1573200697110, a: "BTC", d: "100.00000000", T: 1573200697068 }
    }, markets)
    if (delta._tag !== "Events") return assert.fail(JSON.stringify(delta))
    assert.strictEqual(delta.events[0]!._tag, "BalancesChanged")
    const ended = UserStream.decode(
      { subscriptionId: 0, event: { e: "eventStreamTerminated", E: 1728973001334 } },
      markets
    )
    assert.strictEqual(ended._tag, "Terminated")
  })
})
