/**
 * A venue's book-channel frame declared as data (DESIGN.md §12): its fields and what each holds,
 * which are required, and which field is which part of a `BookUpdate`. One declaration gives both
 * decoders of the channel, which therefore cannot disagree on the fields:
 *
 * - `scan`: reads the plain, compact form straight from the frame's text with `ObjectScanner`s (no
 *   `JSON.parse`, levels left in the text), `undefined` for anything else;
 * - `decode`: the reference decoder of a `JSON.parse`d frame, checking the same fields by the same
 *   table (unknown keys are ignored) and answering a `BookDecodeFailure` with the offending path;
 * - `decodePayload`: the stream's decoder, `scan` where it can, else `decode` (`textOrParsed`).
 *
 * No Schema, no Effect, no throw on the per-message path.
 *
 * @since 0.1.0
 */
import type { BookUpdate, RawLevel } from "../model/OrderBook.js"
import { type FieldKind, ObjectScanner, TextBookUpdate, textOrParsed } from "./BookText.js"
import { BookDecodeFailure, checkLevels } from "./BookWire.js"

/**
 * The fields of a JSON object, in the order `decode` checks them: a string, an integer (`0` or
 * positive, safe), a `[["price","size"]…]` level array, or a nested object (always required).
 * @since 0.1.0
 */
export interface Shape {
  readonly [key: string]: "string" | "integer" | "levels" | Shape
}

/**
 * A book frame: its shape, and where the parts of the update are, as dotted paths (`"data.s"`).
 * @since 0.1.0
 */
export interface BookFrame {
  readonly shape: Shape
  /** Paths that must be present; the other fields are checked only when present. */
  readonly required: ReadonlyArray<string>
  /** String fields that must hold one of these values. */
  readonly oneOf?: { readonly [path: string]: ReadonlyArray<string> } | undefined
  readonly venueSymbol: string
  readonly bids: string
  readonly asks: string
  readonly lastUpdateId: string
  readonly firstUpdateId?: string | undefined
  readonly prevUpdateId?: string | undefined
  readonly exchangeTime?: string | undefined
  /** The frame is a snapshot when string field `field` is `value` or the last update id is `lastUpdateId`; else a delta. */
  readonly snapshot?: { readonly field: string; readonly value: string; readonly lastUpdateId?: number } | undefined
}

/** One field, compiled: its path, the slot of the object it sits in (0: the frame), its scanner slot. */
interface Field {
  readonly path: string
  readonly key: string
  readonly kind: "string" | "integer" | "levels" | "object"
  readonly parent: number
  /** For an object: the slot of its fields. */
  readonly slot: number
  scanner: ObjectScanner
  readonly index: number
  readonly required: boolean
  readonly oneOf: ReadonlyArray<string> | undefined
}

const isInteger = (u: unknown): u is number => Number.isSafeInteger(u) && (u as number) >= 0

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const expected = {
  string: "expected a string",
  integer: "expected an integer",
  levels: "expected an array of [price, size]",
  object: "expected an object"
}

const get = (objects: ReadonlyArray<Record<string, unknown>>, f: Field): unknown => objects[f.parent]![f.key]

/**
 * The decoders of a venue's book frame.
 * @since 0.1.0
 */
export const make = (venue: string, frame: BookFrame) => {
  // every field, each object's fields right after it (the order `decode` checks them)
  const fields: Array<Field> = []
  let slots = 0
  const compile = (shape: Shape, prefix: string, parent: number): ObjectScanner => {
    const mine = Object.entries(shape).map(([key, kind], index) => {
      const nested = typeof kind === "object"
      const field: Field = {
        path: prefix + key,
        key,
        kind: nested ? "object" : kind,
        parent,
        slot: nested ? ++slots : 0,
        scanner: undefined as unknown as ObjectScanner,
        index,
        required: nested || frame.required.includes(prefix + key),
        oneOf: frame.oneOf?.[prefix + key]
      }
      fields.push(field)
      return [field, nested ? compile(kind, `${field.path}.`, field.slot) : kind] as const
    })
    const scanner = new ObjectScanner(mine.map(([f, kind]): readonly [string, FieldKind] => [f.key, kind]))
    for (const [f] of mine) f.scanner = scanner
    return scanner
  }
  const root = compile(frame.shape, "", 0)
  const at = (path: string | undefined): Field | undefined => {
    if (path === undefined) return undefined
    const field = fields.find((f) => f.path === path)
    if (field === undefined) throw new Error(`BookFrame: no field ${path}`)
    return field
  }
  const symbol = at(frame.venueSymbol)!
  const bids = at(frame.bids)!
  const asks = at(frame.asks)!
  const last = at(frame.lastUpdateId)!
  const first = at(frame.firstUpdateId)
  const prev = at(frame.prevUpdateId)
  const time = at(frame.exchangeTime)
  const snapshotField = at(frame.snapshot?.field)
  const snapshotValue = frame.snapshot?.value ?? ""
  const snapshotId = frame.snapshot?.lastUpdateId
  // the scanners in the order they are filled (root first), each with its required fields as bits
  const scanners = [...new Set(fields.map((f) => f.scanner))].map((scanner) => ({
    scanner,
    mask: fields.filter((f) => f.scanner === scanner && f.required).reduce((m, f) => m | (1 << f.index), 0)
  }))
  const oneOfs = fields.filter((f) => f.oneOf !== undefined)
  const detail = (f: Field) =>
    f.oneOf !== undefined ? `expected ${f.oneOf.map((v) => JSON.stringify(v)).join(" or ")}` : expected[f.kind]

  const scanned = (f: Field | undefined): number | undefined =>
    f !== undefined && f.scanner.has(f.index) ? f.scanner.values[f.index] : undefined

  const scan = (text: string, start: number, end: number, receiveTime: number): TextBookUpdate | undefined => {
    if (!root.scan(text, start, end)) return undefined
    for (let i = 0; i < scanners.length; i++) {
      const { mask, scanner } = scanners[i]!
      if ((scanner.seen & mask) !== mask) return undefined
    }
    for (let i = 0; i < oneOfs.length; i++) {
      const f = oneOfs[i]!
      if (!f.scanner.has(f.index)) continue
      let j = f.oneOf!.length - 1
      while (j >= 0 && !f.scanner.stringEquals(text, f.index, f.oneOf![j]!)) j--
      if (j < 0) return undefined
    }
    const lastUpdateId = last.scanner.values[last.index]!
    const snapshot = snapshotField !== undefined &&
      ((snapshotField.scanner.has(snapshotField.index) &&
        snapshotField.scanner.stringEquals(text, snapshotField.index, snapshotValue)) ||
        lastUpdateId === snapshotId)
    return new TextBookUpdate(
      snapshot ? "snapshot" : "delta",
      symbol.scanner.string(text, symbol.index),
      text,
      bids.scanner.values[bids.index]!,
      bids.scanner.extents[bids.index]!,
      asks.scanner.values[asks.index]!,
      asks.scanner.extents[asks.index]!,
      scanned(first),
      lastUpdateId,
      scanned(prev),
      scanned(time),
      receiveTime
    )
  }

  const decode = (json: unknown, receiveTime: number): BookUpdate | BookDecodeFailure => {
    if (!isObject(json)) return new BookDecodeFailure("", "expected an object")
    const objects: Array<Record<string, unknown>> = [json]
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!
      const value = get(objects, f)
      if (value === undefined) {
        if (f.required) return new BookDecodeFailure(f.path, detail(f))
        continue
      }
      if (f.kind === "levels") {
        const bad = checkLevels(value, f.path)
        if (bad !== undefined) return bad
      } else if (
        f.kind === "object" ? !isObject(value) : f.kind === "integer" ? !isInteger(value) : typeof value !== "string"
      ) {
        return new BookDecodeFailure(f.path, detail(f))
      } else if (f.oneOf !== undefined && !f.oneOf.includes(value as string)) {
        return new BookDecodeFailure(f.path, detail(f))
      }
      if (f.kind === "object") objects[f.slot] = value as Record<string, unknown>
    }
    const lastUpdateId = get(objects, last) as number
    const update: { -readonly [K in keyof BookUpdate]: BookUpdate[K] } = {
      kind:
        snapshotField !== undefined && (get(objects, snapshotField) === snapshotValue || lastUpdateId === snapshotId)
          ? "snapshot"
          : "delta",
      venueSymbol: get(objects, symbol) as string,
      bids: get(objects, bids) as ReadonlyArray<RawLevel>,
      asks: get(objects, asks) as ReadonlyArray<RawLevel>,
      lastUpdateId,
      receiveTime
    }
    if (first !== undefined) update.firstUpdateId = get(objects, first) as number | undefined
    if (prev !== undefined) update.prevUpdateId = get(objects, prev) as number | undefined
    if (time !== undefined) update.exchangeTime = get(objects, time) as number | undefined
    return update
  }

  return { scan, decode, decodePayload: textOrParsed(venue, scan, decode) }
}
