/**
 * OKX SWAP (linear perpetual) through the same connector as SPOT: `ETH/USDT:USDT` is
 * `ETH-USDT-SWAP` on the wire, sized in contracts of 0.1 ETH; the scenarios work in ETH.
 * ETH rather than BTC: the sandbox's BTC perpetual has a 100 USDT minimum notional and the
 * scenarios rest orders of about 50 USDT.
 */
import type { VenueHarness } from "./harness.js"
import { connectOkx, okx } from "./okx.harness.js"

export const okxSwap: VenueHarness = {
  ...okx,
  symbol: "ETH/USDT:USDT",
  quote: "USDT",
  base: "ETH",
  paths: { ...okx.paths, depthStream: "books:ETH-USDT-SWAP" },
  connect: connectOkx
}
