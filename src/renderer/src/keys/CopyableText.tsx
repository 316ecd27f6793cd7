/** Read-only text to copy (an exported key, a revealed secret) with its copy buttons. */
import { CopyButton } from '../components/CopyButton'

interface Props {
  text: string
  label: string
  /** A secret: framed in the warning colour. */
  secret?: boolean
  /** One button per way to copy it: the text itself, or the text inside a header. */
  copies: Array<{ text: string; label: string }>
}

export function CopyableText({ text, label, secret, copies }: Props) {
  return (
    <div className="exported">
      <textarea
        aria-label={label}
        className={secret ? 'key-text secret-text' : 'key-text'}
        readOnly
        spellCheck={false}
        value={text}
      />
      <div className="row">
        {copies.map((copy) => (
          <CopyButton key={copy.label} text={copy.text} label={copy.label} />
        ))}
      </div>
    </div>
  )
}
