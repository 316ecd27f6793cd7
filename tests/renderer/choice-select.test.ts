import { describe, expect, it } from 'vitest'
import { choiceOptions } from '../../src/renderer/src/components/choice-options'
import { NOT_AVAILABLE } from '../../src/shared/jwe-algorithms'

describe('a picker over algorithms the runtime may lack', () => {
  it('greys out an unavailable one and says why; the others stay choosable', () => {
    const options = choiceOptions(['ES256', 'ES256K', 'EdDSA'] as const, undefined, (alg) =>
      alg === 'ES256K' ? NOT_AVAILABLE : undefined,
    )
    expect(options).toEqual([
      { value: 'ES256', label: 'ES256', disabled: false },
      { value: 'ES256K', label: 'ES256K (not available in this runtime)', disabled: true },
      { value: 'EdDSA', label: 'EdDSA', disabled: false },
    ])
  })
})
