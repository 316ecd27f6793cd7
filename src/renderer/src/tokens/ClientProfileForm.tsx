/**
 * A new client profile: issuer, client id, how it authenticates (the secret typed here goes to
 * the keychain through main, never to the settings file), scopes, and the stored keys for
 * private_key_jwt and DPoP. The redirect is always a loopback listener main starts.
 */
import { useState, type FormEvent } from 'react'
import type { ClientProfile } from '../../../shared/oauth-schemas'
import {
  CLIENT_AUTH_METHODS,
  type ClientAuthMethod,
  usesClientSecret,
} from '../../../shared/oauth-names'
import type { ClientSummary } from '../../../shared/oauth-types'
import { api } from '../api'
import { CheckField } from '../components/CheckField'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { TextField } from '../components/TextField'
import { ErrorBanner } from '../ErrorBanner'
import { useApiCall } from '../hooks/useApiCall'
import { useLoadedCall } from '../hooks/useLoadedCall'

const METHOD_LABELS: Record<ClientAuthMethod, string> = {
  client_secret_basic: 'Client secret (Basic header)',
  client_secret_post: 'Client secret (in the body)',
  client_secret_jwt: 'Client secret JWT (HS256 assertion)',
  private_key_jwt: 'Private key JWT (a stored key signs)',
  none: 'None (public client, PKCE)',
}

export function ClientProfileForm({ onSaved }: { onSaved: (saved: ClientSummary) => void }) {
  const [name, setName] = useState('')
  const [issuer, setIssuer] = useState('')
  const [clientId, setClientId] = useState('')
  const [authMethod, setAuthMethod] = useState<ClientAuthMethod>('none')
  const [secret, setSecret] = useState('')
  const [signingKey, setSigningKey] = useState('')
  const [scope, setScope] = useState('openid profile email offline_access')
  const [audience, setAudience] = useState('')
  const [resource, setResource] = useState('')
  const [dpopKey, setDpopKey] = useState('')
  const [par, setPar] = useState(false)
  const keys = useLoadedCall(api['keys.list'])
  const signers = (keys.value ?? []).filter(
    (k) => k.use === 'sig' && k.kind !== 'hmac' && !k.verifyOnly,
  )
  const saved = useApiCall(api['clients.add'])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const profile: ClientProfile = {
      name: name.trim(),
      issuer: issuer.trim(),
      clientId: clientId.trim(),
      authMethod,
      ...(authMethod === 'private_key_jwt' && signingKey ? { signingKey } : {}),
      ...(scope.trim() ? { scope: scope.trim() } : {}),
      ...(audience.trim() ? { audience: audience.trim() } : {}),
      ...(resource.trim() ? { resource: resource.trim() } : {}),
      ...(dpopKey ? { dpopKey } : {}),
      ...(par ? { par: true } : {}),
    }
    const r = await saved.run({
      profile,
      ...(usesClientSecret(authMethod) && secret ? { clientSecret: secret } : {}),
    })
    if (r.ok) {
      setSecret('')
      onSaved(r.value)
    }
  }
  const keyOptions = ['', ...signers.map((k) => k.name)]
  return (
    <form
      className="panel client-form"
      aria-label="New client profile"
      onSubmit={(e) => void submit(e)}
    >
      <h2>New client profile</h2>
      <div className="field-grid">
        <TextField id="client-name" label="Profile name" value={name} onChange={setName} />
        <TextField id="client-id" label="Client ID" value={clientId} onChange={setClientId} />
      </div>
      <label className="field-label" htmlFor="client-issuer">
        Issuer (discovery)
      </label>
      <input
        id="client-issuer"
        type="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://login.microsoftonline.com/TENANT/v2.0"
        value={issuer}
        onChange={(e) => setIssuer(e.target.value)}
      />
      <label className="field-label" htmlFor="client-auth">
        Client authentication
      </label>
      <ChoiceSelect
        id="client-auth"
        options={CLIENT_AUTH_METHODS}
        value={authMethod}
        onChange={setAuthMethod}
        display={(m) => METHOD_LABELS[m]}
      />
      {usesClientSecret(authMethod) && (
        <>
          <label className="field-label" htmlFor="client-secret">
            Client secret (saved in the OS keychain)
          </label>
          <input
            id="client-secret"
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </>
      )}
      {authMethod === 'private_key_jwt' && (
        <>
          <label className="field-label" htmlFor="client-signing-key">
            Signing key (its public key registered with the provider)
          </label>
          <ChoiceSelect
            id="client-signing-key"
            options={keyOptions}
            value={signingKey}
            onChange={setSigningKey}
            display={(k) => k || 'Choose a stored key'}
          />
        </>
      )}
      <TextField id="client-scope" label="Scopes" value={scope} onChange={setScope} />
      <div className="field-grid">
        <TextField id="client-audience" label="Audience" value={audience} onChange={setAudience} />
        <TextField
          id="client-resource"
          label="Resource (RFC 8707)"
          value={resource}
          onChange={setResource}
        />
      </div>
      <label className="field-label" htmlFor="client-dpop">
        DPoP key (bind tokens to a stored key)
      </label>
      <ChoiceSelect
        id="client-dpop"
        options={keyOptions}
        value={dpopKey}
        onChange={setDpopKey}
        display={(k) => k || 'No DPoP'}
      />
      <CheckField
        label="Always push the authorization request (PAR)"
        checked={par}
        onChange={setPar}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={saved.pending || !name.trim() || !issuer.trim() || !clientId.trim()}
        >
          {saved.pending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
      {saved.error && <ErrorBanner error={saved.error} />}
    </form>
  )
}
