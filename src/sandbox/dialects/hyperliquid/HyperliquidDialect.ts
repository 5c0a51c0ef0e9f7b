/**
 * The Hyperliquid dialect of the sandbox: `POST /hyperliquid/info`, `POST /hyperliquid/exchange`
 * and the websocket `/hyperliquid/ws`, speaking the venue's wire protocol as its documentation
 * defines it (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api).
 *
 * Perpetuals and spot come from the shared engine (see `universe.ts`: the engine's dollar ledger is
 * shown as USDC). `/exchange` verifies signatures the way the venue does (`exchange.ts`): the
 * signer's address is recovered from the EIP-712 phantom agent and must be the account's or an
 * agent the account approved; nonces follow the venue's per-signer rules.
 *
 * The IP budget is the venue's: 1,200 weight per minute; `/exchange` weighs 1 + ⌊batch/40⌋,
 * `/info` 2 (`l2Book`, `allMids`, `clearinghouseState`, `orderStatus`, `spotClearinghouseState`),
 * 60 (`userRole`) or 20 (everything else). Beyond it: HTTP 429 (the docs do not give the body;
 * the sandbox sends a short text). The address-based budget (`addressBudget.ts`) applies to
 * `/exchange` actions per account.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { Engine } from "../../engine/Engine.js"
import type { Random } from "../../engine/Random.js"
import type { FaultRule } from "../../faults/FaultRule.js"
import type { Faults } from "../../faults/Faults.js"
import type { Dialect, HttpRequest, HttpResponse } from "../../server/Dialect.js"
import { htmlPage, text } from "../../server/Dialect.js"
import type { Timers } from "../../server/Timers.js"
import { Accounts } from "./accounts.js"
import { AddressBudgets, INITIAL_BUFFER } from "./addressBudget.js"
import * as Errors from "./errors.js"
import * as Exchange from "./exchange.js"
import * as Info from "./info.js"
import * as Streams from "./streams.js"
import * as Universe from "./universe.js"

/** @since 0.1.0 */
export const VENUE = "hyperliquid"

/** @since 0.1.0 */
export interface HyperliquidDialectOptions {
  readonly engine: Engine
  readonly faults: Faults
  readonly random: Random
  readonly timers: Timers
  /** IP weight per minute. Hyperliquid: 1,200. */
  readonly weightPerMinute?: number | undefined
  /** The address-based budget's initial buffer of requests. Hyperliquid: 10,000. */
  readonly addressRequestBuffer?: number | undefined
}

const LIGHT_INFO = new Set(["l2Book", "allMids", "clearinghouseState", "orderStatus", "spotClearinghouseState"])

/**
 * The request weight of a body, by the venue's table.
 * @since 0.1.0
 */
export const weightOf = (path: string, body: Record<string, unknown>): number => {
  if (path === "/exchange") {
    const action = body.action as Record<string, unknown> | undefined
    const list = action?.orders ?? action?.cancels ?? action?.modifies
    return 1 + Math.floor((Array.isArray(list) ? list.length : 0) / 40)
  }
  return LIGHT_INFO.has(String(body.type)) ? 2 : body.type === "userRole" ? 60 : 20
}

const tooMany = (retryAfterSeconds: number): HttpResponse =>
  text(429, "Too many requests", { "Retry-After": String(retryAfterSeconds) })

/**
 * Builds the dialect.
 * @since 0.1.0
 */
export const make = (options: HyperliquidDialectOptions): Dialect => {
  const { engine, faults, random, timers } = options
  const universe = Universe.make(engine)
  const accounts = new Accounts(engine, random.fork("wallets"))
  const budgets = new AddressBudgets(engine, options.addressRequestBuffer ?? INITIAL_BUFFER)
  const budget = options.weightPerMinute ?? 1200
  const ips = new Map<string, { minute: number; used: number }>()
  let internalIds = 0

  const respond = (request: HttpRequest): HttpResponse => {
    const now = engine.now()
    if (request.method !== "POST" || (request.path !== "/info" && request.path !== "/exchange")) {
      return htmlPage(404, "Not Found")
    }
    let body: unknown
    try {
      body = JSON.parse(request.body)
    } catch {
      return Errors.unprocessable
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return Errors.unprocessable
    const json = body as Record<string, unknown>

    const minute = Math.floor(now / 60_000)
    let ip = ips.get(request.remoteAddress)
    if (ip === undefined || ip.minute !== minute) {
      ip = { minute, used: 0 }
      ips.set(request.remoteAddress, ip)
    }
    ip.used += weightOf(request.path, json)
    if (ip.used > budget) return tooMany(Math.ceil(((minute + 1) * 60_000 - now) / 1000))

    if (request.path === "/info") return Info.handle({ engine, universe, accounts, now, budgets }, json)
    const forced = faults.take(["authFailure"], { venue: VENUE, path: request.path, method: request.method })
    return Exchange.handle({
      engine,
      universe,
      accounts,
      now,
      forceAuthFailure: forced !== undefined,
      nextInternalId: () => `~${++internalIds}`,
      spend: (accountId, action) => budgets.spend(accountId, action, now)
    }, json)
  }

  const faultResponse = (rule: FaultRule): HttpResponse => {
    switch (rule.kind) {
      case "http429":
        return tooMany(rule.retryAfter ?? 2)
      case "http418":
        return { ...tooMany(rule.retryAfter ?? 600), status: 418 }
      case "http503":
        return htmlPage(503, "Service Temporarily Unavailable")
      case "htmlError": {
        const status = rule.status ?? 502
        return htmlPage(status, status === 502 ? "Bad Gateway" : status === 504 ? "Gateway Time-out" : "Error")
      }
      default:
        return htmlPage(500, "Internal Server Error")
    }
  }

  return {
    venue: VENUE,
    prefix: `/${VENUE}`,
    handle: (request) => Effect.sync(() => respond(request)),
    faultResponse,
    internalError: htmlPage(500, "Internal Server Error"),
    connect: (connection) => Streams.connect({ engine, universe, accounts, timers }, connection),
    close: () => undefined,
    issueCredentials: (accountId) => {
      const { agent, master } = accounts.issue(accountId)
      return { apiKey: agent.address, secret: agent.privateKey, address: master.address }
    }
  }
}
