/**
 * `POST /exchange`: signed L1 actions. A request is `{ action, nonce, signature: {r, s, v},
 * vaultAddress?, expiresAfter? }`; it goes through: shape (HTTP 422 otherwise) → expiry → signer
 * recovery from the EIP-712 phantom agent (source `b`: the sandbox signs like testnet) → the signer
 * must be an account or an agent it approved (`{"status":"err"}` otherwise) → the signer's nonce
 * rules → the action.
 *
 * Actions: `order` (limit `Gtc` / `Ioc` / `Alo`; trigger orders are refused), `cancel`,
 * `cancelByCloid`, `modify`, `batchModify`, `updateLeverage`.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/exchange-endpoint
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/error-responses
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { parse, zero } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Placed, Rejection } from "../../engine/Order.js"
import type { HttpResponse } from "../../server/Dialect.js"
import { averagePrice } from "../kit/Orders.js"
import type { Accounts } from "./accounts.js"
import { connectionId, digest, recoverAddress } from "./auth.js"
import * as Errors from "./errors.js"
import { num } from "./info.js"
import type { Asset, Universe } from "./universe.js"
import { validPrice, validSize } from "./universe.js"

const { messages, sandboxMessages } = Errors

/**
 * @since 0.1.0
 */
export interface ExchangeContext {
  readonly engine: Engine
  readonly universe: Universe
  readonly accounts: Accounts
  readonly now: number
  /** A fault forces the "unknown signer" answer. */
  readonly forceAuthFailure: boolean
  /** Client ids for orders placed without a cloid. */
  readonly nextInternalId: () => string
  /** The address-based request budget: the venue's refusal when the account may not act now. */
  readonly spend?: ((accountId: string, action: Json) => string | undefined) | undefined
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v)
const CLOID = /^0x[0-9a-fA-F]{32}$/
const ADDRESS = /^(0x)?[0-9a-fA-F]{40}$/

interface OrderWire {
  readonly a: number
  readonly b: boolean
  readonly p: string
  readonly s: string
  readonly r: boolean
  readonly t: Json
  readonly c?: string | undefined
}

const orderWire = (v: unknown): OrderWire | undefined => {
  if (!isObject(v)) return undefined
  const { a, b, c, p, r, s, t } = v
  if (typeof a !== "number" || typeof b !== "boolean" || typeof p !== "string" || typeof s !== "string") {
    return undefined
  }
  if (typeof r !== "boolean" || !isObject(t)) return undefined
  if (c !== undefined && (typeof c !== "string" || !CLOID.test(c))) return undefined
  return { a, b, p, s, r, t, c }
}

const statusOf = (placed: Placed, cloid: string | undefined) => {
  const o = placed.order
  const ids = { oid: o.orderId, ...(cloid === undefined ? {} : { cloid }) }
  if (o.status === "new" || o.status === "partially_filled") {
    return { resting: ids }
  }
  return {
    filled: {
      totalSz: num(o.executedQuantity),
      avgPx: num(averagePrice(o) ?? zero),
      ...ids
    }
  }
}

const bbo = (engine: Engine, symbol: string) => {
  const bid = engine.bestBid(symbol)
  const ask = engine.bestAsk(symbol)
  return `${bid === undefined ? "-" : num(bid.price)}@${ask === undefined ? "-" : num(ask.price)}`
}

const rejectionMessage = (engine: Engine, asset: Asset, rejection: Rejection): string => {
  switch (rejection._tag) {
    case "FilterFailure":
      return rejection.filter === "PRICE_FILTER"
        ? messages.tick
        : rejection.filter === "LOT_SIZE"
        ? sandboxMessages.invalidSize
        : asset.kind === "perp"
        ? messages.minTradeNtl
        : messages.minTradeSpotNtl("USDC")
    case "InsufficientBalance":
      return asset.kind === "perp" ? messages.perpMargin : messages.insufficientSpotBalance
    case "WouldTake":
      return messages.badAloPx(bbo(engine, asset.instrument.symbol))
    case "ReduceOnlyRejected":
      return messages.reduceOnly
    case "NoLiquidity":
      return messages.marketOrderNoLiquidity
    case "DuplicateClientOrderId":
      return sandboxMessages.duplicateCloid
    case "MarketClosed":
      return sandboxMessages.marketClosed
    case "UnknownSymbol":
    case "UnknownAccount":
    case "UnknownOrder":
      return messages.missingOrder
  }
}

/** Checks an order's fields by the venue's rules; the asset, price and size on success. */
const checkOrder = (
  ctx: ExchangeContext,
  wire: OrderWire
): Either.Either<{ asset: Asset; price: Decimal; size: Decimal; tif: "Gtc" | "Ioc" | "Alo" }, string> => {
  const asset = ctx.universe.byId(wire.a)
  if (asset === undefined) return Either.left(sandboxMessages.unknownAsset(wire.a))
  if (wire.t.trigger !== undefined) return Either.left(sandboxMessages.triggerUnsupported)
  const limit = wire.t.limit
  const tif = isObject(limit) ? limit.tif : undefined
  if (tif !== "Gtc" && tif !== "Ioc" && tif !== "Alo") return Either.left(sandboxMessages.invalidSize)
  const price = parse(wire.p)
  const size = parse(wire.s)
  if (Either.isLeft(size) || !validSize(asset, size.right)) return Either.left(sandboxMessages.invalidSize)
  if (Either.isLeft(price) || !validPrice(asset, price.right)) return Either.left(messages.tick)
  const reducing = asset.kind === "perp" && wire.r
  if (!reducing && BigDecimal.lessThan(BigDecimal.multiply(price.right, size.right), BigDecimal.fromBigInt(10n))) {
    return Either.left(asset.kind === "perp" ? messages.minTradeNtl : messages.minTradeSpotNtl("USDC"))
  }
  return Either.right({ asset, price: price.right, size: size.right, tif })
}

const placeOne = (ctx: ExchangeContext, accountId: string, wire: OrderWire): unknown => {
  const checked = checkOrder(ctx, wire)
  if (Either.isLeft(checked)) return { error: checked.left }
  const { asset, price, size, tif } = checked.right
  const cloid = wire.c?.toLowerCase()
  if (cloid !== undefined && ctx.accounts.findOrder(accountId, cloid) !== undefined) {
    return { error: sandboxMessages.duplicateCloid }
  }
  const placed = ctx.engine.placeOrder(accountId, {
    symbol: asset.instrument.symbol,
    side: wire.b ? "buy" : "sell",
    type: "limit",
    timeInForce: tif === "Ioc" ? "IOC" : "GTC",
    price,
    quantity: size,
    postOnly: tif === "Alo",
    reduceOnly: wire.r,
    clientOrderId: cloid ?? ctx.nextInternalId()
  })
  if (Either.isLeft(placed)) return { error: rejectionMessage(ctx.engine, asset, placed.left) }
  if (tif === "Ioc" && BigDecimal.isZero(placed.right.order.executedQuantity)) return { error: messages.iocCancel }
  return statusOf(placed.right, cloid)
}

const cancelOne = (ctx: ExchangeContext, accountId: string, assetId: unknown, ref: number | string): unknown => {
  const asset = typeof assetId === "number" ? ctx.universe.byId(assetId) : undefined
  const order = asset === undefined ? undefined : ctx.accounts.findOrder(accountId, ref)
  if (asset === undefined || order === undefined || order.symbol !== asset.instrument.symbol) {
    return { error: messages.missingOrder }
  }
  ctx.accounts.markUserCancel(order.orderId)
  const r = ctx.engine.cancelOrder(accountId, order.symbol, { orderId: order.orderId })
  return Either.isLeft(r) ? { error: messages.missingOrder } : "success"
}

const modifyOne = (ctx: ExchangeContext, accountId: string, ref: unknown, orderValue: unknown): unknown => {
  const wire = orderWire(orderValue)
  if (wire === undefined || (typeof ref !== "number" && (typeof ref !== "string" || !CLOID.test(ref)))) {
    return { error: sandboxMessages.cannotModify }
  }
  const order = ctx.accounts.findOrder(accountId, ref)
  if (order === undefined || (order.status !== "new" && order.status !== "partially_filled")) {
    return { error: sandboxMessages.cannotModify }
  }
  const checked = checkOrder(ctx, wire)
  if (Either.isLeft(checked)) return { error: checked.left }
  const { asset, price, size, tif } = checked.right
  const sameShape = asset.instrument.symbol === order.symbol && (order.side === "buy") === wire.b &&
    order.reduceOnly === wire.r && (tif === "Alo") === order.postOnly &&
    (tif === "Ioc") === (order.timeInForce === "IOC")
  if (!sameShape) return { error: sandboxMessages.modifyChanges }
  const amended = ctx.engine.amendOrder(accountId, order.symbol, { orderId: order.orderId }, { price, quantity: size })
  if (Either.isLeft(amended)) return { error: rejectionMessage(ctx.engine, asset, amended.left) }
  return statusOf(amended.right, ctx.accounts.cloidOf(order))
}

const batch = <A>(value: unknown, item: (v: unknown) => A | undefined): ReadonlyArray<A> | undefined => {
  if (!Array.isArray(value) || value.length === 0) return undefined
  const out: Array<A> = []
  for (const v of value) {
    const a = item(v)
    if (a === undefined) return undefined
    out.push(a)
  }
  return out
}

/**
 * Runs an authenticated action for an account.
 * @since 0.1.0
 */
const runAction = (ctx: ExchangeContext, accountId: string, action: Json): HttpResponse => {
  switch (action.type) {
    case "order": {
      const orders = batch(action.orders, orderWire)
      if (orders === undefined) return Errors.unprocessable
      return Errors.ok({ type: "order", data: { statuses: orders.map((o) => placeOne(ctx, accountId, o)) } })
    }
    case "cancel": {
      const cancels = batch(action.cancels, (v) => isObject(v) && typeof v.o === "number" ? v : undefined)
      if (cancels === undefined) return Errors.unprocessable
      return Errors.ok({
        type: "cancel",
        data: { statuses: cancels.map((c) => cancelOne(ctx, accountId, c.a, c.o as number)) }
      })
    }
    case "cancelByCloid": {
      const cancels = batch(
        action.cancels,
        (v) => isObject(v) && typeof v.cloid === "string" && CLOID.test(v.cloid) ? v : undefined
      )
      if (cancels === undefined) return Errors.unprocessable
      return Errors.ok({
        type: "cancel",
        data: { statuses: cancels.map((c) => cancelOne(ctx, accountId, c.asset, c.cloid as string)) }
      })
    }
    case "modify": {
      const status = modifyOne(ctx, accountId, action.oid, action.order)
      return isObject(status) && typeof status.error === "string"
        ? Errors.err(status.error)
        : Errors.ok({ type: "default" })
    }
    case "batchModify": {
      const modifies = batch(action.modifies, (v) => isObject(v) ? v : undefined)
      if (modifies === undefined) return Errors.unprocessable
      return Errors.ok({
        type: "order",
        data: { statuses: modifies.map((m) => modifyOne(ctx, accountId, m.oid, m.order)) }
      })
    }
    case "updateLeverage": {
      const asset = typeof action.asset === "number" ? ctx.universe.byId(action.asset) : undefined
      const leverage = action.leverage
      if (asset === undefined || asset.kind !== "perp" || typeof leverage !== "number") {
        return Errors.err(sandboxMessages.leverage)
      }
      const r = ctx.engine.setLeverage(accountId, asset.instrument.symbol, leverage)
      return Either.isLeft(r) ? Errors.err(sandboxMessages.leverage) : Errors.ok({ type: "default" })
    }
    default:
      return Errors.unprocessable
  }
}

/**
 * Answers one `/exchange` request.
 * @since 0.1.0
 */
export const handle = (ctx: ExchangeContext, body: Json): HttpResponse => {
  const { action, expiresAfter, nonce, signature, vaultAddress } = body
  if (!isObject(action) || typeof action.type !== "string" || typeof nonce !== "number") return Errors.unprocessable
  if (!isObject(signature) || typeof signature.r !== "string" || typeof signature.s !== "string") {
    return Errors.unprocessable
  }
  if (typeof signature.v !== "number") return Errors.unprocessable
  if (
    vaultAddress !== undefined && vaultAddress !== null &&
    (typeof vaultAddress !== "string" || !ADDRESS.test(vaultAddress))
  ) {
    return Errors.unprocessable
  }
  if (expiresAfter !== undefined && expiresAfter !== null && typeof expiresAfter !== "number") {
    return Errors.unprocessable
  }
  const vault = typeof vaultAddress === "string" ? vaultAddress : undefined
  const expiry = typeof expiresAfter === "number" ? expiresAfter : undefined
  if (expiry !== undefined && expiry < ctx.now) return Errors.err(sandboxMessages.expired)

  const message = digest("b", connectionId(action, nonce, vault, expiry))
  const signer = recoverAddress(message, { r: signature.r, s: signature.s, v: signature.v })
  if (signer === undefined) return Errors.unprocessable
  const acting = ctx.accounts.signerAccount(signer)
  if (acting === undefined || ctx.forceAuthFailure) return Errors.err(sandboxMessages.unknownSigner(signer))
  let accountId = acting.accountId
  if (vault !== undefined) {
    const target = ctx.accounts.accountOf(vault.startsWith("0x") ? vault : "0x" + vault)
    if (target === undefined || target !== acting.accountId) return Errors.err(sandboxMessages.unknownVault(vault))
    accountId = target
  }
  const overBudget = ctx.spend?.(accountId, action)
  if (overBudget !== undefined) return Errors.err(overBudget)
  const nonceProblem = ctx.accounts.useNonce(signer, nonce, ctx.now)
  if (nonceProblem === "window") return Errors.err(sandboxMessages.nonceTooFar(nonce))
  if (nonceProblem === "used") return Errors.err(sandboxMessages.nonceUsed(nonce))
  return runAction(ctx, accountId, action)
}
