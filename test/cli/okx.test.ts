/**
 * The `lotusx` commands with `-x okx`, in-process against the embedded sandbox: `check-keys` reports
 * the account mode and position mode OKX gives with the key (`/account/config` `acctLv`,
 * `posMode`), and `watch-orders` shows the account feed from the private websocket.
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DECIMAL, lotusx, repoConfig } from "./harness.js"

const base = ["--config", repoConfig]

describe("lotusx -x okx (embedded sandbox)", () => {
  it.live("check-keys: permissions, account mode and position mode; watch-orders: the live account feed", () =>
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
      const items = feed.stdout.trim().split("\n").map((l) => JSON.parse(l))
      const states = items.filter((i: { kind: string }) => i.kind === "state").map((i: { state: string }) => i.state)
      assert.include(states, "reconciling", feed.stdout)
      assert.include(states, "live", feed.stdout)
      const balances = items.find((i: { kind: string }) => i.kind === "balances")
      assert.isDefined(balances, feed.stdout)
      for (const b of balances.balances) assert.match(b.total, DECIMAL)
    }), 60_000)
})
