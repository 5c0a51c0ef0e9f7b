/**
 * Binance's error envelope, the same on Spot and USDⓈ-M: `{"code": <negative>, "msg": …}` bodies on
 * any status (USDⓈ-M's `allOpenOrders` answers `{"code": 200, …}` on success: not an error), and
 * 418 / 429 without a body. Each product classifies the code with its own table.
 * https://developers.binance.com/docs/binance-spot-api-docs/errors
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import type { ClassifyInput } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"
import * as FastDecoder from "../../kernel/FastDecoder.js"
import type { RawResponse } from "../../kernel/RestClient.js"
import { ErrorEnvelope } from "./wire.js"

const decodeEnvelope = FastDecoder.makeOption(ErrorEnvelope)

/**
 * A response classifier from a product's code classifier.
 * @since 0.1.0
 */
export const classifyResponse = (classify: (input: ClassifyInput) => TransportError) =>
(
  response: RawResponse,
  context: { readonly endpoint: string }
): TransportError | undefined => {
  // a body without `code` (every success) is no envelope, told without a decode that fails
  const json = response.json
  const envelope = typeof json === "object" && json !== null && "code" in json ? decodeEnvelope(json) : Option.none()
  const extras = {
    retryAfterMs: response.retryAfterMs,
    untilMs: response.status === 418 && response.retryAfterMs !== undefined
      ? response.receivedAt + response.retryAfterMs
      : undefined
  }
  if (Option.isSome(envelope) && (envelope.value.code < 0 || response.status >= 400)) {
    return classify({
      code: envelope.value.code,
      msg: envelope.value.msg,
      httpStatus: response.status,
      endpoint: context.endpoint,
      extras
    })
  }
  if (response.status === 418 || response.status === 429) {
    return classify({ code: "-1003", msg: "", httpStatus: response.status, endpoint: context.endpoint, extras })
  }
  return undefined
}
