/**
 * JSON helpers for venue payloads: lossless parsing of large integers (ids above 2^53 become
 * strings instead of silently losing digits) and short, redacted snippets for error messages.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"

const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Deepest nesting of arrays and objects accepted in a venue payload (REST body or websocket frame).
 * No venue nests deeper than a handful of levels; a payload nested deeper is refused before anything
 * walks it (a value nested 100,000 deep overflows the stack of every recursive formatter).
 * @since 0.1.0
 */
export const maxJsonDepth = 128

/**
 * What `scan` found wrong with a payload, or the text to hand `JSON.parse`.
 */
type Scanned = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string }

const isZeroMantissa = (literal: string): boolean => {
  for (let i = 0; i < literal.length; i++) {
    const c = literal.charCodeAt(i)
    if (c === 101 || c === 69) return true
    if (c >= 49 && c <= 57) return false
  }
  return true
}

/**
 * One linear pass outside strings: quotes integer literals above 2^53 (when `quote`), refuses
 * nesting deeper than `maxDepth`, and refuses number literals a double cannot hold — `1e400`
 * (Infinity) or `1e-400` (a non-zero number that would silently become 0).
 */
const scan = (text: string, maxDepth: number, quote: boolean): Scanned => {
  let out: Array<string> | undefined
  let last = 0
  let inString = false
  let depth = 0
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
    if (c === 91 || c === 123) {
      if (++depth > maxDepth) return { ok: false, reason: `nested deeper than ${maxDepth} levels` }
      continue
    }
    if (c === 93 || c === 125) {
      depth--
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
        if (quote && !Number.isSafeInteger(Number.parseInt(literal, 10))) {
          out ??= []
          out.push(text.slice(last, start), "\"", literal, "\"")
          last = i
        }
      }
      // the rest of a non-integer number literal
      let exponent = false
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d === 101 || d === 69) exponent = true
        if (isDigit(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++
        else break
      }
      if (exponent || i - start > 300) {
        const literal = text.slice(start, i)
        // eslint-disable-next-line no-restricted-syntax -- a range check on a JSON literal, not money
        const value = Number.parseFloat(literal) // lotusx-allow-number: a range check, not money
        if (!Number.isFinite(value) || (value === 0 && !isZeroMantissa(literal))) {
          return {
            ok: false,
            reason: `the number ${literal.length > 24 ? literal.slice(0, 24) + "…" : literal} is out of range`
          }
        }
      }
      i--
    }
  }
  if (out === undefined) return { ok: true, text }
  out.push(text.slice(last))
  return { ok: true, text: out.join("") }
}

/**
 * Whether `scan` would pass `text` through unchanged, told without scanning it: outside strings,
 * no run of 16 digits (so no integer above 2^53, and no number literal over 300 characters), no
 * digit followed by an exponent, and fewer than `maxDepth` brackets in all. String contents are
 * skipped (an id such as `"…3e…"` is not a number); a text that is not well-formed JSON is refused
 * by `JSON.parse` whatever this says.
 */
const plainlySafe = (text: string, maxDepth: number): boolean => {
  // one pass: the run of digits so far, and the brackets opened
  let run = 0
  let opened = 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      // a string: on to its closing quote (a backslash escapes the next character)
      run = 0
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i)
        if (d === 92) i++
        else if (d === 34) break
      }
      continue
    }
    if (c >= 48 && c <= 57) {
      if (++run >= 16) return false
      continue
    }
    if (run > 0 && (c === 101 || c === 69)) return false
    run = 0
    if ((c === 123 || c === 91) && ++opened >= maxDepth) return false
  }
  return true
}

/**
 * Quotes every integer literal whose magnitude is above `Number.MAX_SAFE_INTEGER`, outside
 * strings, so `JSON.parse` keeps all of its digits. Linear scan; returns the input unchanged when
 * nothing needs quoting.
 * @internal
 */
export const quoteUnsafeIntegers = (text: string): string => {
  const r = scan(text, Infinity, true)
  return r.ok ? r.text : text
}

/**
 * Parses JSON, keeping integers above 2^53 as strings. `Left` carries the reason: the parser's
 * message, nesting deeper than `maxJsonDepth`, or a number literal out of a double's range.
 * @since 0.1.0
 */
export const parseLossless = (text: string): Either.Either<unknown, string> => {
  const scanned = plainlySafe(text, maxJsonDepth) ? { ok: true as const, text } : scan(text, maxJsonDepth, true)
  if (!scanned.ok) return Either.left(scanned.reason)
  try {
    return Either.right(JSON.parse(scanned.text))
  } catch (e) {
    return Either.left(e instanceof Error ? e.message : String(e))
  }
}

/**
 * Parses a websocket frame: plain `JSON.parse` (ids above 2^53 are the decoders' business there),
 * refusing the same payloads `parseLossless` refuses.
 * @since 0.1.0
 */
export const parseFrame = (text: string): Either.Either<unknown, string> => {
  const scanned = plainlySafe(text, maxJsonDepth) ? { ok: true as const, text } : scan(text, maxJsonDepth, false)
  if (!scanned.ok) return Either.left(scanned.reason)
  try {
    return Either.right(JSON.parse(text))
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
