/**
 * A small seeded pseudo-random generator (mulberry32) for everything in the sandbox whose behaviour
 * is random: the synthetic market, generated ids and keys, probabilistic fault rules. The same seed
 * gives the same sequence, so a failing run can be replayed from its printed seed.
 *
 * Not for cryptography; the values drive behaviour, never money arithmetic.
 *
 * @since 0.1.0
 */

/**
 * A seeded source of randomness.
 * @since 0.1.0
 */
export interface Random {
  readonly seed: number
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [0, maxExclusive). */
  readonly int: (maxExclusive: number) => number
  /** An integer in [min, max] (both inclusive). */
  readonly between: (min: number, max: number) => number
  /** `true` with probability `p`. */
  readonly chance: (p: number) => boolean
  /** A string of `length` characters drawn from `alphabet`. */
  readonly string: (length: number, alphabet?: string) => string
  /** An independent generator derived from this one and a label (stable across runs). */
  readonly fork: (label: string) => Random
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

const hashLabel = (seed: number, label: string): number => {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b) >>> 0
    h = (h ^ (h >>> 13)) >>> 0
  }
  return h >>> 0
}

/**
 * Creates a generator from a 32-bit seed.
 * @since 0.1.0
 */
export const make = (seed: number): Random => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive)
  return {
    seed: seed >>> 0,
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    string: (length, alphabet = ALNUM) => {
      let out = ""
      for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)]
      return out
    },
    fork: (label) => make(hashLabel(seed, label))
  }
}

/**
 * A fresh seed for runs that did not ask for one (printed by the sandbox so the run can be replayed).
 * @since 0.1.0
 */
export const freshSeed = (): number => (Math.random() * 0x1_0000_0000) >>> 0
