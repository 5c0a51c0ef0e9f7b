/**
 * The live set of fault rules of one sandbox. Servers and dialects ask it, at each point where a
 * fault can apply, whether one fires for this venue, path and method; a rule with a count is used
 * up as it fires. Probabilistic rules draw from the sandbox's seeded generator.
 *
 * @since 0.1.0
 */
import type { Random } from "../engine/Random.js"
import type { FaultKind, FaultRule } from "./FaultRule.js"

/**
 * A rule as held by the registry, with its id and how many firings remain.
 * @since 0.1.0
 */
export interface ActiveFault {
  readonly id: number
  readonly rule: FaultRule
  /** Remaining firings; `Infinity` when unlimited. */
  remaining: number
}

/**
 * Where a fault is being considered.
 * @since 0.1.0
 */
export interface FaultScope {
  readonly venue: string
  readonly path: string
  readonly method?: string | undefined
  /** Other names the target answers to (e.g. a stream name for `depthGap`). */
  readonly aliases?: ReadonlyArray<string> | undefined
}

const matchesPath = (pattern: string, path: string): boolean =>
  pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path

/**
 * Whether a rule applies to a scope (ignoring count and probability).
 * @since 0.1.0
 */
export const matches = (rule: FaultRule, scope: FaultScope): boolean =>
  (rule.venue === undefined || rule.venue === scope.venue) &&
  (rule.method === undefined || scope.method === undefined || rule.method === scope.method.toUpperCase()) &&
  (rule.path === undefined || matchesPath(rule.path, scope.path) ||
    (scope.aliases ?? []).some((alias) => matchesPath(rule.path!, alias)))

/**
 * The fault rules of one sandbox.
 * @since 0.1.0
 */
export class Faults {
  private readonly active: Array<ActiveFault> = []
  private readonly listeners = new Set<(fault: ActiveFault) => void>()
  private nextId = 1

  constructor(private readonly random: Random) {}

  /** Adds a rule; returns it with its id. Listeners (websocket servers) see it at once. */
  add(rule: FaultRule): ActiveFault {
    const remaining = rule.count ?? (rule.probability === undefined ? 1 : Infinity)
    const fault: ActiveFault = { id: this.nextId++, rule, remaining }
    this.active.push(fault)
    for (const listener of this.listeners) listener(fault)
    return fault
  }

  remove(id: number): void {
    const at = this.active.findIndex((f) => f.id === id)
    if (at >= 0) this.active.splice(at, 1)
  }

  clear(): void {
    this.active.length = 0
  }

  list(): ReadonlyArray<ActiveFault> {
    return this.active.filter((f) => f.remaining > 0)
  }

  /** Called with each rule as it is added. Returns the function that stops listening. */
  onAdded(listener: (fault: ActiveFault) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /**
   * The first rule of one of `kinds` that matches `scope` and fires (probability drawn now); its
   * count is used up by one. `undefined` when none fires.
   */
  take(kinds: ReadonlyArray<FaultKind>, scope: FaultScope): FaultRule | undefined {
    for (const fault of this.active) {
      if (fault.remaining <= 0 || !kinds.includes(fault.rule.kind) || !matches(fault.rule, scope)) continue
      if (!this.fires(fault)) continue
      fault.remaining -= 1
      return fault.rule
    }
    return undefined
  }

  /** Uses up one firing of a specific rule if it still has any and its probability fires. */
  takeRule(fault: ActiveFault): boolean {
    if (fault.remaining <= 0 || !this.fires(fault)) return false
    fault.remaining -= 1
    return true
  }

  private fires(fault: ActiveFault): boolean {
    return fault.rule.probability === undefined || this.random.chance(fault.rule.probability)
  }
}
