/**
 * Where the real app runs: the release workflow parsed and its jobs and steps checked, and
 * `npm run test:electron` saying plainly, with its own exit code, that there is no Electron
 * binary here rather than passing.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { ROOT } from '../helpers/cli'

interface Step {
  name: string
  run?: string
  uses?: string
  if?: string
  env?: Record<string, string>
}
const workflow = YAML.parse(
  readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8'),
) as {
  on: { push: { tags: string[] } }
  jobs: { build: { strategy: { matrix: { os: string[] } }; steps: Step[] } }
}

describe('the release workflow', () => {
  const { build } = workflow.jobs
  const step = (name: string) => build.steps.find((s) => s.name === name)

  it('runs on Linux, macOS and Windows, and releases on a version tag', () => {
    expect(build.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest'])
    expect(workflow.on.push.tags).toEqual(['v*'])
  })

  it('installs, builds, tests, packages, smoke-tests the packaged app, then uploads installers on a tag', () => {
    const names = build.steps.map((s) => s.name)
    const order = [
      'Install',
      'Build',
      'Unit tests',
      'Package the app (unpacked)',
      'Smoke test the packaged app',
      'Build and upload the installers',
    ]
    expect(order.map((n) => names.indexOf(n))).toEqual(
      [...order.map((n) => names.indexOf(n))].sort((a, b) => a - b),
    )
    expect(order.every((n) => names.includes(n))).toBe(true)
    expect(step('Install')?.run).toContain('npm ci')
    expect(step('Smoke test the packaged app')?.run).toContain('npm run test:electron')
    expect(step('Package the app (unpacked)')?.run).toContain('electron-builder --dir')
    const release = step('Build and upload the installers')!
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')")
    expect(release.run).toContain('--publish always')
    expect(Object.keys(release.env ?? {})).toEqual(
      expect.arrayContaining(['GH_TOKEN', 'CSC_LINK', 'APPLE_API_KEY']),
    )
  })
})

describe('npm run test:electron', () => {
  it('without the Electron binary says so and exits 3, never 0', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test-electron.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, JWTW_APP_PATH: '' },
    })
    if (run.status === 3) expect(run.stderr).toMatch(/no Electron binary here/)
    else expect(run.status, 'an Electron binary is installed here: the smoke test ran').not.toBe(3)
  })
})
