/**
 * A long identifier (kid, thumbprint, URL, token, hash) on one line: cut in the middle to the
 * width it is given (its start with an ellipsis, then its last characters), the whole value in
 * its tooltip and shown in full while focused, copied on click. Never wrapped letter by letter.
 */
import { useCopyWithToast } from './CopyButton'

interface Props {
  value: string
  /** Characters always kept at the end (a kid's or a thumbprint's tail tells keys apart). */
  tail?: number
  /** What it is, for the toast ("kid copied"). */
  what?: string
}

export function LongValue({ value, tail = 8, what = 'Value' }: Props) {
  const copy = useCopyWithToast()
  const cut = value.length > tail * 2 ? value.length - tail : value.length
  return (
    <button
      type="button"
      className="long-value"
      title={`${value}\n(click to copy)`}
      onClick={() => void copy(value, `${what} copied to the clipboard.`)}
      style={{ ['--tail-chars' as string]: value.length - cut }}
    >
      <span className="long-value-head">{value.slice(0, cut)}</span>
      {cut < value.length && <span>{value.slice(cut)}</span>}
    </button>
  )
}
