/**
 * Who may act for which account, as the venue keeps it: every account is a wallet address (its
 * "master" address); an account approves agent (API) wallets that sign for it. Nonces are tracked
 * per signer: the 100 highest are kept, a new one must be above the lowest kept and unused, and
 * within (T − 2 days, T + 1 day) of the server's time.
 *
 * The sandbox issues wallets from its seeded generator, so a run's keys are reproducible.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/nonces-and-api-wallets
 *
 * @since 0.1.0
 */
import type { Engine } from "../../engine/Engine.js"
import type { Order } from "../../engine/Order.js"
import type { Random } from "../../engine/Random.js"
import { isPrivateKey, walletAddress } from "./auth.js"

const DAY = 86_400_000
const KEPT_NONCES = 100

/**
 * A wallet the sandbox generated.
 * @since 0.1.0
 */
export interface Wallet {
  readonly address: string
  /** `0x` + 64 hex digits. */
  readonly privateKey: string
}

/**
 * @since 0.1.0
 */
export class Accounts {
  private readonly masters = new Map<string, string>()
  private readonly agents = new Map<string, { readonly master: string; readonly name: string }>()
  private readonly nonces = new Map<string, Array<number>>()
  private readonly userCancels = new Set<number>()

  constructor(private readonly engine: Engine, private readonly random: Random) {}

  /** A fresh wallet from the seeded generator. */
  newWallet(): Wallet {
    for (;;) {
      const hex = this.random.string(64, "0123456789abcdef")
      const key = Uint8Array.from(Buffer.from(hex, "hex"))
      if (isPrivateKey(key)) return { address: walletAddress(key), privateKey: "0x" + hex }
    }
  }

  /** Gives an engine account a master wallet (once) and a newly approved agent wallet. */
  issue(accountId: string): { readonly master: Wallet; readonly agent: Wallet } {
    let master = [...this.masters.entries()].find(([, id]) => id === accountId)?.[0]
    let masterWallet: Wallet | undefined
    if (master === undefined) {
      masterWallet = this.newWallet()
      master = masterWallet.address
      this.masters.set(master, accountId)
    }
    const agent = this.newWallet()
    this.agents.set(agent.address, { master, name: `sandbox-${this.agents.size + 1}` })
    return { master: masterWallet ?? { address: master, privateKey: "" }, agent }
  }

  /** The engine account of a master address. */
  accountOf(address: string): string | undefined {
    return this.masters.get(address.toLowerCase())
  }

  /** The account a signer may act for: its own, or its master's when it is an approved agent. */
  signerAccount(signer: string): { readonly accountId: string; readonly master: string } | undefined {
    const own = this.masters.get(signer)
    if (own !== undefined) return { accountId: own, master: signer }
    const agent = this.agents.get(signer)
    if (agent === undefined) return undefined
    const accountId = this.masters.get(agent.master)
    return accountId === undefined ? undefined : { accountId, master: agent.master }
  }

  /** `userRole`. */
  role(address: string): unknown {
    const a = address.toLowerCase()
    if (this.masters.has(a)) return { role: "user" }
    const agent = this.agents.get(a)
    if (agent !== undefined) return { role: "agent", data: { user: agent.master } }
    return { role: "missing" }
  }

  /** `extraAgents`: the agents an account approved. */
  agentsOf(address: string): ReadonlyArray<unknown> {
    const a = address.toLowerCase()
    return [...this.agents.entries()].filter(([, v]) => v.master === a).map(([agent, v]) => ({
      name: v.name,
      address: agent,
      validUntil: 4_102_444_800_000
    }))
  }

  /** Checks and records a signer's nonce; `undefined` when accepted, else why not. */
  useNonce(signer: string, nonce: number, now: number): "window" | "used" | undefined {
    if (!Number.isSafeInteger(nonce) || nonce <= now - 2 * DAY || nonce >= now + DAY) return "window"
    const kept = this.nonces.get(signer) ?? []
    if (kept.includes(nonce) || (kept.length >= KEPT_NONCES && nonce <= kept[0]!)) return "used"
    kept.push(nonce)
    kept.sort((x, y) => x - y)
    if (kept.length > KEPT_NONCES) kept.shift()
    this.nonces.set(signer, kept)
    return undefined
  }

  /** Records that the user's own cancel action is canceling an order (not a `nonUserCancel`). */
  markUserCancel(orderId: number): void {
    this.userCancels.add(orderId)
  }

  /** Whether the user's own cancel action canceled the order. */
  canceledByUser(orderId: number): boolean {
    return this.userCancels.has(orderId)
  }

  /** The cloid an order was placed with (the engine's client id when it is one). */
  cloidOf(order: Order): string | undefined {
    return order.clientOrderId.startsWith("0x") ? order.clientOrderId : undefined
  }

  /** An account's order by oid (number) or cloid (hex string). */
  findOrder(accountId: string, ref: number | string): Order | undefined {
    const orders = this.engine.orders(accountId)
    for (let i = orders.length - 1; i >= 0; i--) {
      const o = orders[i]!
      if (typeof ref === "number" ? o.orderId === ref : o.clientOrderId === ref.toLowerCase()) return o
    }
    return undefined
  }
}
