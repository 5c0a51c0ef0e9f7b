/**
 * The Binance Spot dialect of the sandbox: REST under `/binance/api/v3/...` and market streams
 * under `/binance/ws/...` and `/binance/stream`, speaking Binance's wire protocol as its official
 * documentation defines it (https://developers.binance.com/docs/binance-spot-api-docs), on the
 * family's request pipeline (`../BinanceFamily.ts`).
 *
 * @since 0.1.0
 */
import type { Product } from "../BinanceFamily.js"
import { codes } from "./errors.js"
import { marketDataRoutes } from "./marketData.js"
import { streams } from "./streams.js"
import { tradingRoutes } from "./trading.js"
import { userData } from "./userData.js"

/** @since 0.1.0 */
export const VENUE = "binance"

/**
 * Spot: 6000 request weight per minute per IP
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits).
 * @since 0.1.0
 */
export const product: Product = {
  venue: VENUE,
  rateLimits: { weightPerMinute: 6000 },
  routes: () => [...marketDataRoutes, ...tradingRoutes],
  limitRows: {
    tooMuchWeight: codes.TOO_MANY_REQUESTS,
    banned: codes.TOO_MANY_REQUESTS_BANNED,
    serverBusy: codes.SERVER_BUSY
  },
  streams,
  userData
}
