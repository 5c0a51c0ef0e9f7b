/**
 * A hand-made OKX REST client for the dialect's tests (not the connector): the `OK-ACCESS-*`
 * headers signed as the documentation says, each of them changeable to test the checks.
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import type * as Sandbox from "../../src/sandbox/Sandbox.js"

/** A signed (or tweaked) request; its status and JSON. */
export const okxRest = (
  sandbox: Sandbox.Sandbox,
  method: "GET" | "POST",
  path: string,
  body: unknown,
  tweak: { passphrase?: string; secret?: string; timestamp?: string } = {}
) =>
  Effect.promise(async () => {
    const own = sandbox.credentials.okx
    const text = body === undefined ? "" : JSON.stringify(body)
    const timestamp = tweak.timestamp ?? new Date().toISOString()
    const sign = createHmac("sha256", tweak.secret ?? Redacted.value(own.secret))
      .update(timestamp + method + path + text)
      .digest("base64")
    const response = await fetch(sandbox.urls.okx.rest + path, {
      method,
      headers: {
        "OK-ACCESS-KEY": own.apiKey,
        "OK-ACCESS-SIGN": sign,
        "OK-ACCESS-TIMESTAMP": timestamp,
        "OK-ACCESS-PASSPHRASE": tweak.passphrase ?? Redacted.value(own.passphrase!),
        "Content-Type": "application/json"
      },
      ...(text === "" ? {} : { body: text })
    })
    return { status: response.status, json: await response.json() as { code: string; msg: string; data: Array<any> } }
  })
