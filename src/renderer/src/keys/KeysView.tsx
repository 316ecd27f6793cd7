/**
 * Keys: three sections as tabs (signing keys, saved credentials, the local issuer). Signing keys
 * are a list beside the selected key's details, or the forms to add one.
 */
import { useState } from 'react'
import { api } from '../api'
import { TabPanel, Tabs } from '../components/Tabs'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { CredentialsSection } from './CredentialsSection'
import { GenerateKeyForm } from './GenerateKeyForm'
import { ImportKeyForm } from './ImportKeyForm'
import { IssuerToggle } from './IssuerToggle'
import { KeyDetails } from './KeyDetails'
import { KeychainError, keychainDown } from './KeychainError'
import { KeyTable } from './KeyTable'
import { RecoverSection } from './RecoverSection'
import './keys.css'

type Section = 'keys' | 'credentials' | 'issuer'
const SECTIONS: ReadonlyArray<{ id: Section; label: string }> = [
  { id: 'keys', label: 'Signing keys' },
  { id: 'credentials', label: 'Saved credentials' },
  { id: 'issuer', label: 'Local issuer' },
]

type Adding = 'generate' | 'import'
const ADD_FORMS: ReadonlyArray<{ id: Adding; label: string }> = [
  { id: 'generate', label: 'Generate' },
  { id: 'import', label: 'Import' },
]

interface Props {
  /** Key text dropped on the window: put into the import form. */
  importText?: string | undefined
}

export function KeysView({ importText }: Props) {
  const [section, setSection] = useState<Section>('keys')
  const [dropped, setDropped] = useState(importText)
  // A key dropped while Keys is open brings its section to the front.
  if (importText !== dropped) {
    setDropped(importText)
    if (importText) setSection('keys')
  }
  return (
    <div className="keys-view">
      <Tabs
        label="Keys sections"
        idPrefix="keys-section"
        tabs={SECTIONS}
        value={section}
        onChange={setSection}
      />
      <TabPanel idPrefix="keys-section" value={section}>
        {/* A new drop starts the section afresh on its import form. */}
        {section === 'keys' && <SigningKeys key={importText ?? ''} importText={importText} />}
        {section === 'credentials' && <CredentialsSection />}
        {section === 'issuer' && <IssuerToggle />}
      </TabPanel>
    </div>
  )
}

function SigningKeys({ importText }: Props) {
  const listed = useLoadedCall(api['keys.list'])
  const { refresh } = listed
  const [selected, setSelected] = useState<string | null>(null)
  const [adding, setAdding] = useState<Adding>(importText ? 'import' : 'generate')
  const keys = listed.value ?? []
  const selectedKey = keys.find((k) => k.name === selected)
  const locked = keychainDown(listed.error)

  return (
    <div className="keys-split">
      <section className="keys-list" aria-labelledby="keys-heading">
        <div className="keys-list-head">
          <h2 id="keys-heading">Signing keys</h2>
          <button
            type="button"
            className="secondary"
            disabled={!selectedKey}
            onClick={() => setSelected(null)}
          >
            Add a key
          </button>
        </div>
        {listed.error ? (
          <KeychainError error={listed.error} what="Private keys and secrets" onRetry={refresh} />
        ) : listed.value === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <KeyTable
            keys={keys}
            selected={selected}
            onSelect={(name) => setSelected(name === selected ? null : name)}
          />
        )}
        <fieldset className="bare" disabled={locked}>
          <RecoverSection onRecovered={refresh} />
        </fieldset>
      </section>
      <div className="keys-detail">
        {selectedKey ? (
          <KeyDetails
            key={selectedKey.name}
            summary={selectedKey}
            onChanged={refresh}
            onDeleted={() => {
              setSelected(null)
              refresh()
            }}
          />
        ) : (
          <fieldset className="bare" disabled={locked}>
            <Tabs
              label="Add a key"
              idPrefix="add-key"
              tabs={ADD_FORMS}
              value={adding}
              onChange={setAdding}
            />
            <TabPanel idPrefix="add-key" value={adding}>
              {adding === 'generate' ? (
                <GenerateKeyForm
                  onCreated={(key) => {
                    setSelected(key.name)
                    refresh()
                  }}
                />
              ) : (
                <ImportKeyForm onImported={refresh} initialText={importText} />
              )}
            </TabPanel>
          </fieldset>
        )}
      </div>
    </div>
  )
}
