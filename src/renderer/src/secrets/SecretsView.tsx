/** Secrets: the live strength checker, the generator and the weak-secret audit. */
import { useState } from 'react'
import { AuditPanel } from './AuditPanel'
import { SecretGenerator } from './SecretGenerator'
import { StrengthChecker } from './StrengthChecker'
import './secrets.css'

export function SecretsView() {
  // Held here so the generator can hand its secret to the checker.
  const [secret, setSecret] = useState('')
  return (
    <div className="secrets-view">
      <StrengthChecker secret={secret} onSecretChange={setSecret} />
      <SecretGenerator onCheck={setSecret} />
      <AuditPanel />
    </div>
  )
}
