/**
 * `[exchanges.okx]` takes the passphrase as a credential beside the key and the secret: read as
 * `Redacted`, never printed; a missing passphrase is refused with the path in the file.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as LotusConfig from "../../src/config/LotusConfig.js"

const settings = (text: string, env: Record<string, string> = {}) =>
  Effect.flatMap(LotusConfig.fromText(text, { file: "test.toml", env }), (c) => LotusConfig.exchangeSettings(c, "okx"))

describe("OKX config", () => {
  it.effect("key, secret and passphrase, inline or from the environment, all redacted", () =>
    Effect.gen(function*() {
      const s = yield* settings(
        `[exchanges.okx]\nenvironment = "testnet"\n[exchanges.okx.credentials]\napi_key = "k-1"\nsecret = "s-1"\npassphrase = { env = "OKX_PASSPHRASE" }\n`,
        { OKX_PASSPHRASE: "pass-phrase-1" }
      )
      assert.strictEqual(s.environment, "testnet")
      assert.isTrue(Redacted.isRedacted(s.credentials?.passphrase))
      assert.strictEqual(Redacted.value(s.credentials!.passphrase!), "pass-phrase-1")
      const printed = JSON.stringify(s) + String(s.credentials?.passphrase)
      assert.notInclude(printed, "pass-phrase-1")
      assert.notInclude(printed, "s-1")
    }))

  it.effect("a missing passphrase is refused with its path", () =>
    Effect.gen(function*() {
      const message = yield* Effect.flip(
        settings(`[exchanges.okx.credentials]\napi_key = "k"\nsecret = "s"\n`)
      ).pipe(Effect.map((e) => e.message))
      assert.include(message, "passphrase")
      assert.include(message, "exchanges.okx")
    }))
})
