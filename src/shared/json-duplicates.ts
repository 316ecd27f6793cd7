/**
 * Finds object keys that appear twice in the same JSON object. JSON.parse keeps the last one
 * silently, while other parsers keep the first: a token with duplicate claims can mean
 * different things to the issuer and to the recipient.
 */

/**
 * The duplicated keys of every object in `json` (each name once, in order of first
 * duplication). Keys are compared after unescaping, so `"a"` and `"\u0061"` collide. Works
 * in one linear pass with an explicit stack, so deep nesting cannot overflow. Input that is
 * not JSON gives a best-effort answer and never throws.
 *
 * @example
 * findDuplicateKeys('{"sub":"a","sub":"b"}') // ['sub']
 * findDuplicateKeys('{"a":{"b":1},"b":2}') // []
 */
export function findDuplicateKeys(json: string, limit = 20): string[] {
  const duplicates: string[] = []
  // One entry per open container: a Set of the keys seen for an object, null for an array.
  const stack: Array<Set<string> | null> = []
  let expectKey = false
  let i = 0
  const n = json.length
  while (i < n) {
    const ch = json.charCodeAt(i)
    if (ch === 0x22 /* " */) {
      const start = i
      i++
      let escaped = false
      while (i < n) {
        const c = json.charCodeAt(i)
        if (c === 0x5c /* \ */) {
          escaped = true
          i += 2
          continue
        }
        if (c === 0x22) break
        i++
      }
      const end = Math.min(i, n)
      i = end + 1
      const top = stack[stack.length - 1]
      if (expectKey && top) {
        const raw = json.slice(start + 1, end)
        const key = escaped ? unescape(raw) : raw
        if (top.has(key)) {
          if (duplicates.length < limit && !duplicates.includes(key)) duplicates.push(key)
        } else top.add(key)
        expectKey = false
      }
      continue
    }
    if (ch === 0x7b /* { */) {
      stack.push(new Set())
      expectKey = true
    } else if (ch === 0x5b /* [ */) {
      stack.push(null)
      expectKey = false
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop()
      expectKey = false
    } else if (ch === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] instanceof Set
    }
    i++
  }
  return duplicates
}

function unescape(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}
