/**
 * What to do when an order placement's outcome is ambiguous (a timeout, a dropped connection, a 5xx,
 * an unreadable success body): never send it again. Wait until the request's validity window has
 * passed — after which the venue can no longer accept it — then look the order up by its client
 * order id, asking again while the venue is rate limited or unreachable (`Persist`, each attempt
 * with a patient timeout), until a bounded deadline. The caller gets the order; a definitive error
 * when the venue says there is no such order; or `OrderStatusUnknown` only when the venue still
 * cannot be asked by the deadline.
 *
 * The window runs from when the request was *stamped*, which can be long after the placement
 * began: a request waits at the client's rate-limit gate (a 429 pause, a used-up budget) and, on
 * Hyperliquid, for the address budget before it is stamped. The wait adds the server clock's
 * uncertainty (`ServerClock.uncertainty`): a request stamped with an offset too high by up to that
 * much stays acceptable that much longer.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { ExchangeUnavailable, OrderStatusUnknown } from "../errors/ExchangeError.js"
import type { TradingError } from "../Exchange.js"
import { persist } from "./Persist.js"
import type { ServerClock } from "./ServerClock.js"

/**
 * Margin after the validity window before the lookup, ms, on top of the server clock's uncertainty:
 * the venue's own processing and clock granularity.
 * @since 0.1.0
 */
export const marginMs = 250

/**
 * @since 0.1.0
 */
export const resolve = <A>(options: {
  readonly venue: string
  readonly clock: ServerClock
  /** How long after it is signed the venue may still accept the request, ms. */
  readonly recvWindowMs: number
  /** How long after the validity window the lookups may go on, ms. */
  readonly resolveWithinMs: number
  readonly clientOrderId: string
  /**
   * When the request was stamped (server-corrected clock, ms): recorded on the ambiguous error by
   * the REST client, else the time its failure was seen.
   */
  readonly sentAt: number
  /** The ambiguous failure. */
  readonly cause: TradingError
  /** Looks the order up by its client order id; `OrderNotFound` when the venue has none. */
  readonly lookup: Effect.Effect<A, TradingError>
}): Effect.Effect<A, TradingError> =>
  Effect.gen(function*() {
    const { cause, clientOrderId, venue } = options
    yield* Effect.logWarning(
      `[${venue}] order ${clientOrderId}: outcome unknown (${cause._tag}); checking after the validity window`
    )
    const uncertainty = yield* options.clock.uncertainty
    const wait = options.sentAt + options.recvWindowMs + marginMs + uncertainty - (yield* options.clock.now)
    if (wait > 0) yield* Effect.sleep(Duration.millis(wait))
    return yield* persist(options.lookup, Duration.millis(options.resolveWithinMs)).pipe(
      Effect.catchAll((e): Effect.Effect<never, TradingError> =>
        e._tag === "OrderNotFound"
          ? new ExchangeUnavailable({
            venue,
            outcome: "definitive",
            detail: `order ${clientOrderId} was not placed (confirmed by querying it after its validity window); ` +
              `the original failure was: ${cause.message}`
          })
          : new OrderStatusUnknown({
            venue,
            clientOrderId,
            detail: `placement failed ambiguously (${cause.message}) and the follow-up queries failed (${e.message})`
          })
      )
    )
  }).pipe(Effect.withSpan(`${options.venue}.resolveAmbiguousPlacement`))
