/**
 * The `lotusx` commands with `-x hyperliquid`, in-process against the embedded sandbox (no
 * `[exchanges.hyperliquid]` section needed: the sandbox issues an agent wallet for its account),
 * and a config section with the private key and account address read from environment variables.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DECIMAL, lotusx, repoConfig, writeConfig } from "./harness.js"

const base = ["--config", repoConfig]

describe("lotusx -x hyperliquid (embedded sandbox)", () => {
  it.live("status, get-ticker, markets, book, watch-orders, check-keys", () =>
    Effect.gen(function*() {
      const status = yield* lotusx(["status", "-x", "hyperliquid", "--json", ...base])
      assert.strictEqual(status.code, 0, status.stderr)
      assert.strictEqual(JSON.parse(status.stdout).exchange ?? JSON.parse(status.stdout)[0]?.exchange, "hyperliquid")

      const ticker = yield* lotusx(["get-ticker", "-x", "hyperliquid", "-s", "BTC", "--json", ...base])
      assert.strictEqual(ticker.code, 0, ticker.stderr)
      const t = JSON.parse(ticker.stdout)
      assert.strictEqual(t.symbol, "BTC/USDC:USDC")
      assert.strictEqual(t.venueSymbol, "BTC")
      assert.match(t.last, DECIMAL)

      const markets = yield* lotusx(["markets", "-x", "hyperliquid", "--json", ...base])
      assert.strictEqual(markets.code, 0, markets.stderr)
      const list = JSON.parse(markets.stdout).markets as Array<{ symbol: string; unified: string; tickSize: string }>
      assert.includeMembers(list.map((m) => m.unified), ["BTC/USDC:USDC", "ETH/USDC:USDC", "BTC/USDC"])
      assert.isDefined(list.find((m) => m.symbol === "@1"))

      const book = yield* lotusx([
        "book",
        "-x",
        "hyperliquid",
        "-s",
        "ETH/USDC:USDC",
        "--depth",
        "2",
        "--count",
        "2",
        ...base
      ])
      assert.strictEqual(book.code, 0, book.stderr)
      assert.include(book.stdout, "ETH")

      const feed = yield* lotusx(["watch-orders", "-x", "hyperliquid", "--duration", "2s", "--json", ...base])
      assert.strictEqual(feed.code, 0, feed.stderr)
      const items = feed.stdout.trim().split("\n").map((l) => JSON.parse(l))
      assert.includeMembers(items.filter((i) => i.kind === "state").map((i) => i.state), ["reconciling", "live"])
      const balances = items.find((i) => i.kind === "balances")
      assert.isDefined(balances, feed.stdout)
      assert.include(balances.balances.map((b: { asset: string }) => b.asset), "USDC:perp")

      const keys = yield* lotusx(["check-keys", "-x", "hyperliquid", "--json", ...base])
      assert.strictEqual(keys.code, 0, keys.stderr)
      const report = JSON.parse(keys.stdout)
      assert.strictEqual(report.credentials, "valid")
      assert.deepStrictEqual(report.permissions, { read: true, trade: true, withdraw: false })
      assert.notMatch(keys.stdout + keys.stderr, /0x[0-9a-f]{64}/, "no private key in the output")
    }), 60_000)

  it.live(
    "[exchanges.hyperliquid] credentials: a key that is not one is a config error (exit 2), never echoed",
    () =>
      Effect.gen(function*() {
        const file = writeConfig(
          `[exchanges.hyperliquid]\nenvironment = "testnet"\n[exchanges.hyperliquid.credentials]\nprivate_key = "0x12"\naccount_address = "0x1719884eb866cb12b2287399b15f7db5e7d775ea"\n`
        )
        const r = yield* lotusx(["check-keys", "-x", "hyperliquid", "--config", file])
        assert.strictEqual(r.code, 2, r.stdout + r.stderr)
        assert.include(r.stderr, "private key")
        assert.notInclude(r.stderr, "0x12\"")
      }),
    30_000
  )
})
