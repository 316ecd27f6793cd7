/** Opens a log file and hands its text on; files over the contract's 1 MiB cap are refused here. */
import type { ErrorPayload } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'

interface Props {
  onText: (text: string, fileName: string) => void
  onError: (error: ErrorPayload) => void
}

export function LogFileInput({ onText, onError }: Props) {
  const tooLarge = (name: string, what: string): ErrorPayload => ({
    code: 'ERR_INPUT_TOO_LARGE',
    message: `${name} is ${what}; Inspect takes at most 1 MiB (1,048,576 characters): open it in the Scan view, which reads logs of any size.`,
  })
  const open = async (file: File) => {
    // Checked before reading, so a huge file is never loaded into the page.
    if (file.size > LIMITS.text) {
      onError(tooLarge(file.name, `${file.size.toLocaleString('en')} bytes`))
      return
    }
    let text: string
    try {
      text = await file.text()
    } catch {
      onError({
        code: 'ERR_FILE_READ',
        message: `Cannot read ${file.name}: the browser refused it.`,
      })
      return
    }
    if (text.length > LIMITS.text) onError(tooLarge(file.name, 'over 1 MiB of text'))
    else onText(text, file.name)
  }
  return (
    <span className="log-file">
      {/* Hidden but still focusable and labelled: the label is the button. */}
      <input
        id="inspect-file"
        className="visually-hidden"
        type="file"
        accept=".log,.txt,.json,.har,text/*,application/json"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = '' // choosing the same file again is a new change
          if (file) void open(file)
        }}
      />
      <label className="file-button" htmlFor="inspect-file">
        Open log file…
      </label>
    </span>
  )
}
