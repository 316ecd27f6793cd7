/**
 * The installers' configuration, checked here without the Electron binary: electron-builder.yml
 * is valid against electron-builder's own JSON schema, every fuse of the Electron checklist is
 * flipped, each platform gets the targets the README promises, and the built tree packed into
 * an asar with the config's own `files` and `asarUnpack` globs holds nothing not meant to ship,
 * with the workers and native addons unpacked where the resolver looks for them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createPackageWithOptions, listPackage } from '@electron/asar'
import Ajv from 'ajv'
import { glob } from 'tinyglobby'
import { afterAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { layoutFrom, WORKERS } from '../../src/main/core/built-files'
import { ROOT } from '../helpers/cli'

interface BuilderConfig {
  files: string[]
  asarUnpack: string[]
  electronFuses: Record<string, boolean>
  linux: { target: string[] }
  deb: { depends: string[] }
  mac: { target: string[]; hardenedRuntime: boolean; entitlements: string }
  win: { target: string[]; signtoolOptions: { publisherName: string[] } }
  publish: { provider: string }
}
const config = YAML.parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const work = mkdtempSync(join(tmpdir(), 'jwtw-pack-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
    ) as object
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
  })

  it('flips every fuse of the Electron checklist', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('builds AppImage, deb (needing libsecret) and rpm; a hardened dmg and zip; NSIS with a publisher', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm'])
    expect(config.deb.depends).toContain('libsecret-1-0')
    expect(config.mac).toMatchObject({ target: ['dmg', 'zip'], hardenedRuntime: true })
    expect(existsSync(join(ROOT, config.mac.entitlements))).toBe(true)
    expect(config.win.target).toEqual(['nsis'])
    expect(config.win.signtoolOptions.publisherName.length).toBeGreaterThan(0)
    expect(config.publish.provider).toBe('github')
    for (const icon of ['icon.icns', 'icon.ico', 'icon.png']) {
      expect(existsSync(join(ROOT, 'resources', 'build', icon))).toBe(true)
    }
  })
})

describe('the packed app', () => {
  it('holds only what ships; the workers, CLI chunks and native addons are unpacked where the resolver finds them', async () => {
    // The app's files as electron-builder selects them, plus the keyring's native package.
    const positive = config.files.filter((p) => !p.startsWith('!'))
    const negative = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1))
    const selected = await glob(positive, { cwd: ROOT, ignore: negative, dot: false })
    // electron-builder applies the same exclusions to the dependencies it copies.
    const keyring = await glob(['node_modules/@napi-rs/keyring*/**'], {
      cwd: ROOT,
      ignore: negative,
    })
    const staging = join(work, 'app')
    for (const file of [...selected, ...keyring]) {
      mkdirSync(dirname(join(staging, file)), { recursive: true })
      cpSync(join(ROOT, file), join(staging, file))
    }
    const resources = join(work, 'resources')
    mkdirSync(resources)
    const archive = join(resources, 'app.asar')
    await createPackageWithOptions(staging, archive, {
      unpack: `${staging}/{${config.asarUnpack.join(',')}}`,
    })

    const packed = listPackage(archive, { isPack: false }).map((p) => p.replaceAll('\\', '/'))
    expect(packed).toContain('/out/main/index.js')
    expect(packed).toContain('/out/renderer/index.html')
    const unwanted = packed.filter((p) =>
      /\.(map|ts|tsx|c|h|md)$|^\/(src|tests|e2e|bench|docs|scripts|native\/[^/]+\.c)(\/|$)/.test(p),
    )
    expect(unwanted).toEqual([])

    // The resolver, from the packaged main process's directory inside the archive.
    const inArchive = new Set(packed)
    const exists = (path: string) =>
      path.startsWith(archive)
        ? inArchive.has(path.slice(archive.length).replaceAll('\\', '/'))
        : existsSync(path)
    const layout = layoutFrom(join(archive, 'out', 'main'), exists)
    expect(layout).toEqual({ root: archive, unpacked: `${archive}.unpacked` })
    for (const worker of Object.values(WORKERS)) {
      expect(existsSync(join(layout!.unpacked, 'out', 'cli', worker))).toBe(true)
    }
    const addons = await glob(['native/build/*.node'], { cwd: ROOT })
    for (const addon of addons) expect(existsSync(join(layout!.unpacked, addon))).toBe(true)
    const keyringBinary = keyring.filter((f) => f.endsWith('.node'))
    expect(keyringBinary.length).toBeGreaterThan(0)
    for (const binary of keyringBinary)
      expect(existsSync(join(layout!.unpacked, binary))).toBe(true)
  })
})

describe('the built-files resolver', () => {
  it('finds the project root from source and from the built tree; there is no unpacked side', () => {
    const project = join(work, 'checkout')
    mkdirSync(join(project, 'src', 'main', 'core'), { recursive: true })
    mkdirSync(join(project, 'out', 'main'), { recursive: true })
    cpSync(join(ROOT, 'package.json'), join(project, 'package.json'))
    const expected = { root: project, unpacked: project }
    expect(layoutFrom(join(project, 'src', 'main', 'core'))).toEqual(expected)
    expect(layoutFrom(join(project, 'out', 'main'))).toEqual(expected)
    expect(layoutFrom(join(tmpdir(), 'no-such-dir-anywhere', 'x'), () => false)).toBeUndefined()
  })
})
