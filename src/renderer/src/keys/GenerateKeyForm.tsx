/** Generate a key in the keychain: name, key type (size or curve) and alg. */
import { useState } from 'react'
import type { KeySummary } from '../../../shared/stored-key-types'
import { api } from '../api'
import { useApiCall } from '../hooks/useApiCall'
import { ErrorBanner } from '../ErrorBanner'
import { KEY_TYPES, keyType, parseList } from './key-choices'
import { NOT_AVAILABLE } from '../../../shared/jwe-algorithms'
import { useRuntimeAlgorithms } from '../hooks/useRuntimeAlgorithms'
import { ChoiceSelect } from '../components/ChoiceSelect'
import type { StoredKeyAlg } from '../../../shared/algorithms'

export function GenerateKeyForm({ onCreated }: { onCreated: (key: KeySummary) => void }) {
  const available = useRuntimeAlgorithms()
  const [name, setName] = useState('')
  const [typeId, setTypeId] = useState(KEY_TYPES[0]!.id)
  const type = keyType(typeId)
  const [alg, setAlg] = useState<StoredKeyAlg>(type.algs[0]!)
  const [tags, setTags] = useState('')
  const generated = useApiCall(api['keys.generate'])

  return (
    <form
      className="panel key-form"
      aria-label="Generate a key"
      onSubmit={(e) => {
        e.preventDefault()
        const tagList = parseList(tags)
        const request = {
          name: name.trim(),
          alg,
          ...(type.bits ? { bits: type.bits } : {}),
          ...(type.curve ? { curve: type.curve } : {}),
          ...(tagList.length > 0 ? { tags: tagList } : {}),
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
          <ChoiceSelect
            options={KEY_TYPES.map((t) => t.id)}
            value={typeId}
            display={(id) => keyType(id).label}
            onChange={(id) => {
              setTypeId(id)
              setAlg(keyType(id).algs[0]!)
            }}
          />
        </label>
        <label className="stacked">
          {type.use === 'enc' ? 'Key management algorithm' : 'Signing algorithm'}
          <ChoiceSelect
            options={type.algs}
            value={alg}
            onChange={setAlg}
            unavailable={(a) => (available(a) ? undefined : NOT_AVAILABLE)}
          />
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
