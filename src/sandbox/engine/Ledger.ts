/**
 * Accounts, their balances (free and locked per asset) and the API keys the sandbox issues.
 * Secrets are held as `Redacted` values; only the signature verifier reads them.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Redacted from "effect/Redacted"
import type { Decimal } from "../../model/Decimal.js"
import { zero } from "../../model/Decimal.js"

/**
 * One asset's balance in one account.
 * @since 0.1.0
 */
export interface Balance {
  readonly asset: string
  readonly free: Decimal
  readonly locked: Decimal
}

/**
 * What an API key may do.
 * @since 0.1.0
 */
export interface Permissions {
  readonly read: boolean
  readonly trade: boolean
  readonly withdraw: boolean
}

/**
 * An API key the sandbox issued, bound to one account.
 * @since 0.1.0
 */
export interface ApiKey {
  readonly key: string
  readonly secret: Redacted.Redacted<string>
  readonly accountId: string
  readonly permissions: Permissions
  /** The key's passphrase, for venues whose keys have one (OKX). */
  readonly passphrase?: Redacted.Redacted<string> | undefined
}

/**
 * An account: an id and its balances.
 * @since 0.1.0
 */
export interface Account {
  readonly id: string
  readonly label: string
  readonly createdAt: number
  readonly balances: Map<string, { free: Decimal; locked: Decimal }>
}

/**
 * Accounts, balances and keys. All mutations are synchronous and checked: a method that can fail
 * returns `false` and leaves everything unchanged.
 * @since 0.1.0
 */
export class Ledger {
  readonly accounts = new Map<string, Account>()
  readonly keys = new Map<string, ApiKey>()
  /** Commissions collected, per asset (so that the sum over all accounts plus fees is conserved). */
  readonly fees = new Map<string, Decimal>()

  createAccount(id: string, label: string, createdAt: number, balances: Record<string, Decimal>): Account {
    const account: Account = { id, label, createdAt, balances: new Map() }
    for (const [asset, free] of Object.entries(balances)) account.balances.set(asset, { free, locked: zero })
    this.accounts.set(id, account)
    return account
  }

  issueKey(key: string, secret: string, accountId: string, permissions: Permissions, passphrase?: string): ApiKey {
    const apiKey: ApiKey = {
      key,
      secret: Redacted.make(secret),
      accountId,
      permissions,
      ...(passphrase !== undefined ? { passphrase: Redacted.make(passphrase) } : {})
    }
    this.keys.set(key, apiKey)
    return apiKey
  }

  private entry(accountId: string, asset: string): { free: Decimal; locked: Decimal } {
    const account = this.accounts.get(accountId)
    if (account === undefined) throw new Error(`sandbox ledger: no account ${accountId}`)
    let entry = account.balances.get(asset)
    if (entry === undefined) {
      entry = { free: zero, locked: zero }
      account.balances.set(asset, entry)
    }
    return entry
  }

  free(accountId: string, asset: string): Decimal {
    return this.entry(accountId, asset).free
  }

  /** Moves `amount` from free to locked; `false` (no change) when free is short. */
  lock(accountId: string, asset: string, amount: Decimal): boolean {
    const e = this.entry(accountId, asset)
    if (BigDecimal.lessThan(e.free, amount)) return false
    e.free = BigDecimal.subtract(e.free, amount)
    e.locked = BigDecimal.sum(e.locked, amount)
    return true
  }

  /** Moves `amount` from locked back to free. */
  unlock(accountId: string, asset: string, amount: Decimal): void {
    const e = this.entry(accountId, asset)
    e.locked = BigDecimal.subtract(e.locked, amount)
    e.free = BigDecimal.sum(e.free, amount)
  }

  /** Removes `amount` from locked (it leaves the account in a trade). */
  spendLocked(accountId: string, asset: string, amount: Decimal): void {
    const e = this.entry(accountId, asset)
    e.locked = BigDecimal.subtract(e.locked, amount)
  }

  /** Adds `amount` to free (received in a trade, or a deposit). */
  credit(accountId: string, asset: string, amount: Decimal): void {
    const e = this.entry(accountId, asset)
    e.free = BigDecimal.sum(e.free, amount)
  }

  /**
   * Moves `delta` from free to locked (negative: back), unchecked: margin of a position follows
   * its mark, even when that leaves free below zero.
   */
  adjustLocked(accountId: string, asset: string, delta: Decimal): void {
    const e = this.entry(accountId, asset)
    e.free = BigDecimal.subtract(e.free, delta)
    e.locked = BigDecimal.sum(e.locked, delta)
  }

  collectFee(asset: string, amount: Decimal): void {
    this.fees.set(asset, BigDecimal.sum(this.fees.get(asset) ?? zero, amount))
  }

  balances(accountId: string): ReadonlyArray<Balance> {
    const account = this.accounts.get(accountId)
    if (account === undefined) return []
    return [...account.balances.entries()].map(([asset, e]) => ({ asset, free: e.free, locked: e.locked }))
  }
}
