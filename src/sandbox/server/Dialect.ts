/**
 * What a venue dialect provides to the sandbox's server: an HTTP handler for the paths under its
 * prefix, its own renderings of server-level faults, and its websocket sessions.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type { IncomingHttpHeaders } from "node:http"
import type { FaultRule } from "../faults/FaultRule.js"
import type { WsConnection } from "./WsConnection.js"

/**
 * An HTTP request as the dialect sees it: the path relative to the venue prefix, and the query
 * string and body exactly as received (signatures are computed over them).
 * @since 0.1.0
 */
export interface HttpRequest {
  readonly method: string
  readonly path: string
  readonly rawQuery: string
  readonly body: string
  readonly headers: IncomingHttpHeaders
  readonly remoteAddress: string
}

/**
 * An HTTP response to write.
 * @since 0.1.0
 */
export interface HttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * One venue's wire dialect.
 * @since 0.1.0
 */
export interface Dialect {
  /** Venue id, as used in fault scopes and URLs (`binance`). */
  readonly venue: string
  /** Path prefix on the shared server (`/binance`). */
  readonly prefix: string
  /** Handles a request under the prefix. Never fails: errors are venue error responses. */
  readonly handle: (request: HttpRequest) => Effect.Effect<HttpResponse>
  /** The response for a server-level fault (`http429`, `http418`, `http503`, `htmlError`). */
  readonly faultResponse: (rule: FaultRule) => HttpResponse
  /** The response when the handler died unexpectedly. */
  readonly internalError: HttpResponse
  /** Takes over an accepted websocket connection under the prefix. */
  readonly connect: (connection: WsConnection) => void
  /** Stops the dialect's timers. */
  readonly close: () => void
  /**
   * Issues an account credentials in the venue's own form, for venues whose keys are not the
   * engine's API keys (Hyperliquid: an approved agent wallet). Absent: the engine issues a key.
   */
  readonly issueCredentials?: ((accountId: string) => IssuedCredentials) | undefined
}

/**
 * Credentials a dialect issued.
 * @since 0.1.0
 */
export interface IssuedCredentials {
  /** The public part (an API key; a wallet address). */
  readonly apiKey: string
  /** The secret part (an API secret; a wallet's private key). */
  readonly secret: string
  /** The account's own address, for venues that identify accounts by wallet address. */
  readonly address?: string | undefined
}

/**
 * A JSON response.
 * @since 0.1.0
 */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { "Content-Type": "application/json;charset=UTF-8", ...headers },
  body: JSON.stringify(body)
})

/**
 * A plain-text response.
 * @since 0.1.0
 */
export const text = (status: number, body: string, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { "Content-Type": "text/plain; charset=utf-8", ...headers },
  body
})

/**
 * An HTML error page as a CDN or load balancer would serve it.
 * @since 0.1.0
 */
export const htmlPage = (status: number, title: string): HttpResponse => ({
  status,
  headers: { "Content-Type": "text/html; charset=utf-8" },
  body:
    `<!DOCTYPE html>\n<html>\n<head><title>${status} ${title}</title></head>\n<body>\n<center><h1>${status} ${title}</h1></center>\n<hr><center>sandbox</center>\n</body>\n</html>\n`
})
