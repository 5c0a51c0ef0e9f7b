/**
 * The OKX dialect checked from the documentation, with a hand-made client (not the connector):
 * the `OK-ACCESS-*` checks and their codes, the `{code, msg, data}` envelope of a single order's
 * failure (`code: "1"` with the item's `sCode`) and of a partly failed batch (`code: "2"`), and the
 * `books` channel: snapshot then updates chained by `seqId`/`prevSeqId`, every `checksum` the crc32
 * of the top 25 levels of the book the messages build.
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { crc32 } from "node:zlib"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { okxRest as call } from "./okxClient.js"
import { connect } from "./wsClient.js"

describe("OKX dialect", () => {
  it.scopedLive("signature, passphrase and timestamp checks answer OKX's codes", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 5, venues: ["okx"] })
      const ok = yield* call(sandbox, "GET", "/api/v5/account/balance?ccy=USDT", undefined)
      assert.strictEqual(ok.status, 200)
      assert.strictEqual(ok.json.code, "0")
      assert.strictEqual(ok.json.data[0].details[0].ccy, "USDT")
      const passphrase = yield* call(sandbox, "GET", "/api/v5/account/balance", undefined, { passphrase: "nope" })
      assert.deepStrictEqual([passphrase.status, passphrase.json.code], [401, "50105"])
      const sign = yield* call(sandbox, "GET", "/api/v5/account/balance", undefined, { secret: "nope" })
      assert.deepStrictEqual([sign.status, sign.json.code], [401, "50113"])
      const old = yield* call(sandbox, "GET", "/api/v5/account/balance", undefined, {
        timestamp: new Date(Date.now() - 60_000).toISOString()
      })
      assert.deepStrictEqual([old.status, old.json.code], [401, "50102"])
      const bad = yield* call(sandbox, "GET", "/api/v5/account/balance", undefined, { timestamp: "1700000000" })
      assert.deepStrictEqual([bad.status, bad.json.code], [401, "50112"])
    }))

  it.scopedLive("a failed order is code 1 with its sCode; a partly failed batch is code 2", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 6, venues: ["okx"] })
      const tooBig = { instId: "BTC-USDT", tdMode: "cash", side: "buy", ordType: "limit", px: "50000", sz: "100" }
      const single = yield* call(sandbox, "POST", "/api/v5/trade/order", tooBig)
      assert.strictEqual(single.status, 200)
      assert.strictEqual(single.json.code, "1")
      assert.strictEqual(single.json.data[0].sCode, "51008")
      const good = { ...tooBig, sz: "0.001", px: "10000", clOrdId: "b1" }
      const offLot = {
        instId: "ETH-USDT-SWAP",
        tdMode: "cross",
        side: "buy",
        ordType: "limit",
        px: "1000",
        sz: "0.001"
      }
      const batch = yield* call(sandbox, "POST", "/api/v5/trade/batch-orders", [good, offLot])
      assert.strictEqual(batch.json.code, "2")
      assert.deepStrictEqual(batch.json.data.map((d) => d.sCode), ["0", "51121"])
      assert.strictEqual(batch.json.data[0].clOrdId, "b1")
      const fetched = yield* call(
        sandbox,
        "GET",
        `/api/v5/trade/order?instId=BTC-USDT&ordId=${batch.json.data[0].ordId}`,
        undefined
      )
      assert.strictEqual(fetched.json.data[0].state, "live")
      assert.strictEqual(fetched.json.data[0].sz, "0.001")
    }))

  it.scopedLive("books: snapshot, then updates chained by seqId/prevSeqId, each checksum matching the book", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 7, venues: ["okx"] })
      const socket = yield* connect(`${sandbox.urls.okx.ws}/ws/v5/public`)
      socket.send({ op: "subscribe", args: [{ channel: "books", instId: "ETH-USDT-SWAP" }] })
      const ack = yield* socket.next((m) => m.event === "subscribe")
      assert.deepStrictEqual(ack.arg, { channel: "books", instId: "ETH-USDT-SWAP" })
      const messages = yield* socket.collect((m) => m.arg?.channel === "books" && m.data !== undefined, 12, 10_000)
      assert.strictEqual(messages[0].action, "snapshot")
      assert.strictEqual(messages[0].data[0].prevSeqId, -1)
      const bids = new Map<string, string>()
      const asks = new Map<string, string>()
      let last = -1
      for (const m of messages) {
        const d = m.data[0]
        if (m.action === "update") assert.strictEqual(d.prevSeqId, last, "chained")
        last = d.seqId
        for (const [side, levels] of [[bids, d.bids], [asks, d.asks]] as const) {
          for (const [px, sz] of levels) sz === "0" ? side.delete(px) : side.set(px, sz)
        }
        const b = [...bids].sort(([x], [y]) => Number(y) - Number(x)).slice(0, 25)
        const a = [...asks].sort(([x], [y]) => Number(x) - Number(y)).slice(0, 25)
        const parts: Array<string> = []
        for (let i = 0; i < 25; i++) {
          if (b[i] !== undefined) parts.push(...b[i]!)
          if (a[i] !== undefined) parts.push(...a[i]!)
        }
        assert.strictEqual(d.checksum, crc32(parts.join(":")) | 0)
      }
    }))
})
