/**
 * How deep a parsed JSON value nests, counted without recursion so a hostile value cannot
 * overflow the stack. Every JSON that enters from outside is held to LIMITS.jsonDepth: the
 * serializers that handle it later (IPC, HTTP, the settings file) recurse.
 */

/**
 * The depth of `value`, counted up to `limit` + 1 (a deeper value reports limit + 1).
 *
 * @example
 * jsonDepth({ a: [1, { b: 2 }] }, 64) // 3
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [item, level] = stack.pop()!
    if (typeof item !== 'object' || item === null) continue
    if (level > deepest) deepest = level
    if (deepest > limit) return limit + 1
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, level + 1])
    }
  }
  return deepest
}
