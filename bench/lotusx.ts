/**
 * LotusX as the order benchmarks load it: by default the compiled package (`dist/`, what
 * `npm run build` emits and what users of the npm package run), so the numbers are those of the
 * shipped code; `LOTUSX_FROM=src` loads the TypeScript sources through tsx instead (tsx's
 * transform wraps every function it creates in a `__name(...)` call, which costs the order path
 * about 15% more CPU than the `tsc` output). The compiled package must be as new as the sources:
 * the `bench:orders` script builds it first, and a stale `dist/` stops the run.
 */
import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type * as ExchangeModule from "../src/Exchange.js"
import type * as HttpTransportModule from "../src/kernel/HttpTransport.js"
import type * as SandboxModule from "../src/sandbox/Sandbox.js"
import type * as BinanceModule from "../src/venues/binance/Binance.js"
import type * as BybitModule from "../src/venues/bybit/Bybit.js"

const fromSources = process.env["LOTUSX_FROM"] === "src"
const root = fileURLToPath(new URL("..", import.meta.url))

/** The newest modification time under `dir`, ms. */
const newest = (dir: string): number => {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

if (!fromSources) {
  let built = 0
  try {
    built = statSync(join(root, "dist", "index.js")).mtimeMs
  } catch {
    throw new Error("dist/ is missing: run `npm run build` first (or set LOTUSX_FROM=src)")
  }
  if (newest(join(root, "src")) > built) {
    throw new Error("dist/ is older than src/: run `npm run build` first (or set LOTUSX_FROM=src)")
  }
}

/** Where LotusX was loaded from, for the report. */
export const source = fromSources ? "src/ through tsx" : "dist/ (the tsc build)"

const load = <M>(path: string): Promise<M> => import(`${fromSources ? "../src" : "../dist"}/${path}`) as Promise<M>

export const { Exchange } = await load<typeof ExchangeModule>("Exchange.js")
export const HttpTransport = await load<typeof HttpTransportModule>("kernel/HttpTransport.js")
export const Sandbox = await load<typeof SandboxModule>("sandbox/Sandbox.js")
export const Binance = await load<typeof BinanceModule>("venues/binance/Binance.js")
export const Bybit = await load<typeof BybitModule>("venues/bybit/Bybit.js")
