/** Keys: the stored signing keys, saved credentials and the local issuer. */
import { useState } from 'react'
import { api } from '../api'
import { useLoadedCall } from '../components/useLoadedCall'
import { CredentialsSection } from './CredentialsSection'
import { GenerateKeyForm } from './GenerateKeyForm'
import { ImportKeyForm } from './ImportKeyForm'
import { IssuerToggle } from './IssuerToggle'
import { KeyDetails } from './KeyDetails'
import { KeychainError } from './KeychainError'
import { KeyTable } from './KeyTable'
import { RecoverSection } from './RecoverSection'
import './keys.css'

interface Props {
  /** Key text dropped on the window: put into the import form. */
  importText?: string | undefined
}

export function KeysView({ importText }: Props) {
  const listed = useLoadedCall(api['keys.list'])
  const { refresh } = listed
  const [selected, setSelected] = useState<string | null>(null)
  const keys = listed.value ?? []
  const selectedKey = keys.find((k) => k.name === selected)

  return (
    <div className="keys-view">
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Signing keys</h2>
        {listed.error ? (
          <KeychainError error={listed.error} what="Private keys and secrets" />
        ) : listed.value === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <KeyTable
            keys={keys}
            selected={selected}
            onSelect={(name) => setSelected(name === selected ? null : name)}
          />
        )}
        {selectedKey && (
          <KeyDetails
            key={selectedKey.name}
            summary={selectedKey}
            onChanged={refresh}
            onDeleted={() => {
              setSelected(null)
              refresh()
            }}
          />
        )}
        <div className="key-forms">
          <GenerateKeyForm
            onCreated={(key) => {
              setSelected(key.name)
              refresh()
            }}
          />
          <ImportKeyForm key={importText ?? ''} onImported={refresh} initialText={importText} />
        </div>
        <RecoverSection onRecovered={refresh} />
      </section>
      <CredentialsSection />
      <IssuerToggle />
    </div>
  )
}
