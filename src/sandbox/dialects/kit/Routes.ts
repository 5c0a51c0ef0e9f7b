/**
 * Routing shared by the dialects: finding a request's endpoint in a route table, the HTML pages a
 * CDN or load balancer in front of a venue serves for gateway errors, and the answers to the
 * server-level faults.
 *
 * @since 0.1.0
 */
import type { FaultRule } from "../../faults/FaultRule.js"
import type { HttpRequest, HttpResponse } from "../../server/Dialect.js"
import { htmlPage } from "../../server/Dialect.js"

/**
 * What a route table entry is found by.
 * @since 0.1.0
 */
export interface Routed {
  readonly method: string
  /** Venue-relative path, e.g. `/api/v3/order`. */
  readonly path: string
}

/**
 * The route serving a request's method and path.
 * @since 0.1.0
 */
export const findRoute = <R extends Routed>(
  routes: ReadonlyArray<R>,
  request: Pick<HttpRequest, "method" | "path">
): R | undefined => routes.find((r) => r.path === request.path && r.method === request.method)

const GATEWAY_TITLES: Record<number, string> = {
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out"
}

/**
 * The HTML error page of a status, as nginx titles it (`502 Bad Gateway`).
 * @since 0.1.0
 */
export const gatewayPage = (status: number): HttpResponse => htmlPage(status, GATEWAY_TITLES[status] ?? "Error")

/**
 * A request header's single value (`undefined` when absent or repeated).
 * @since 0.1.0
 */
export const header = (request: HttpRequest, name: string): string | undefined => {
  const v = request.headers[name]
  return typeof v === "string" ? v : undefined
}

/**
 * A venue's answers to the server-level faults: `limited` (`http429`) and `banned` (`http418`) get
 * the rule's `Retry-After` seconds if it sets them, `busy` answers `http503` (by default the
 * gateway's page), `htmlError` gets the gateway's page, and `otherwise` the rest.
 * @since 0.1.0
 */
export const faultAnswers = (answers: {
  readonly limited: (retryAfter: number | undefined) => HttpResponse
  readonly banned: (retryAfter: number | undefined) => HttpResponse
  readonly busy?: (() => HttpResponse) | undefined
  readonly otherwise: () => HttpResponse
}) =>
(rule: FaultRule): HttpResponse => {
  switch (rule.kind) {
    case "http429":
      return answers.limited(rule.retryAfter)
    case "http418":
      return answers.banned(rule.retryAfter)
    case "http503":
      return answers.busy?.() ?? gatewayPage(503)
    case "htmlError":
      return gatewayPage(rule.status ?? 502)
    default:
      return answers.otherwise()
  }
}
