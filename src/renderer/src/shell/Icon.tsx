/** The sidebar's icons: simple strokes in the current colour, hidden from assistive technology. */
import type { ViewId } from '../../../shared/ui-state'

const PATHS: Record<ViewId | 'collapse' | 'expand' | 'theme' | 'palette' | 'history', string> = {
  inspect: 'M10 17a7 7 0 1 1 0-14 7 7 0 0 1 0 14zm5-2 5 5',
  mint: 'M4 20h4L19 9l-4-4L4 16v4zm9-13 4 4',
  verify: 'M4 12l5 5L20 6',
  keys: 'M14 10a4 4 0 1 0-3 3.9V21h3v-2h2v-2h-2v-3.1A4 4 0 0 0 14 10z',
  // Braces: a published JSON key set.
  jwks: 'M8 4H7a2 2 0 0 0-2 2v3a2 2 0 0 1-2 2 2 2 0 0 1 2 2v3a2 2 0 0 0 2 2h1M16 4h1a2 2 0 0 1 2 2v3a2 2 0 0 0 2 2 2 2 0 0 0-2 2v3a2 2 0 0 1-2 2h-1',
  secrets: 'M6 11V8a6 6 0 0 1 12 0v3M5 11h14v10H5z',
  // A scanner's frame with its line.
  scan: 'M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3M7 12h10',
  tokens: 'M12 3v12m0 0-4-4m4 4 4-4M5 21h14',
  collapse: 'M15 6l-6 6 6 6',
  expand: 'M9 6l6 6-6 6',
  theme: 'M12 3a9 9 0 1 0 9 9 7 7 0 0 1-9-9z',
  // A command prompt.
  palette: 'M4 17l6-6-6-6M12 19h8',
  history: 'M12 7v5l3 2M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5',
}

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
