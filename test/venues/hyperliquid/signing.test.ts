/**
 * Hyperliquid L1 signing against the official Python SDK's published test vectors
 * (github.com/hyperliquid-dex/hyperliquid-python-sdk, tests/signing_test.py, MIT): the same key,
 * actions, nonces and vault give the same connection id and the same (r, s, v).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Signing from "../../../src/venues/hyperliquid/signing.js"

const key = Either.getOrThrow(
  Signing.privateKeyBytes(Redacted.make("0x0123456789012345678901234567890123456789012345678901234567890123"))
)
const hex = (bytes: Uint8Array) => "0x" + Buffer.from(bytes).toString("hex")
/** The SDK prints r and s with `to_hex`, which drops leading zeros. */
const big = (h: string) => BigInt(h)

const expectSig = (sig: Signing.Signature, r: string, s: string, v: number) => {
  assert.strictEqual(big(sig.r), big(r))
  assert.strictEqual(big(sig.s), big(s))
  assert.strictEqual(sig.v, v)
  assert.strictEqual(sig.r.length, 66)
  assert.strictEqual(sig.s.length, 66)
}

const sign = (action: unknown, source: Signing.Source, vaultAddress?: string, nonce = 0) =>
  Signing.signL1Action(key, { action, nonce, source, vaultAddress })

const orderAction = (order: Record<string, unknown>) => ({ type: "order", orders: [order], grouping: "na" })

describe("Hyperliquid signing (official SDK vectors)", () => {
  it("phantom agent connection id matches production", () => {
    const action = orderAction({
      a: 4,
      b: true,
      p: "1670.1",
      s: "0.0147",
      r: false,
      t: { limit: { tif: "Ioc" } }
    })
    assert.strictEqual(
      hex(Signing.actionHash(action, undefined, 1677777606040)),
      "0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908"
    )
  })

  it("dummy action (uint64 in msgpack), mainnet and testnet", () => {
    const action = { type: "dummy", num: 100000000000 }
    expectSig(
      sign(action, "a"),
      "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
      "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8",
      27
    )
    expectSig(
      sign(action, "b"),
      "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510",
      "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613",
      28
    )
  })

  it("order, with and without cloid", () => {
    const order = { a: 1, b: true, p: "100", s: "100", r: false, t: { limit: { tif: "Gtc" } } }
    expectSig(
      sign(orderAction(order), "a"),
      "0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e",
      "0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e",
      28
    )
    expectSig(
      sign(orderAction(order), "b"),
      "0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54",
      "0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5",
      27
    )
    const withCloid = { ...order, c: "0x00000000000000000000000000000001" }
    expectSig(
      sign(orderAction(withCloid), "a"),
      "0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3",
      "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da",
      27
    )
    expectSig(
      sign(orderAction(withCloid), "b"),
      "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d",
      "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988",
      28
    )
  })

  it("trigger (tp/sl) order", () => {
    const order = {
      a: 1,
      b: true,
      p: "100",
      s: "100",
      r: false,
      t: { trigger: { isMarket: true, triggerPx: "103", tpsl: "sl" } }
    }
    expectSig(
      sign(orderAction(order), "a"),
      "0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9",
      "0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405",
      27
    )
    expectSig(
      sign(orderAction(order), "b"),
      "0x971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4",
      "0x206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac",
      28
    )
  })

  it("with a vault address", () => {
    const action = { type: "dummy", num: 100000000000 }
    const vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea"
    expectSig(
      sign(action, "a", vault),
      "0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239",
      "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c",
      28
    )
    expectSig(
      sign(action, "b", vault),
      "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b",
      "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60",
      27
    )
  })

  it("createSubAccount, subAccountTransfer and scheduleCancel actions", () => {
    expectSig(
      sign({ type: "createSubAccount", name: "example" }, "a"),
      "0x51096fe3239421d16b671e192f574ae24ae14329099b6db28e479b86cdd6caa7",
      "0xb71f7d293af92d3772572afb8b102d167a7cef7473388286bc01f52a5c5b423",
      27
    )
    const transfer = {
      type: "subAccountTransfer",
      subAccountUser: "0x1d9470d4b963f552e6f671a81619d395877bf409",
      isDeposit: true,
      usd: 10
    }
    expectSig(
      sign(transfer, "b"),
      "0xe26574013395ad55ee2f4e0575310f003c5bb3351b5425482e2969fa51543927",
      "0xefb08999196366871f919fd0e138b3a7f30ee33e678df7cfaf203e25f0a4278",
      28
    )
    expectSig(
      sign({ type: "scheduleCancel" }, "a"),
      "0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9",
      "0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0",
      27
    )
    expectSig(
      sign({ type: "scheduleCancel", time: 123456789 }, "b"),
      "0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc",
      "0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678",
      27
    )
  })

  it("expiresAfter changes the hash only when set", () => {
    const action = { type: "dummy", num: 1 }
    assert.strictEqual(hex(Signing.actionHash(action, undefined, 5)), hex(Signing.actionHash(action, undefined, 5)))
    assert.notStrictEqual(
      hex(Signing.actionHash(action, undefined, 5)),
      hex(Signing.actionHash(action, undefined, 5, 10))
    )
  })
})

describe("Hyperliquid signer", () => {
  const credentials: Signing.HyperliquidCredentials = {
    privateKey: Redacted.make("0x0123456789012345678901234567890123456789012345678901234567890123"),
    accountAddress: "0x1719884eb866cb12b2287399b15f7db5e7d775ea"
  }

  it("nonces strictly increase within a millisecond and across a backward clock step", () => {
    const next = Signing.nonceSequence()
    assert.deepStrictEqual([1000, 1000, 1000, 999, 500, 2000, 2000].map(next), [
      1000,
      1001,
      1002,
      1003,
      1004,
      2000,
      2001
    ])
  })

  it("writes nonce and signature into the /exchange body; the signature is the vector's", () => {
    const signer = Signing.makeSigner(credentials, "a")
    const action = { type: "dummy", num: 100000000000 }
    const signed = signer.sign({
      method: "POST",
      path: "/exchange",
      query: "",
      body: JSON.stringify({ action }),
      timestamp: 0
    })
    const body = JSON.parse(signed.body)
    assert.deepStrictEqual(Object.keys(body), ["action", "nonce", "signature"])
    assert.strictEqual(body.nonce, 0)
    assert.deepStrictEqual(body.action, action)
    assert.strictEqual(big(body.signature.r), big("0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298"))
    const again = JSON.parse(
      signer.sign({ method: "POST", path: "/exchange", query: "", body: JSON.stringify({ action }), timestamp: 0 })
        .body
    )
    assert.strictEqual(again.nonce, 1)
  })

  it("refuses keys and addresses that are not what they claim", () => {
    assert.isTrue(Either.isRight(Signing.validate(credentials)))
    assert.isTrue(Either.isLeft(Signing.validate({ ...credentials, privateKey: Redacted.make("0x12") })))
    assert.isTrue(Either.isLeft(Signing.validate({ ...credentials, privateKey: Redacted.make("0".repeat(64)) })))
    assert.isTrue(Either.isLeft(Signing.validate({ ...credentials, accountAddress: "0xabc" })))
    assert.isTrue(Either.isLeft(Signing.validate({ ...credentials, vaultAddress: "nope" })))
  })

  it("adds expiresAfter = time + recvWindow, signed with the action; account is the vault's when set", () => {
    const signer = Signing.makeSigner(
      { ...credentials, vaultAddress: "0x1719884EB866CB12B2287399B15F7DB5E7D775EA" },
      "b",
      5000
    )
    assert.strictEqual(signer.account, "0x1719884eb866cb12b2287399b15f7db5e7d775ea")
    const action = { type: "dummy", num: 1 }
    const body = JSON.parse(
      signer.sign({ method: "POST", path: "/exchange", query: "", body: JSON.stringify({ action }), timestamp: 1000 })
        .body
    )
    assert.strictEqual(body.expiresAfter, 6000)
    assert.strictEqual(body.vaultAddress, "0x1719884eb866cb12b2287399b15f7db5e7d775ea")
    const key = Either.getOrThrow(Signing.privateKeyBytes(credentials.privateKey))
    assert.deepStrictEqual(
      body.signature,
      Signing.signL1Action(key, {
        action,
        nonce: 1000,
        source: "b",
        vaultAddress: "0x1719884EB866CB12B2287399B15F7DB5E7D775EA",
        expiresAfter: 6000
      })
    )
  })

  it("derives the Ethereum address of a key", () => {
    // Well-known: private key 1 is address 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf
    const one = Either.getOrThrow(Signing.privateKeyBytes(Redacted.make("0".repeat(63) + "1")))
    assert.strictEqual(Signing.addressOf(one), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")
  })
})
