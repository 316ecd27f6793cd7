import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findDuplicateKeys } from '../../src/shared/json-duplicates'

describe('findDuplicateKeys', () => {
  it('finds keys repeated in the same object, at any depth, after unescaping', () => {
    expect(findDuplicateKeys('{"sub":"a","sub":"b"}')).toEqual(['sub'])
    expect(findDuplicateKeys('{"a":{"x":1,"y":2,"x":3}}')).toEqual(['x'])
    expect(findDuplicateKeys('[{"a":1},{"a":2},{"b":1,"b":1}]')).toEqual(['b'])
    expect(findDuplicateKeys('{"sub":1,"\\u0073ub":2}')).toEqual(['sub'])
    expect(findDuplicateKeys('{"a":1,"a":2,"a":3,"b":1,"b":2}')).toEqual(['a', 'b'])
  })

  it('does not confuse values, nested objects or strings with braces for keys', () => {
    expect(findDuplicateKeys('{"a":"a","b":"a"}')).toEqual([])
    expect(findDuplicateKeys('{"a":{"b":1},"b":2}')).toEqual([])
    expect(findDuplicateKeys('{"a":"{\\"b\\":1,\\"b\\":2}","c":["a","a"]}')).toEqual([])
    expect(findDuplicateKeys('{"k":[1,{"k":2}],"j":3}')).toEqual([])
  })

  it('handles deep nesting without recursion and never throws on garbage', () => {
    const deep = '['.repeat(200_000) + '{"a":1,"a":2}' + ']'.repeat(200_000)
    expect(findDuplicateKeys(deep)).toEqual(['a'])
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(Array.isArray(findDuplicateKeys(text))).toBe(true)
      }),
    )
  })

  it('agrees with JSON.stringify output, which never has duplicates', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findDuplicateKeys(JSON.stringify(value))).toEqual([])
      }),
    )
  })

  it('finds a duplicate injected into any generated object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (dict) => {
        const json = JSON.stringify(dict)
        const key = Object.keys(dict)[0]!
        const withDuplicate = `${json.slice(0, -1)},${JSON.stringify(key)}:null}`
        expect(findDuplicateKeys(withDuplicate)).toContain(key)
      }),
    )
  })
})
