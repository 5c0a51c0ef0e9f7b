/**
 * Account balances.
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal } from "./Decimal.js"

/** @since 0.1.0 */
export const Balance = Schema.Struct({
  asset: Schema.String,
  /** Available for new orders. */
  free: Decimal,
  /** Held by open orders (or margin). */
  locked: Decimal,
  /** `free + locked`. */
  total: Decimal
}).annotations({ identifier: "Balance" })

/** @since 0.1.0 */
export type Balance = typeof Balance.Type
