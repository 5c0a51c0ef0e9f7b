/**
 * The Binance USDⓈ-M futures dialect of the sandbox: REST under `/binance-usdm/fapi/...` and
 * market streams under `/binance-usdm/ws/...` and `/binance-usdm/stream`, on the engine's linear
 * perpetuals (`BTCUSDT` ↔ `perp:BTCUSDT`), on the family's request pipeline
 * (`../BinanceFamily.ts`); codes and messages are USDⓈ-M's.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 *
 * @since 0.1.0
 */
import type { Product } from "../BinanceFamily.js"
import { accountRoutes } from "./account.js"
import { codes } from "./errors.js"
import { marketDataRoutes } from "./marketData.js"
import { streams } from "./streams.js"
import { tradingRoutes } from "./trading.js"
import { userData } from "./userData.js"

/** @since 0.1.0 */
export const VENUE = "binance-usdm"

/** USDⓈ-M: 2400 request weight per minute per IP (its `REQUEST_WEIGHT` limit). @since 0.1.0 */
export const product: Product = {
  venue: VENUE,
  rateLimits: { weightPerMinute: 2400 },
  routes: (engine) => [...marketDataRoutes, ...tradingRoutes, ...accountRoutes(engine.now())],
  limitRows: {
    tooMuchWeight: codes.TOO_MANY_REQUESTS,
    banned: codes.TOO_MANY_REQUESTS_BANNED,
    serverBusy: codes.DISCONNECTED
  },
  streams,
  userData
}
