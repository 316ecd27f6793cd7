/** The verdict, every check that ran (or could not), lint findings, the key and the token. */
import type { VerifyCheck, VerifyResult } from '../../../shared/verify-types'
import { verdictLine } from './verdict-line'
import { KeyDescriptionLine } from '../components/KeyDescriptionLine'
import { LintList } from '../inspect/LintList'
import { TokenParts } from '../inspect/TokenParts'
import { Fragment } from 'react'

export function VerifyResultPanel({ result }: { result: VerifyResult }) {
  const failed = result.checks.filter((c) => !c.ok && !c.skipped).length
  return (
    <div className="token-card">
      <div
        className={result.valid ? 'verdict valid' : 'verdict invalid'}
        role="status"
        aria-label="Verdict"
      >
        {result.valid ? 'VALID' : 'INVALID'}
      </div>
      <p className="verdict-line">{verdictLine(result)}</p>
      <p className="muted">
        {result.valid
          ? `All ${result.checks.length} checks passed.`
          : `${failed} of ${result.checks.length} checks failed.`}
      </p>
      <CheckTable checks={result.checks} />
      <h3 className="section-title">Lint</h3>
      <LintList findings={result.lint ?? []} />
      <KeyDescriptionLine keyDescription={result.key} />
      <TokenParts header={result.header} payload={result.payload} />
    </div>
  )
}

const ICONS = { ok: '✓', failed: '✗', skipped: '–' } as const

function CheckTable({ checks }: { checks: VerifyCheck[] }) {
  return (
    <table className="claims checks" aria-label="Checks">
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Result</th>
          <th scope="col">Code</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c, i) => {
          const state = c.skipped ? 'skipped' : c.ok ? 'ok' : 'failed'
          return (
            <tr key={`${c.id}-${i}`} data-check={c.id} data-state={state}>
              <th scope="row">
                <code>{c.id}</code>
              </th>
              <td className={state === 'ok' ? 'ok' : state === 'failed' ? 'bad' : 'muted'}>
                <span aria-hidden="true">{ICONS[state]} </span>
                {state}
              </td>
              <td>{c.code && <code className="error-code">{breakable(c.code)}</code>}</td>
              <td>{c.message}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** An error code that may wrap only after its underscores, never inside a word. */
function breakable(code: string) {
  return code.split('_').map((part, i, all) => (
    <Fragment key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          _<wbr />
        </>
      )}
    </Fragment>
  ))
}
