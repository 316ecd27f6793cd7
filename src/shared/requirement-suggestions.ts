/**
 * Required-claim lines (`name` or `name=value`, as `--require` and the Verify form take them)
 * suggested from a token's own claims: every claim's presence, each scalar value, each member
 * of an array, each word of a scope string, nested objects by dotted path, and a JSON pointer
 * where a nested name holds a dot or a slash. Timestamps (exp, iat, …) and per-token values
 * (jti, nonce) are offered only as present: requiring their value would fit this token alone.
 */
import { describeClaim } from './claims'
import { isRecord } from './is-record'
import { jsonOrString } from './json-or-string'
import { SCOPE_PATHS } from './providers'

export interface RequirementSuggestion {
  /** The line as the form and `--require` take it. */
  line: string
  /** The top-level claim it comes from (to group the suggestions). */
  claim: string
}

/** Values that identify one token, never a class of tokens. */
const PER_TOKEN = new Set(['jti', 'nonce', 'at_hash', 'c_hash', 'sid', 'uti', 'aio', 'rh'])
const MAX_DEPTH = 4
const MAX_MEMBERS = 50
const MAX_SUGGESTIONS = 300
const MAX_VALUE_LENGTH = 200

/**
 * @example
 * requirementSuggestions({ realm_access: { roles: ['admin'] }, scope: 'openid orders:read' }).map((s) => s.line)
 * // ['realm_access', 'realm_access.roles', 'realm_access.roles=admin', 'scope', 'scope=openid', 'scope=orders:read']
 */
export function requirementSuggestions(payload: unknown): RequirementSuggestion[] {
  if (!isRecord(payload)) return []
  const out: RequirementSuggestion[] = []
  const add = (claim: string, line: string) => {
    const full = out.length >= MAX_SUGGESTIONS || out.some((s) => s.line === line)
    if (!full) out.push({ claim, line })
  }
  for (const [name, value] of Object.entries(payload)) {
    if (name === '' || name.includes('=')) continue
    const path = topLevelPath(name)
    add(name, path)
    if (describeClaim(name)?.time === true || PER_TOKEN.has(name)) continue
    addValues(name, [name], path, value, 0, add)
  }
  return out
}

function addValues(
  claim: string,
  steps: string[],
  path: string,
  value: unknown,
  depth: number,
  add: (claim: string, line: string) => void,
): void {
  if (Array.isArray(value)) {
    for (const member of value.slice(0, MAX_MEMBERS)) {
      if (isScalar(member)) add(claim, `${path}=${valueText(member)}`)
    }
  } else if (typeof value === 'string' && isScopeString(steps, value)) {
    for (const word of value.split(/\s+/).filter(isScalar).slice(0, MAX_MEMBERS)) {
      add(claim, `${path}=${valueText(word)}`)
    }
  } else if (isScalar(value)) {
    add(claim, `${path}=${valueText(value)}`)
  } else if (isRecord(value) && depth < MAX_DEPTH) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '' || key.includes('=')) continue
      const innerSteps = [...steps, key]
      const innerPath = nestedPath(innerSteps)
      add(claim, innerPath)
      addValues(claim, innerSteps, innerPath, inner, depth + 1, add)
    }
  }
}

/** A top-level name is matched exactly first, so only a leading `/` (a pointer) needs escaping. */
function topLevelPath(name: string): string {
  return name.startsWith('/') ? pointer([name]) : name
}

/** A dotted path, or a JSON pointer when a step holds a dot or a slash (or the first is `/…`). */
function nestedPath(steps: string[]): string {
  const plain = steps.every((s) => !s.includes('.') && !s.includes('/'))
  return plain ? steps.join('.') : pointer(steps)
}

function pointer(steps: string[]): string {
  return steps.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

function isScopeString(steps: string[], value: string): boolean {
  return steps.length === 1 && SCOPE_PATHS.includes(steps[0]!) && /\s/.test(value.trim())
}

/** A value a line can require: a string with `|` reads as alternatives, so it cannot be one. */
function isScalar(value: unknown): value is string | number | boolean {
  if (typeof value === 'string')
    return value.length <= MAX_VALUE_LENGTH && !/[\n|]/.test(value) && value !== ''
  return typeof value === 'number' || typeof value === 'boolean'
}

/**
 * The value as the line reads it back: a string that would parse as JSON (`"42"`, `"true"`) or
 * has spaces at its ends is quoted so it stays the same string.
 */
function valueText(value: string | number | boolean): string {
  if (typeof value !== 'string') return JSON.stringify(value)
  const plain = value.trim() === value && jsonOrString(value) === value
  return plain ? value : JSON.stringify(value)
}
