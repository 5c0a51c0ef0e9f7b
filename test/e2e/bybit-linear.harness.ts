/**
 * Bybit linear (USDT perpetuals) through the same connector as spot; the category comes from the
 * market (`ETH/USDT:USDT` → `category=linear`, engine perpetual `perp:ETHUSDT`).
 *
 * Why ETH and not BTC: the scenarios size their resting orders at about 50 USDT of notional
 * (`restingBuy`), and the sandbox's BTCUSDT perpetual (shared with the Binance USDⓈ-M dialect)
 * has a minimum notional of 100 USDT, so on BTC every resting-order scenario would be refused
 * before it starts. The ETHUSDT perpetual's minimum is 20 USDT.
 */
import { bybit, connectBybit } from "./bybit.harness.js"
import type { VenueHarness } from "./harness.js"

export const bybitLinear: VenueHarness = {
  ...bybit,
  symbol: "ETH/USDT:USDT",
  quote: "USDT",
  base: "ETH",
  paths: {
    placeOrder: "/v5/order/create",
    ticker: "/v5/market/tickers",
    marketStream: "/v5/public/linear",
    depthStream: "orderbook.200.ETHUSDT",
    privateStream: "/v5/private"
  },
  connect: connectBybit
}
