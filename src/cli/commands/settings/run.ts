/** `jwtw settings show|set|unset`: how remote keys are fetched (kept in the settings file). */
import { resolve } from 'node:path'
import type { RemotePreferences } from '../../../shared/jwks-schemas'
import { durationSeconds } from '../../../main/core/duration'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type Runner, type NoOptions } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { printJson } from '../../output'
import type { SETTING_NAMES, settingsShowOptions } from './spec'

type Parsed = { path: string[]; positionals: string[] }

/** Setting name -> the preference it sets, and how its text is read. */
const SETTINGS: Record<
  (typeof SETTING_NAMES)[number],
  {
    key: keyof RemotePreferences
    read: (text: string, parsed: Parsed) => RemotePreferences[keyof RemotePreferences]
    show: (v: unknown) => string
  }
> = {
  // Stored absolute (the app and the CLI run from different directories); checked by the service.
  'jwks.ca': { key: 'caFile', read: (t) => resolve(t), show: String },
  'jwks.timeout': {
    key: 'timeoutMs',
    read: (t, p) => seconds(t, p) * 1000,
    show: (v) => `${Number(v) / 1000}s`,
  },
  'jwks.max-stale': {
    key: 'maxStaleSeconds',
    read: (t, p) => seconds(t, p),
    show: (v) => `${String(v)}s`,
  },
  'jwks.allow-redirects': {
    key: 'allowRedirects',
    read: (t, p) => {
      if (t !== 'true' && t !== 'false')
        throw new UsageError('jwks.allow-redirects is true or false', p.path)
      return t === 'true'
    },
    show: String,
  },
}

export const show: Runner<typeof settingsShowOptions> = async ({ values }, io) => {
  const prefs = await call(cliContext(io), 'preferences.remote')
  if (values.json) printJson(io, prefs)
  else {
    for (const [name, s] of Object.entries(SETTINGS)) {
      const value = prefs[s.key]
      io.stdout.write(`${name.padEnd(22)} ${value === undefined ? '(default)' : s.show(value)}\n`)
    }
  }
  return EXIT.ok
}

export const set: Runner<NoOptions> = async (parsed, io) => {
  const [name, text] = parsed.positionals as [keyof typeof SETTINGS, string]
  const setting = SETTINGS[name]
  const ctx = cliContext(io)
  const current = await call(ctx, 'preferences.remote')
  await call(ctx, 'preferences.setRemote', {
    ...current,
    [setting.key]: setting.read(text, parsed),
  })
  io.stdout.write(`${name} = ${String(setting.show(setting.read(text, parsed)))}\n`)
  return EXIT.ok
}

export const unset: Runner<NoOptions> = async ({ positionals }, io) => {
  const name = positionals[0] as keyof typeof SETTINGS
  const ctx = cliContext(io)
  const current: RemotePreferences = { ...(await call(ctx, 'preferences.remote')) }
  delete current[SETTINGS[name].key]
  await call(ctx, 'preferences.setRemote', current)
  io.stdout.write(`${name} is back to its default\n`)
  return EXIT.ok
}

function seconds(text: string, parsed: Parsed): number {
  try {
    return durationSeconds(text, parsed.positionals[0])
  } catch (error) {
    throw new UsageError((error as Error).message, parsed.path)
  }
}
