/**
 * JSON helpers for venue payloads: lossless parsing of large integers (ids above 2^53 become
 * strings instead of silently losing digits) and short, redacted snippets for error messages.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"

const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Quotes every integer literal whose magnitude is above `Number.MAX_SAFE_INTEGER`, outside
 * strings, so `JSON.parse` keeps all of its digits. Linear scan; returns the input unchanged when
 * nothing needs quoting.
 * @internal
 */
export const quoteUnsafeIntegers = (text: string): string => {
  let out: Array<string> | undefined
  let last = 0
  let inString = false
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped char
      else if (c === 34) inString = false
      continue
    }
    if (c === 34) {
      inString = true
      continue
    }
    if (c === 45 || isDigit(c)) {
      const start = i
      if (c === 45) i++
      const digitsStart = i
      while (i < n && isDigit(text.charCodeAt(i))) i++
      const next = i < n ? text.charCodeAt(i) : 0
      const isInteger = next !== 46 && next !== 101 && next !== 69
      if (isInteger && i - digitsStart >= 16) {
        const literal = text.slice(start, i)
        if (!Number.isSafeInteger(Number.parseInt(literal, 10))) {
          out ??= []
          out.push(text.slice(last, start), "\"", literal, "\"")
          last = i
        }
      }
      // skip the rest of a non-integer number literal
      while (i < n) {
        const d = text.charCodeAt(i)
        if (isDigit(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++
        else break
      }
      i--
    }
  }
  if (out === undefined) return text
  out.push(text.slice(last))
  return out.join("")
}

/**
 * Parses JSON, keeping integers above 2^53 as strings. `Left` carries the parser's message.
 * @since 0.1.0
 */
export const parseLossless = (text: string): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(quoteUnsafeIntegers(text)))
  } catch (e) {
    return Either.left(e instanceof Error ? e.message : String(e))
  }
}

const SECRET_FIELDS =
  /("(?:signature|sign|apiKey|api_key|secret|secretKey|apiSecret|passphrase|privateKey|listenKey|token|accessToken)"\s*:\s*)"[^"]*"/gi
const SECRET_PARAMS = /((?:signature|apiKey|secret|passphrase|listenKey|token)=)[^&\s"]*/gi

/**
 * Removes signatures, keys and tokens from a payload excerpt.
 * @since 0.1.0
 */
export const redact = (text: string): string =>
  text.replace(SECRET_FIELDS, "$1\"<redacted>\"").replace(SECRET_PARAMS, "$1<redacted>")

/**
 * A redacted excerpt of a payload, at most `maxBytes` UTF-8 bytes (default 256).
 * @since 0.1.0
 */
export const snippet = (text: string, maxBytes = 256): string => {
  const clean = redact(text).replace(/\s+/g, " ").trim()
  const bytes = Buffer.from(clean, "utf8")
  if (bytes.length <= maxBytes) return clean
  // cut on a character boundary, leaving room for the ellipsis (3 bytes)
  let cut = bytes.subarray(0, maxBytes - 3).toString("utf8")
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1)
  return cut + "…"
}
