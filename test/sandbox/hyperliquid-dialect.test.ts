/**
 * The sandbox's Hyperliquid dialect over real HTTP and websocket: signer recovery (checked on the
 * official Python SDK's published signature vectors), agent approval, nonce rules, the venue's
 * answer shapes for accepted actions, per-order errors from its error table, `/info` requests, the
 * `/ws` protocol and fault rules.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import WebSocket from "ws"
import * as Decimal from "../../src/model/Decimal.js"
import { connectionId, digest, recoverAddress } from "../../src/sandbox/dialects/hyperliquid/auth.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Signing from "../../src/venues/hyperliquid/signing.js"

describe("Hyperliquid dialect: signer recovery", () => {
  it("recovers the SDK test key's address from the SDK's published signatures", () => {
    // tests/signing_test.py: key 0x0123…0123 signs {"type":"dummy","num":100000000000} at nonce 0
    const key = Either.getOrThrow(
      Signing.privateKeyBytes(Redacted.make("0x0123456789012345678901234567890123456789012345678901234567890123"))
    )
    const expected = Signing.addressOf(key)
    assert.strictEqual(expected, "0x14791697260e4c9a71f18484c9f997b308e59325")
    const action = { type: "dummy", num: 100000000000 }
    const mainnet = recoverAddress(digest("a", connectionId(action, 0, undefined, undefined)), {
      r: "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
      s: "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8",
      v: 27
    })
    assert.strictEqual(mainnet, expected)
    const vault = recoverAddress(
      digest("b", connectionId(action, 0, "0x1719884eb866cb12b2287399b15f7db5e7d775ea", undefined)),
      {
        r: "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b",
        s: "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60",
        v: 27
      }
    )
    assert.strictEqual(vault, expected)
    // the same signature over the other network's agent is someone else's
    const wrongSource = recoverAddress(digest("b", connectionId(action, 0, undefined, undefined)), {
      r: "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
      s: "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8",
      v: 27
    })
    assert.notStrictEqual(wrongSource, expected)
  })
})

const post = (url: string, body: unknown) =>
  Effect.promise(async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    })
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, text, json: json as any }
  })

const setup = (seed: number) =>
  Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({ seed, venues: ["hyperliquid"], market: { running: false } })
    const c = sandbox.credentials.hyperliquid
    const key = Either.getOrThrow(Signing.privateKeyBytes(c.secret))
    const base = sandbox.urls.hyperliquid.rest
    const info = (body: unknown) => post(`${base}/info`, body)
    const signed = (action: unknown, nonce: number, signingKey = key, extra: Record<string, unknown> = {}) =>
      post(`${base}/exchange`, {
        action,
        nonce,
        signature: Signing.signL1Action(signingKey, { action, nonce, source: "b", ...extra }),
        ...extra
      })
    return { sandbox, address: c.address!, agent: c.apiKey, key, base, info, signed }
  })

const order = (a: number, b: boolean, p: string, s: string, tif: string, extra: Record<string, unknown> = {}) => ({
  a,
  b,
  p,
  s,
  r: false,
  t: { limit: { tif } },
  ...extra
})
const place = (...orders: ReadonlyArray<unknown>) => ({ type: "order", orders, grouping: "na" })

describe("Hyperliquid dialect over HTTP", () => {
  it.scopedLive("issues an approved agent; userRole and extraAgents say so", () =>
    Effect.gen(function*() {
      const { address, agent, info, key } = yield* setup(1)
      assert.strictEqual(Signing.addressOf(key), agent)
      assert.deepStrictEqual((yield* info({ type: "userRole", user: address })).json, { role: "user" })
      assert.deepStrictEqual((yield* info({ type: "userRole", user: agent })).json, {
        role: "agent",
        data: { user: address }
      })
      const agents = (yield* info({ type: "extraAgents", user: address })).json
      assert.strictEqual(agents[0].address, agent)
    }))

  it.scopedLive("meta, spotMeta, l2Book, allMids and unknown types", () =>
    Effect.gen(function*() {
      const { info } = yield* setup(2)
      const meta = (yield* info({ type: "meta" })).json
      assert.deepStrictEqual(meta.universe.map((u: any) => u.name), ["BTC", "ETH"])
      assert.strictEqual(meta.universe[0].szDecimals, 3)
      const spot = (yield* info({ type: "spotMeta" })).json
      assert.strictEqual(spot.tokens[0].name, "USDC")
      assert.strictEqual(spot.universe[0].name, "BTC/USDC")
      assert.strictEqual(spot.universe[1].name, "@1")
      const book = (yield* info({ type: "l2Book", coin: "BTC" })).json
      assert.strictEqual(book.coin, "BTC")
      assert.isAbove(book.levels[0].length, 0)
      assert.hasAllKeys(book.levels[0][0], ["px", "sz", "n"])
      const mids = (yield* info({ type: "allMids" })).json
      assert.isString(mids["BTC"])
      assert.isString(mids["@1"])
      const bad = yield* info({ type: "nope" })
      assert.strictEqual(bad.status, 422)
    }))

  it.scopedLive("places, queries by oid and cloid, modifies and cancels; per-order statuses", () =>
    Effect.gen(function*() {
      const { address, info, signed } = yield* setup(3)
      const cloid = "0x0000000000000000000000000000abcd"
      const r = yield* signed(
        place(order(0, true, "40000", "0.01", "Gtc", { c: cloid }), order(0, true, "40000.5", "0.01", "Gtc")),
        Date.now()
      )
      assert.strictEqual(r.json.status, "ok")
      const [resting, tick] = r.json.response.data.statuses
      assert.strictEqual(resting.resting.cloid, cloid)
      assert.deepStrictEqual(tick, { error: "Price must be divisible by tick size." })
      const oid = resting.resting.oid
      const byCloid = (yield* info({ type: "orderStatus", user: address, oid: cloid })).json
      assert.strictEqual(byCloid.status, "order")
      assert.strictEqual(byCloid.order.status, "open")
      assert.strictEqual(byCloid.order.order.oid, oid)
      const modified = yield* signed(
        { type: "modify", oid, order: order(0, true, "41000", "0.02", "Gtc") },
        Date.now() + 1
      )
      assert.deepStrictEqual(modified.json, { status: "ok", response: { type: "default" } })
      const open = (yield* info({ type: "frontendOpenOrders", user: address })).json
      assert.strictEqual(open[0].limitPx, "41000")
      assert.strictEqual(open[0].sz, "0.02")
      const cancel = yield* signed({ type: "cancelByCloid", cancels: [{ asset: 0, cloid }] }, Date.now() + 2)
      assert.deepStrictEqual(cancel.json, {
        status: "ok",
        response: { type: "cancel", data: { statuses: ["success"] } }
      })
      const again = yield* signed({ type: "cancel", cancels: [{ a: 0, o: oid }] }, Date.now() + 3)
      assert.deepStrictEqual(again.json.response.data.statuses, [{
        error: "Order was never placed, already canceled, or filled."
      }])
      const status = (yield* info({ type: "orderStatus", user: address, oid })).json
      assert.strictEqual(status.order.status, "canceled")
      assert.deepStrictEqual((yield* info({ type: "orderStatus", user: address, oid: 999999 })).json, {
        status: "unknownOid"
      })
    }))

  it.scopedLive("the venue's per-order errors: price rule, size, minimum value, post-only, IOC", () =>
    Effect.gen(function*() {
      const { sandbox, signed } = yield* setup(4)
      const ask = Decimal.format(sandbox.engine.bestAsk("perp:BTCUSDT")!.price)
      const r = yield* signed(
        place(
          order(0, true, "40000.1234", "0.01", "Gtc"),
          order(0, true, "40000", "0.0001", "Gtc"),
          order(0, true, "40000", "0", "Gtc"),
          order(0, true, ask, "0.01", "Alo"),
          order(0, true, "1000", "0.2", "Ioc"),
          order(10_001, true, "1", "1", "Gtc")
        ),
        Date.now()
      )
      const statuses = r.json.response.data.statuses
      assert.deepStrictEqual(statuses[0], { error: "Price must be divisible by tick size." })
      assert.deepStrictEqual(statuses[1], { error: "Order has invalid size." })
      assert.deepStrictEqual(statuses[2], { error: "Order has invalid size." })
      assert.match(statuses[3].error, /^Post only order would have immediately matched, bbo was /)
      assert.deepStrictEqual(statuses[4], { error: "Order could not immediately match against any resting orders." })
      assert.deepStrictEqual(statuses[5], { error: "Order must have minimum value of 10 USDC." })
      assert.strictEqual((yield* sandbox.ledger.openOrders()).length, 0)
    }))

  it.scopedLive("refuses unknown signers, reused or stale nonces and expired actions, in the venue's envelope", () =>
    Effect.gen(function*() {
      const { sandbox, signed } = yield* setup(5)
      const stranger = Either.getOrThrow(Signing.privateKeyBytes(Redacted.make("0x" + "22".repeat(32))))
      const action = place(order(0, true, "40000", "0.01", "Alo"))
      const unknown = yield* signed(action, Date.now(), stranger)
      assert.deepStrictEqual(unknown.json, {
        status: "err",
        response: `User or API Wallet ${Signing.addressOf(stranger)} does not exist.`
      })
      const nonce = Date.now()
      assert.strictEqual((yield* signed(action, nonce)).json.status, "ok")
      const replay = yield* signed(action, nonce)
      assert.strictEqual(replay.json.status, "err")
      assert.match(replay.json.response, /Invalid nonce/)
      const stale = yield* signed(action, Date.now() - 3 * 86_400_000)
      assert.match(stale.json.response, /Invalid nonce/)
      const expired = yield* signed(action, Date.now() + 5, undefined, { expiresAfter: Date.now() - 1000 })
      assert.strictEqual(expired.json.status, "err")
      assert.strictEqual((yield* sandbox.ledger.openOrders()).length, 1)

      yield* sandbox.faults.add("authFailure:venue=hyperliquid")
      const forced = yield* signed(action, Date.now() + 10)
      assert.match(forced.json.response, /does not exist/)
      yield* sandbox.faults.add("http429:venue=hyperliquid,retryAfter=3")
      const limited = yield* signed(action, Date.now() + 11)
      assert.strictEqual(limited.status, 429)
      assert.strictEqual((yield* sandbox.ledger.openOrders()).length, 1)
    }))

  it.scopedLive("/ws: subscribe l2Book and allMids, ping/pong, errors", () =>
    Effect.gen(function*() {
      const { sandbox } = yield* setup(6)
      const ws = new WebSocket(`${sandbox.urls.hyperliquid.ws}/ws`)
      const received: Array<any> = []
      ws.on("message", (data) => received.push(JSON.parse(data.toString())))
      yield* Effect.promise(() => new Promise((resolve) => ws.once("open", resolve)))
      yield* Effect.addFinalizer(() => Effect.sync(() => ws.close()))
      ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "l2Book", coin: "BTC" } }))
      ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "allMids" } }))
      ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "l2Book", coin: "NOPE" } }))
      ws.send(JSON.stringify({ method: "ping" }))
      yield* Effect.sleep("300 millis")
      const channels = received.map((m) => m.channel)
      assert.includeMembers(channels, ["subscriptionResponse", "l2Book", "allMids", "error", "pong"])
      const book = received.find((m) => m.channel === "l2Book").data
      assert.strictEqual(book.coin, "BTC")
      assert.strictEqual(book.levels.length, 2)
      yield* sandbox.market.step(5)
      yield* Effect.sleep("400 millis")
      assert.isAbove(received.filter((m) => m.channel === "l2Book").length, 1)
    }))
})
