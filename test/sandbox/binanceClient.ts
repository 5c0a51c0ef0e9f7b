/**
 * A deliberately small, independent Binance client for the sandbox tests: raw `fetch` and our own
 * HMAC, so the tests exercise the wire format and not the library's request code.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import type { Sandbox } from "../../src/sandbox/Sandbox.js"

export interface RawResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

export interface RequestOptions {
  readonly signed?: boolean
  readonly apiKey?: string
  readonly secret?: string
  /** Put the parameters in a form body instead of the query string. */
  readonly inBody?: boolean
  /** Milliseconds added to the timestamp. */
  readonly clockOffset?: number
  readonly timestamp?: number
  readonly corruptSignature?: boolean
}

export const sign = (secret: string, payload: string) => createHmac("sha256", secret).update(payload).digest("hex")

export const request = (
  sandbox: Sandbox,
  method: string,
  path: string,
  params: Record<string, string | number> = {},
  options: RequestOptions = {}
): Effect.Effect<RawResponse> =>
  Effect.promise(async () => {
    const entries: Array<[string, string]> = Object.entries(params).map(([k, v]) => [k, String(v)])
    if (options.signed === true) {
      entries.push(["timestamp", String(options.timestamp ?? Date.now() + (options.clockOffset ?? 0))])
    }
    let payload = new URLSearchParams(entries).toString()
    const headers: Record<string, string> = {}
    if (options.signed === true || options.apiKey !== undefined) {
      headers["X-MBX-APIKEY"] = options.apiKey ?? sandbox.credentials.binance.apiKey
    }
    if (options.signed === true) {
      const secret = options.secret ?? Redacted.value(sandbox.credentials.binance.secret)
      let signature = sign(secret, payload)
      if (options.corruptSignature === true) {
        signature = signature.replace(/^./, (c) => (c === "0" ? "1" : "0"))
      }
      payload = payload + (payload === "" ? "" : "&") + `signature=${signature}`
    }
    const url = sandbox.urls.binance.rest + path + (options.inBody === true || payload === "" ? "" : `?${payload}`)
    const init: RequestInit = { method, headers }
    if (options.inBody === true) {
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      init.body = payload
    }
    const res = await fetch(url, init)
    const text = await res.text()
    let json: unknown = undefined
    try {
      json = JSON.parse(text)
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, text, json }
  })
