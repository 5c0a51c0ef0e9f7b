import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { format } from "../../src/model/Decimal.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { request, sign } from "./binanceClient.js"

const start = (options: Sandbox.Options = {}) => Sandbox.start({ seed: 7, market: { running: false }, ...options })

const limitBuy = (price: string, quantity = "0.001", extra: Record<string, string> = {}) => ({
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  quantity,
  price,
  ...extra
})

describe("Binance dialect: public endpoints", () => {
  it.scopedLive("ping, time, exchangeInfo with filters and rate limits", () =>
    Effect.gen(function*() {
      const s = yield* start()
      assert.deepStrictEqual((yield* request(s, "GET", "/api/v3/ping")).json, {})
      const time = yield* request(s, "GET", "/api/v3/time")
      assert.isTrue(Math.abs(time.json.serverTime - Date.now()) < 5000)
      const info = yield* request(s, "GET", "/api/v3/exchangeInfo")
      assert.strictEqual(info.status, 200)
      assert.strictEqual(info.headers.get("x-mbx-used-weight-1m"), "22")
      const btc = info.json.symbols.find((x: any) => x.symbol === "BTCUSDT")
      assert.deepStrictEqual(btc.orderTypes, ["LIMIT", "LIMIT_MAKER", "MARKET"])
      assert.deepStrictEqual(btc.filters.map((f: any) => f.filterType), ["PRICE_FILTER", "LOT_SIZE", "NOTIONAL"])
      assert.strictEqual(btc.filters[0].tickSize, "0.01000000")
      assert.strictEqual(btc.status, "TRADING")
      assert.strictEqual(info.json.rateLimits[0].rateLimitType, "REQUEST_WEIGHT")
      const one = yield* request(s, "GET", "/api/v3/exchangeInfo", { symbol: "ETHBTC" })
      assert.deepStrictEqual(one.json.symbols.map((x: any) => x.symbol), ["ETHBTC"])
      const bad = yield* request(s, "GET", "/api/v3/exchangeInfo", { symbol: "NOPEUSDT" })
      assert.deepStrictEqual([bad.status, bad.json], [400, { code: -1121, msg: "Invalid symbol." }])
    }))

  it.scopedLive("depth, tickers, trades, klines in Binance's shapes", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const depth = yield* request(s, "GET", "/api/v3/depth", { symbol: "BTCUSDT", limit: 5 })
      assert.strictEqual(depth.json.bids.length, 5)
      assert.isNumber(depth.json.lastUpdateId)
      assert.match(depth.json.bids[0][0], /^\d+\.\d{8}$/)
      assert.isTrue(Number(depth.json.bids[0][0]) < Number(depth.json.asks[0][0]))
      const t = yield* request(s, "GET", "/api/v3/ticker/24hr", { symbol: "BTCUSDT" })
      assert.strictEqual(t.json.symbol, "BTCUSDT")
      assert.strictEqual(t.json.bidPrice, depth.json.bids[0][0])
      assert.isTrue(t.json.count > 0)
      const all = yield* request(s, "GET", "/api/v3/ticker/24hr")
      assert.strictEqual(all.json.length, 5)
      const some = yield* request(s, "GET", "/api/v3/ticker/bookTicker", { symbols: "[\"BTCUSDT\",\"ETHUSDT\"]" })
      assert.deepStrictEqual(some.json.map((x: any) => x.symbol), ["BTCUSDT", "ETHUSDT"])
      const trades = yield* request(s, "GET", "/api/v3/trades", { symbol: "BTCUSDT", limit: 3 })
      assert.strictEqual(trades.json.length, 3)
      assert.hasAllKeys(trades.json[0], ["id", "price", "qty", "quoteQty", "time", "isBuyerMaker", "isBestMatch"])
      const klines = yield* request(s, "GET", "/api/v3/klines", { symbol: "BTCUSDT", interval: "1m", limit: 2 })
      assert.isArray(klines.json)
      assert.strictEqual(klines.json[0].length, 12)
      const badInterval = yield* request(s, "GET", "/api/v3/klines", { symbol: "BTCUSDT", interval: "7m" })
      assert.deepStrictEqual(badInterval.json, { code: -1120, msg: "Invalid interval." })
    }))

  it.scopedLive("bad input gets Binance's errors, unknown paths its 404 page", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const missing = yield* request(s, "GET", "/api/v3/depth")
      assert.deepStrictEqual(missing.json, {
        code: -1102,
        msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."
      })
      const illegal = yield* request(s, "GET", "/api/v3/depth", { symbol: "btc usdt" })
      assert.strictEqual(illegal.json.code, -1100)
      const tooBig = yield* request(s, "GET", "/api/v3/depth", { symbol: "BTCUSDT", limit: 6000 })
      assert.strictEqual(tooBig.json.code, -1102)
      const extra = yield* request(s, "GET", "/api/v3/depth", { symbol: "BTCUSDT", foo: 1 })
      assert.deepStrictEqual(extra.json, {
        code: -1104,
        msg: "Not all sent parameters were read; read '1' parameter(s) but was sent '2'."
      })
      const dup = yield* Effect.promise(() =>
        fetch(`${s.urls.binance.rest}/api/v3/depth?symbol=BTCUSDT&symbol=ETHUSDT`)
      )
      assert.deepStrictEqual(yield* Effect.promise(() => dup.json()), {
        code: -1101,
        msg: "Duplicate values for a parameter detected."
      })
      const notFound = yield* request(s, "GET", "/api/v3/nothing")
      assert.strictEqual(notFound.status, 404)
      assert.match(notFound.headers.get("content-type") ?? "", /text\/html/)
      const outside = yield* Effect.promise(() => fetch(`http://127.0.0.1:${s.port}/nowhere`))
      assert.strictEqual(outside.status, 404)
    }))
})

describe("Binance dialect: signed endpoints", () => {
  it.scopedLive("rejects missing, malformed and unknown keys; bad signatures; stale and future timestamps", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const noKey = yield* Effect.promise(() => fetch(`${s.urls.binance.rest}/api/v3/account?timestamp=${Date.now()}`))
      assert.strictEqual(noKey.status, 401)
      assert.deepStrictEqual(yield* Effect.promise(() => noKey.json()), { code: -2014, msg: "API-key format invalid." })
      const unknownKey = yield* request(s, "GET", "/api/v3/account", {}, { signed: true, apiKey: "A".repeat(64) })
      assert.deepStrictEqual([unknownKey.status, unknownKey.json], [401, {
        code: -2015,
        msg: "Invalid API-key, IP, or permissions for action."
      }])
      const badSig = yield* request(s, "GET", "/api/v3/account", {}, { signed: true, corruptSignature: true })
      assert.deepStrictEqual(badSig.json, { code: -1022, msg: "Signature for this request is not valid." })
      const wrongSecret = yield* request(s, "GET", "/api/v3/account", {}, { signed: true, secret: "x".repeat(64) })
      assert.strictEqual(wrongSecret.json.code, -1022)
      const stale = yield* request(s, "GET", "/api/v3/account", {}, { signed: true, clockOffset: -6000 })
      assert.deepStrictEqual(stale.json, {
        code: -1021,
        msg: "Timestamp for this request is outside of the recvWindow."
      })
      const widerWindow = yield* request(s, "GET", "/api/v3/account", { recvWindow: 10000 }, {
        signed: true,
        clockOffset: -6000
      })
      assert.strictEqual(widerWindow.status, 200)
      const ahead = yield* request(s, "GET", "/api/v3/account", {}, { signed: true, clockOffset: 3000 })
      assert.deepStrictEqual(ahead.json, {
        code: -1021,
        msg: "Timestamp for this request was 1000ms ahead of the server's time."
      })
      const hugeWindow = yield* request(s, "GET", "/api/v3/account", { recvWindow: 70000 }, { signed: true })
      assert.strictEqual(hugeWindow.json.code, -1102)
      const noTimestamp = yield* Effect.promise(() =>
        fetch(`${s.urls.binance.rest}/api/v3/account`, { headers: { "X-MBX-APIKEY": s.credentials.binance.apiKey } })
      )
      assert.strictEqual((yield* Effect.promise((): Promise<any> => noTimestamp.json())).code, -1102)
    }))

  it.scopedLive("signature over query string + body, as received", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const secret = Redacted.value(s.credentials.binance.secret)
      const query = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
      const body = `quantity=0.001&price=30000&timestamp=${Date.now()}`
      const signature = sign(secret, query + body)
      const res = yield* Effect.promise(() =>
        fetch(`${s.urls.binance.rest}/api/v3/order?${query}`, {
          method: "POST",
          headers: {
            "X-MBX-APIKEY": s.credentials.binance.apiKey,
            "Content-Type": "application/x-www-form-urlencoded"
          },
          body: `${body}&signature=${signature}`
        })
      )
      const json = yield* Effect.promise((): Promise<any> => res.json())
      assert.strictEqual(res.status, 200)
      assert.strictEqual(json.status, "NEW")
      const inBody = yield* request(s, "POST", "/api/v3/order", limitBuy("30000"), { signed: true, inBody: true })
      assert.strictEqual(inBody.json.status, "NEW")
      assert.strictEqual((yield* s.ledger.openOrders()).length, 2)
    }))

  it.scopedLive("order lifecycle: place, query by id and client id, open orders, cancel, balances", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const placed = yield* request(
        s,
        "POST",
        "/api/v3/order",
        limitBuy("30000", "0.01", { newClientOrderId: "my-1" }),
        {
          signed: true
        }
      )
      assert.strictEqual(placed.status, 200)
      assert.strictEqual(placed.json.clientOrderId, "my-1")
      assert.deepStrictEqual(placed.json.fills, [])
      assert.strictEqual(placed.headers.get("x-mbx-order-count-10s"), "1")
      const usdt = yield* s.ledger.balance("USDT")
      assert.deepStrictEqual([format(usdt.free), format(usdt.locked)], ["99700", "300"])
      const byId = yield* request(s, "GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: placed.json.orderId }, {
        signed: true
      })
      assert.strictEqual(byId.json.status, "NEW")
      assert.strictEqual(byId.json.origQty, "0.01000000")
      const byClient = yield* request(s, "GET", "/api/v3/order", { symbol: "BTCUSDT", origClientOrderId: "my-1" }, {
        signed: true
      })
      assert.strictEqual(byClient.json.orderId, placed.json.orderId)
      const dup = yield* request(s, "POST", "/api/v3/order", limitBuy("30000", "0.01", { newClientOrderId: "my-1" }), {
        signed: true
      })
      assert.deepStrictEqual(dup.json, { code: -2010, msg: "Duplicate order sent." })
      const open = yield* request(s, "GET", "/api/v3/openOrders", { symbol: "BTCUSDT" }, { signed: true })
      assert.strictEqual(open.json.length, 1)
      const canceled = yield* request(s, "DELETE", "/api/v3/order", { symbol: "BTCUSDT", origClientOrderId: "my-1" }, {
        signed: true
      })
      assert.strictEqual(canceled.json.status, "CANCELED")
      assert.strictEqual(canceled.json.origClientOrderId, "my-1")
      const again = yield* request(s, "DELETE", "/api/v3/order", { symbol: "BTCUSDT", orderId: placed.json.orderId }, {
        signed: true
      })
      assert.deepStrictEqual(again.json, { code: -2011, msg: "Unknown order sent." })
      const missing = yield* request(s, "GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: 999999 }, {
        signed: true
      })
      assert.deepStrictEqual(missing.json, { code: -2013, msg: "Order does not exist." })
      const neither = yield* request(s, "GET", "/api/v3/order", { symbol: "BTCUSDT" }, { signed: true })
      assert.deepStrictEqual(neither.json, {
        code: -1102,
        msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"
      })
      const account = yield* request(s, "GET", "/api/v3/account", {}, { signed: true })
      const balance = account.json.balances.find((b: any) => b.asset === "USDT")
      assert.deepStrictEqual(balance, { asset: "USDT", free: "100000.00000000", locked: "0.00000000" })
      const none = yield* request(s, "DELETE", "/api/v3/openOrders", { symbol: "BTCUSDT" }, { signed: true })
      assert.deepStrictEqual(none.json, { code: -2011, msg: "Unknown order sent." })
    }))

  it.scopedLive("filters, post-only, insufficient balance, market orders, myTrades", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const post = (params: Record<string, string>) => request(s, "POST", "/api/v3/order", params, { signed: true })
      assert.deepStrictEqual((yield* post(limitBuy("30000.001"))).json, {
        code: -1013,
        msg: "Filter failure: PRICE_FILTER"
      })
      assert.deepStrictEqual((yield* post(limitBuy("30000.000000001"))).json, {
        code: -1111,
        msg: "Parameter 'price' has too much precision."
      })
      assert.deepStrictEqual((yield* post(limitBuy("30000.01", "0.000001"))).json, {
        code: -1013,
        msg: "Filter failure: LOT_SIZE"
      })
      assert.deepStrictEqual((yield* post(limitBuy("100", "0.001"))).json, {
        code: -1013,
        msg: "Filter failure: NOTIONAL"
      })
      assert.deepStrictEqual((yield* post(limitBuy("30000", "5"))).json, {
        code: -2010,
        msg: "Account has insufficient balance for requested action."
      })
      assert.deepStrictEqual((yield* post(limitBuy("abc"))).json, {
        code: -1100,
        msg: "Illegal characters found in parameter 'price'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'."
      })
      assert.deepStrictEqual((yield* post({ ...limitBuy("30000"), side: "UP" })).json, {
        code: -1117,
        msg: "Invalid side."
      })
      assert.deepStrictEqual((yield* post({ ...limitBuy("30000"), type: "WEIRD" })).json, {
        code: -1116,
        msg: "Invalid orderType."
      })
      assert.deepStrictEqual((yield* post({ ...limitBuy("30000"), timeInForce: "GTD" })).json, {
        code: -1115,
        msg: "Invalid timeInForce."
      })
      const { timeInForce: _, ...noTif } = limitBuy("30000")
      assert.strictEqual((yield* post(noTif)).json.code, -1102)
      const ask = s.engine.bestAsk("BTCUSDT")!
      const crossing = yield* post({
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT_MAKER",
        quantity: "0.001",
        price: format(ask.price)
      })
      assert.deepStrictEqual(crossing.json, { code: -2010, msg: "Order would immediately match and take." })
      assert.deepStrictEqual((yield* post({ ...limitBuy("30000"), type: "LIMIT_MAKER" })).json, {
        code: -1106,
        msg: "Parameter 'timeInForce' sent when not required."
      })
      const maker = yield* post({
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT_MAKER",
        quantity: "0.001",
        price: "30000"
      })
      assert.hasAllKeys(maker.json, ["symbol", "orderId", "orderListId", "clientOrderId", "transactTime"])
      const closed = yield* post({ ...limitBuy("50"), symbol: "LTCUSDT", quantity: "1" })
      assert.deepStrictEqual(closed.json, { code: -2010, msg: "Market is closed." })
      const market = yield* post({ symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.001" })
      assert.strictEqual(market.json.status, "FILLED")
      assert.isAbove(market.json.fills.length, 0)
      assert.strictEqual(market.json.fills[0].commissionAsset, "BTC")
      const neither = yield* post({ symbol: "BTCUSDT", side: "BUY", type: "MARKET" })
      assert.deepStrictEqual(neither.json, {
        code: -1102,
        msg: "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"
      })
      const ioc = yield* post({ ...limitBuy("30000"), timeInForce: "IOC" })
      assert.strictEqual(ioc.json.status, "EXPIRED")
      const test = yield* request(s, "POST", "/api/v3/order/test", limitBuy("30000", "5"), { signed: true })
      assert.deepStrictEqual(test.json, {})
      const testBad = yield* request(s, "POST", "/api/v3/order/test", limitBuy("30000.1", "0.0000001"), {
        signed: true
      })
      assert.deepStrictEqual(testBad.json, { code: -1013, msg: "Filter failure: LOT_SIZE" })
      const trades = yield* request(s, "GET", "/api/v3/myTrades", { symbol: "BTCUSDT" }, { signed: true })
      assert.strictEqual(trades.json.length, market.json.fills.length)
      assert.strictEqual(trades.json[0].isBuyer, true)
      assert.strictEqual(trades.json[0].isMaker, false)
      // nothing rejected above reached the ledger
      const orders = yield* s.ledger.orders()
      assert.deepStrictEqual(orders.map((o) => o.status), ["new", "filled", "expired"])
    }))

  it.scopedLive("quoteOrderQty market orders, commission rates on order/test, cancel restrictions, allOrders", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const byQuote = yield* request(s, "POST", "/api/v3/order", {
        symbol: "ETHUSDT",
        side: "BUY",
        type: "MARKET",
        quoteOrderQty: "100",
        newOrderRespType: "RESULT"
      }, { signed: true })
      assert.strictEqual(byQuote.json.status, "FILLED")
      assert.strictEqual(byQuote.json.origQuoteOrderQty, "100.00000000")
      assert.isAtMost(Number(byQuote.json.cummulativeQuoteQty), 100)
      assert.isUndefined(byQuote.json.fills)
      const rates = yield* request(s, "POST", "/api/v3/order/test", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        timeInForce: "GTC",
        quantity: "0.001",
        price: "30000",
        computeCommissionRates: "true"
      }, { signed: true })
      assert.deepStrictEqual(rates.json.standardCommissionForOrder, { maker: "0.00100000", taker: "0.00100000" })
      const resting = yield* request(s, "POST", "/api/v3/order", limitBuy("30000"), { signed: true })
      const restricted = yield* request(s, "DELETE", "/api/v3/order", {
        symbol: "BTCUSDT",
        orderId: resting.json.orderId,
        cancelRestrictions: "ONLY_PARTIALLY_FILLED"
      }, { signed: true })
      assert.deepStrictEqual(restricted.json, {
        code: -2011,
        msg: "Order was not canceled due to cancel restrictions."
      })
      const all = yield* request(s, "DELETE", "/api/v3/openOrders", { symbol: "BTCUSDT" }, { signed: true })
      assert.deepStrictEqual(all.json.map((o: any) => o.status), ["CANCELED"])
      const history = yield* request(s, "GET", "/api/v3/allOrders", { symbol: "BTCUSDT" }, { signed: true })
      assert.deepStrictEqual(history.json.map((o: any) => o.status), ["CANCELED"])
    }))

  it.scopedLive("request weight: X-MBX-USED-WEIGHT-1M, then 429 with Retry-After, then a 418 ban", () =>
    Effect.gen(function*() {
      const s = yield* start({ binance: { rateLimits: { weightPerMinute: 50, banAfter: 1, banSeconds: 120 } } })
      const info = yield* request(s, "GET", "/api/v3/exchangeInfo")
      assert.strictEqual(info.headers.get("x-mbx-used-weight-1m"), "20")
      yield* request(s, "GET", "/api/v3/exchangeInfo")
      const limited = yield* request(s, "GET", "/api/v3/exchangeInfo")
      assert.strictEqual(limited.status, 429)
      assert.strictEqual(limited.json.code, -1003)
      assert.match(limited.json.msg, /^Too much request weight used; current limit is 50 request weight per 1 MINUTE\./)
      assert.isTrue(Number(limited.headers.get("retry-after")) >= 1)
      const banned = yield* request(s, "GET", "/api/v3/ping")
      assert.strictEqual(banned.status, 418)
      assert.match(banned.json.msg, /^Way too much request weight used; IP banned until \d+\./)
      assert.strictEqual(banned.headers.get("retry-after"), "120")
      const still = yield* request(s, "GET", "/api/v3/ping")
      assert.strictEqual(still.status, 418)
    }))

  it.scopedLive("an extra account with its own key; a key of one account sees only its orders", () =>
    Effect.gen(function*() {
      const s = yield* start()
      const other = yield* s.ledger.createAccount({ USDT: "10" })
      const poor = yield* request(s, "POST", "/api/v3/order", limitBuy("30000"), {
        signed: true,
        apiKey: other.apiKey,
        secret: Redacted.value(other.secret)
      })
      assert.strictEqual(poor.json.msg, "Account has insufficient balance for requested action.")
      yield* request(s, "POST", "/api/v3/order", limitBuy("30000"), { signed: true })
      const theirs = yield* request(s, "GET", "/api/v3/openOrders", {}, {
        signed: true,
        apiKey: other.apiKey,
        secret: Redacted.value(other.secret)
      })
      assert.deepStrictEqual(theirs.json, [])
    }))
})
