/** Generate a key in the keychain: name, key type (size or curve) and alg. */
import { useState } from 'react'
import type { JwsAlg } from '../../../shared/key-types'
import type { KeySummary } from '../../../shared/stored-key-types'
import { api } from '../api'
import { useApiCall } from '../components/useApiCall'
import { ErrorBanner } from '../ErrorBanner'
import { KEY_TYPES, parseList } from './key-choices'
import { ChoiceSelect } from '../components/ChoiceSelect'

export function GenerateKeyForm({ onCreated }: { onCreated: (key: KeySummary) => void }) {
  const [name, setName] = useState('')
  const [typeId, setTypeId] = useState(KEY_TYPES[0]!.id)
  const type = KEY_TYPES.find((t) => t.id === typeId) ?? KEY_TYPES[0]!
  const [alg, setAlg] = useState<JwsAlg>(type.algs[0]!)
  const [tags, setTags] = useState('')
  const generated = useApiCall(api['keys.generate'])
  const effectiveAlg = type.algs.includes(alg) ? alg : type.algs[0]!

  return (
    <form
      className="panel key-form"
      aria-label="Generate a key"
      onSubmit={(e) => {
        e.preventDefault()
        const request = {
          name: name.trim(),
          alg: effectiveAlg,
          ...(type.bits ? { bits: type.bits } : {}),
          ...(parseList(tags).length > 0 ? { tags: parseList(tags) } : {}),
        }
        void generated.run(request).then((r) => {
          if (!r.ok) return
          setName('')
          onCreated(r.value)
        })
      }}
    >
      <h3>Generate a key</h3>
      <label className="stacked">
        New key name
        <input
          type="text"
          value={name}
          placeholder="dev-signing"
          spellCheck={false}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <div className="row">
        <label className="stacked">
          Key type
          <select
            value={typeId}
            onChange={(e) => {
              const next = KEY_TYPES.find((t) => t.id === e.target.value) ?? KEY_TYPES[0]!
              setTypeId(next.id)
              setAlg(next.algs[0]!)
            }}
          >
            {KEY_TYPES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="stacked">
          Signing algorithm
          <ChoiceSelect options={type.algs} value={effectiveAlg} onChange={setAlg} />
        </label>
      </div>
      <label className="stacked">
        Tags (optional, comma-separated)
        <input type="text" value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={generated.pending}>
        {generated.pending ? 'Generating…' : 'Generate key'}
      </button>
      {generated.error && <ErrorBanner error={generated.error} />}
      {generated.value && (
        <p className="ok" role="status">
          Generated <strong>{generated.value.name}</strong> ({generated.value.detail}), kid{' '}
          <code>{generated.value.kid}</code>
        </p>
      )}
    </form>
  )
}
