/** The key-source part of the Mint and Verify forms, and how it becomes a contract KeySourceInput. */
import type { FormResult } from './form-fields'
import type { KeySourceInput } from '../../../shared/request-schemas'

/** jwksUrl, issuer and trusted are for verifying only. */
export type KeySourceMode = 'secret' | 'stored' | 'keyText' | 'jwksUrl' | 'issuer' | 'trusted'

export interface KeySourceForm {
  mode: KeySourceMode
  secret: string
  storedKey: string
  keyText: string
  /** Picks one key out of a pasted JWKS. */
  kid: string
  jwksUrl: string
  issuer: string
}

export const EMPTY_KEY_SOURCE: KeySourceForm = {
  mode: 'secret',
  secret: '',
  storedKey: '',
  keyText: '',
  kid: '',
  jwksUrl: '',
  issuer: '',
}

/**
 * The contract's key source for what the form holds; an empty field is ERR_NO_KEY.
 *
 * @example
 * toKeySource({ ...EMPTY_KEY_SOURCE, secret: 'hex:00ff' }) // { ok: true, value: { secret: 'hex:00ff' } }
 */
export function toKeySource(form: KeySourceForm): FormResult<KeySourceInput, 'key'> {
  const missing = (message: string): FormResult<KeySourceInput, 'key'> => ({
    ok: false,
    field: 'key',
    error: { code: 'ERR_NO_KEY', message },
  })
  switch (form.mode) {
    case 'secret':
      if (form.secret === '') return missing('Enter a secret (text, or b64:… / hex:… for bytes).')
      return { ok: true, value: { secret: form.secret } }
    case 'stored':
      if (form.storedKey === '') return missing('Choose a stored key.')
      return { ok: true, value: { storedKey: form.storedKey } }
    case 'keyText': {
      if (form.keyText.trim() === '')
        return missing('Paste a PEM key, a certificate, a JWK or a JWKS.')
      const kid = form.kid.trim()
      return {
        ok: true,
        value: kid === '' ? { keyText: form.keyText } : { keyText: form.keyText, kid },
      }
    }
    case 'jwksUrl':
      if (form.jwksUrl.trim() === '') return missing('Enter the JWKS URL (https://…/jwks.json).')
      return { ok: true, value: { jwksUrl: form.jwksUrl.trim() } }
    case 'issuer':
      if (form.issuer.trim() === '') return missing("Enter the issuer's URL (its iss).")
      return { ok: true, value: { issuer: form.issuer.trim() } }
    case 'trusted':
      return { ok: true, value: { trusted: true } }
  }
}
