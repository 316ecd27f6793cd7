/** Lint findings, most severe first: severity, stable code and what to do. */
import type { LintFinding } from '../../../shared/token-types'

export function LintList({ findings }: { findings: LintFinding[] }) {
  if (findings.length === 0) return <p className="muted">No lint findings.</p>
  return (
    <ul className="lint-list" aria-label="Lint findings">
      {findings.map((f, i) => (
        <li key={i} data-lint={f.code}>
          <span className={`badge sev-${f.severity}`}>{f.severity}</span> <code>{f.code}</code>{' '}
          {f.message}
        </li>
      ))}
    </ul>
  )
}
