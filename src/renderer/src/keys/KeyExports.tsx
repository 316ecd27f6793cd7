/**
 * Export of a stored key: the public part at a click, the private part only after the
 * confirmation step. Revealed material lives in this component's state alone, so it is gone
 * when the key, the format or the view changes.
 */
import { useState } from 'react'
import { isSecretKind } from '../../../shared/algorithms'
import type { KeySummary } from '../../../shared/stored-key-types'
import type { Result } from '../../../shared/result'
import { api } from '../api'
import { CopyableText } from './CopyableText'
import { useApiCall } from '../hooks/useApiCall'
import { ErrorBanner } from '../ErrorBanner'
import { ConfirmButton } from '../components/ConfirmButton'
import { ChoiceSelect } from '../components/ChoiceSelect'
import type { PrivateExportFormat, PublicExportFormat } from '../../../shared/stored-key-schemas'

const KEY_FORMATS = ['pem', 'jwk', 'jwks'] as const satisfies readonly PublicExportFormat[]
const SECRET_FORMATS: readonly PrivateExportFormat[] = ['jwk', 'jwks', 'base64', 'hex']

/** An export call and its format: choosing another format drops what was exported. */
function useExport<F extends string, T>(
  call: (name: string, format: F) => Promise<Result<T>>,
  initial: NoInfer<F>,
) {
  const [format, setFormat] = useState<F>(initial)
  const exported = useApiCall(call)
  const choose = (next: F) => {
    setFormat(next)
    exported.reset()
  }
  return { format, choose, exported }
}

/** The export format picker. */
function FormatPicker<F extends string>(props: {
  label: string
  formats: readonly F[]
  format: F
  onChange: (format: F) => void
}) {
  return (
    <label>
      {props.label}{' '}
      <ChoiceSelect
        options={props.formats}
        value={props.format}
        display={(f) => f.toUpperCase()}
        onChange={props.onChange}
      />
    </label>
  )
}

/** The public key in the chosen format, to copy. */
export function PublicExport({ summary }: { summary: KeySummary }) {
  const { format, choose, exported } = useExport(api['keys.exportPublic'], 'jwk')
  return (
    <div className="key-export">
      <h4>Public key</h4>
      <div className="row">
        <FormatPicker
          label="Public export format"
          formats={KEY_FORMATS}
          format={format}
          onChange={choose}
        />
        <button
          type="button"
          className="secondary"
          disabled={exported.pending}
          onClick={() => void exported.run(summary.name, format)}
        >
          Export public key
        </button>
      </div>
      {exported.error && <ErrorBanner error={exported.error} />}
      {exported.value !== null && (
        <CopyableText
          text={exported.value}
          label={`Public key (${format})`}
          copies={[{ text: exported.value, label: 'Copy public key' }]}
        />
      )}
    </div>
  )
}

export function PrivateExport({ summary }: { summary: KeySummary }) {
  const formats = isSecretKind(summary.kind) ? SECRET_FORMATS : KEY_FORMATS
  const { format, choose, exported } = useExport(api['keys.exportPrivate'], formats[0]!)
  const what = isSecretKind(summary.kind) ? 'secret' : 'private key'
  return (
    <div className="key-export private">
      <h4>{isSecretKind(summary.kind) ? 'Secret' : 'Private key'}</h4>
      <div className="row">
        <FormatPicker
          label="Private export format"
          formats={formats}
          format={format}
          onChange={choose}
        />
        {exported.value === null ? (
          <ConfirmButton
            label={`Export ${what}…`}
            prompt={
              <>
                This shows the {what} of <strong>{summary.name}</strong> on screen. Anyone who sees
                or copies it can sign tokens that verify as yours.
              </>
            }
            confirmLabel={`Show the ${what}`}
            danger
            disabled={exported.pending || summary.secret !== 'present'}
            onConfirm={() => void exported.run(summary.name, format)}
          />
        ) : (
          <button type="button" className="secondary" onClick={exported.reset}>
            Hide {what}
          </button>
        )}
      </div>
      {exported.error && <ErrorBanner error={exported.error} />}
      {exported.value !== null && (
        <CopyableText
          text={exported.value}
          label={`Private export (${format})`}
          copies={[{ text: exported.value, label: `Copy ${what}` }]}
          secret
        />
      )}
    </div>
  )
}
