/**
 * The `lotusx` commands with `-x okx`, in-process against the embedded sandbox: `check-keys` reports
 * the account mode and position mode OKX gives with the key (`/account/config` `acctLv`,
 * `posMode`), and `watch-orders` shows the account feed from the private websocket.
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DECIMAL, feedOf, lotusx, repoConfig } from "./harness.js"

describe("lotusx -x okx (embedded sandbox)", () => {
  const base = ["--config", repoConfig] as const
  it.live(
    "check-keys: permissions, account mode and position mode; watch-orders: the live account feed",
    () =>
      Effect.gen(function*() {
        const keys = yield* lotusx(["check-keys", "-x", "okx", "--json", ...base])
        assert.strictEqual(keys.code, 0, keys.stderr)
        const report = JSON.parse(keys.stdout)
        assert.strictEqual(report.credentials, "valid")
        assert.deepStrictEqual(report.permissions, { read: true, trade: true, withdraw: false })
        assert.deepStrictEqual(report.account, { mode: "futures (acctLv 2)", positionMode: "net" })
        const text = yield* lotusx(["check-keys", "-x", "okx", ...base])
        assert.strictEqual(text.code, 0, text.stderr)
        assert.match(text.stdout, /account\s+mode futures \(acctLv 2\), positions net \(one-way\)/)

        const feed = yield* lotusx(["watch-orders", "-x", "okx", "--duration", "2s", "--json", ...base])
        assert.strictEqual(feed.code, 0, feed.stderr)
        const { items, states } = feedOf(feed.stdout)
        assert.includeMembers(states, ["reconciling", "live"], feed.stdout)
        const balances = items.find((i) => i.kind === "balances")?.balances as Array<{ total: string }> | undefined
        assert.isTrue(balances !== undefined && balances.every((b) => DECIMAL.test(b.total)), feed.stdout)
      }),
    60_000
  )
})
