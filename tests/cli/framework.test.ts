// The CLI as scripts and people use it: declarations, help, exit codes, did-you-mean,
// completion, files and stdin everywhere, JSON with documented shapes (in-process).
import { execFileSync } from 'node:child_process'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT as COMMANDS } from '../../src/cli/command-table'
import type { AnyCommand } from '../../src/cli/framework/spec'
import { jwtw as run, type CliOptions } from '../helpers/cli'
import { conforms } from '../helpers/conforms'
import type { JsonOutputName } from '../../src/cli/json-outputs'

const dir = mkdtempSync(join(tmpdir(), 'jwtw-cli-behaviour-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
function file(name: string, text: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const SECRET = 'behaviour-secret-of-33-bytes-long'
const SECRET_FILE = file('secret.txt', SECRET)
const env = { JWT_SECRET_KEY: '', JWTW_HOME: mkdtempSync(join(tmpdir(), 'jwtw-cli-home-')) }
const jwtw = (args: string[], options: CliOptions = {}) =>
  run(args, { ...options, env: { ...env, ...options.env } })

async function mint(...args: string[]): Promise<string> {
  const minted = await jwtw(['mint', '--secret-file', SECRET_FILE, ...args])
  expect(minted.stderr).toBe('')
  return minted.stdout.trim()
}

function walk(spec: AnyCommand, path: string[] = []): string[][] {
  const here = spec.load ? [path] : []
  return [...here, ...(spec.subcommands ?? []).flatMap((s) => walk(s, [...path, s.name]))]
}

describe('declared once: help, exit codes, did-you-mean', () => {
  it('every command has help with its exit codes (0, 1, 2), through --help and jwtw help', async () => {
    for (const path of walk(COMMANDS)) {
      const viaFlag = await jwtw([...path, '--help'])
      expect(viaFlag.code, path.join(' ')).toBe(0)
      expect(viaFlag.stdout.startsWith(`Usage: jwtw ${path.join(' ')}`)).toBe(true)
      expect(viaFlag.stdout).toMatch(/Exit codes:\n\s+0 .+\n\s+1 .+\n\s+2 /)
      const viaHelp = await jwtw(['help', ...path])
      expect(viaHelp.stdout).toBe(viaFlag.stdout)
    }
    expect((await jwtw(['help', 'nope'])).code).toBe(2)
  }, 120_000)

  it('an unknown flag: one clear line with the closest flag, then the short usage; exit 2', async () => {
    const token = await mint()
    const unknown = await jwtw(['verify', token, '--jwk', 'x'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      'ERR_INVALID_ARGUMENT: unknown option --jwk for "verify"; did you mean --jwks?\n\nUsage: jwtw verify [TOKEN|-] [options]\nRun `jwtw help verify` for the options and examples.\n',
    )
    expect((await jwtw(['verfy'])).stderr).toMatch(
      /^ERR_INVALID_ARGUMENT: unknown command "verfy"; did you mean verify\?/,
    )
  })

  it('flags that do not belong to a subcommand are usage errors', async () => {
    for (const args of [
      ['keys', 'delete', 'dev', '--bits', '4096'],
      ['creds', 'list', '--host', 'x'],
      ['issuers', 'list', '--aud', 'x'],
      ['secret', 'generate', '--wordlist', 'x'],
    ]) {
      const result = await jwtw(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/^ERR_INVALID_ARGUMENT: unknown option --/)
    }
  })

  it('options after "--" are a usage error that says why; the value is never echoed', async () => {
    const after = await jwtw(['secret', 'check', '--', '-Xv2w9gG4', '--alg', 'HS512'])
    expect(after.code).toBe(2)
    expect(after.stderr).toMatch(
      /^ERR_INVALID_ARGUMENT: --alg comes after "--", which ends the options/,
    )
    // A value that starts with "-" and a letter of a declared short option (-a...) included.
    for (const secret of [`-${'A1b2'.repeat(12)}`, `-a${'Q9x'.repeat(12)}`, '-hzq8Kx1']) {
      const unguarded = await jwtw(['secret', 'check', secret])
      expect(unguarded.code, secret).toBe(2)
      expect(unguarded.stderr).toMatch(/goes after '--'/)
      expect(unguarded.stderr).not.toContain(secret.slice(0, 5))
    }
  })

  it('every malformed option value is a usage error (exit 2)', async () => {
    const token = await mint()
    for (const args of [
      ['mint', '--secret-file', SECRET_FILE, '--expires-in', 'soon'],
      ['verify', token, '--secret-file', SECRET_FILE, '--clock-tolerance', '30'],
      ['verify', token, '--secret-file', SECRET_FILE, '--at', 'yesterday'],
      ['verify', token, '--secret-file', SECRET_FILE, '--max-age', 'old'],
      ['verify', token, '--secret-file', SECRET_FILE, '--alg', 'HS999'],
      ['jwks', 'https://idp.example.com/jwks', '--timeout', 'a-while'],
      ['ui', '--idle-timeout', 'never'],
      ['keys', 'generate', 'x', '--alg', 'ES256', '--bits', 'many'],
    ]) {
      const result = await jwtw(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/^ERR_INVALID_(ARGUMENT|DURATION): /)
    }
  })
})

describe('completion scripts, generated from the declarations', () => {
  it('bash completes commands, subcommands, options and their values (compgen)', async () => {
    const script = file('jwtw.bash', (await jwtw(['completion', 'bash'])).stdout)
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _jwtw; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).trim()
    expect(complete('jwtw', 'ver')).toBe('verify')
    expect(complete('jwtw', 'keys', 'im')).toBe('import')
    expect(complete('jwtw', 'verify', '--iss')).toBe('--issuer --iss')
    expect(complete('jwtw', 'verify', '--alg', 'ES')).toBe('ES256 ES384 ES512')
    expect(complete('jwtw', 'completion', '')).toBe('bash zsh fish')
    expect(complete('jwtw', 'keys', 'delete', '--')).toBe('--retiring --help')
  })

  it('zsh and fish scripts name every command', async () => {
    const zsh = (await jwtw(['completion', 'zsh'])).stdout
    expect(zsh).toMatch(/^#compdef jwtw\n/)
    expect(zsh).toContain('bashcompinit')
    const fish = (await jwtw(['completion', 'fish'])).stdout
    for (const name of ['decode', 'verify', 'mint', 'keys', 'jwks', 'issuers']) {
      expect(fish).toContain(`-a '${name}'`)
    }
    expect(fish).toContain("complete -c jwtw -n '__fish_seen_subcommand_from verify' -l alg -x -a")
  })
})

describe('files and stdin everywhere', () => {
  it('verify takes the token alone (from an argument, --file or stdin); --all finds tokens in text', async () => {
    const token = await mint('--sub', 'alice')
    for (const input of [`${token}\n`, `Bearer ${token}\n`]) {
      const result = await jwtw(['verify', '--secret-file', SECRET_FILE], { input })
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^valid/)
    }
    const logLine = await jwtw(['verify', '--secret-file', SECRET_FILE], {
      input: `2026-11-22 INFO GET /x token=${token} 200\n`,
    })
    expect(logLine.code).toBe(1)
    expect(logLine.stderr).toMatch(/^ERR_JWT_MALFORMED: Not a token: the text holds 6 words/)
    const all = await jwtw([
      'verify',
      '--all',
      '--file',
      file('one.log', `GET /x Bearer ${token}\n`),
      '--secret-file',
      SECRET_FILE,
    ])
    expect(all.code).toBe(0)
  })

  it('several tokens: an error listing them (iss, sub, exp); --all verifies each', async () => {
    const a = await mint('--sub', 'alice', '--iss', 'idp')
    const b = await mint('--sub', 'bob', '--iss', 'idp')
    const log = `Bearer ${a}\nBearer ${b}\n`
    const several = await jwtw(['verify', '--secret-file', SECRET_FILE], { input: log })
    expect(several.code).toBe(2)
    expect(several.stderr).toMatch(/^ERR_MULTIPLE_TOKENS: The text holds 2 tokens/)
    expect(several.stderr).toMatch(/\n {2}1\. iss idp, sub alice, exp \d{4}-.+Z \(in 1\dm/)
    expect(several.stderr).toMatch(/\n {2}2\. iss idp, sub bob/)
    const all = await jwtw(['verify', '--secret-file', SECRET_FILE, '--all', '--json'], {
      input: log,
    })
    expect(all.code).toBe(0)
    expect((JSON.parse(all.stdout) as unknown[]).length).toBe(2)
    conforms('verify', all.stdout)
    const oneBad = await jwtw(['verify', '--secret-file', SECRET_FILE, '--all'], {
      input: `${log}Bearer ${a.slice(0, -2)}xx\n`,
    })
    expect(oneBad.code).toBe(1)
  })

  it('--key-file -, --secret-file - and --claims @- read stdin', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const minted = await jwtw(['mint', '--key-file', '-', '--sub', 'x'], { input: pem })
    expect(minted.code).toBe(0)
    const token = minted.stdout.trim()
    const pub = file('pub.pem', publicKey.export({ type: 'spki', format: 'pem' }) as string)
    expect((await jwtw(['verify', token, '--key-file', pub])).code).toBe(0)
    expect(
      (await jwtw(['verify', token, '--key-file', '-'], { input: readFileSync(pub, 'utf8') })).code,
    ).toBe(0)
    const hs = await mint('--sub', 'y')
    expect((await jwtw(['verify', hs, '--secret-file', '-'], { input: `${SECRET}\n` })).code).toBe(
      0,
    )
    const claimed = await jwtw(['mint', '--secret-file', SECRET_FILE, '--claims', '@-'], {
      input: '{"role":"admin"}',
    })
    expect(
      JSON.parse(Buffer.from(claimed.stdout.split('.')[1]!, 'base64url').toString()).role,
    ).toBe('admin')
    expect((await jwtw(['verify', '-', '--key-file', '-'], { input: pem })).code).toBe(2)
  })

  it('a refused input states its real size', async () => {
    const big = file('big.pem', Buffer.alloc(5_000_000, 65))
    const refused = await jwtw(['verify', await mint(), '--key-file', big])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^ERR_INPUT_TOO_LARGE: The key file .*big\.pem is over 256 KiB, the limit; nothing past it was read\./,
    )
  })

  it('a directory or a missing file given as a key file is ERR_FILE_READ naming it', async () => {
    const token = await mint()
    const folder = await jwtw(['verify', token, '--secret-file', dir])
    expect(folder.code).toBe(1)
    expect(folder.stderr).toBe(`ERR_FILE_READ: Cannot read ${dir}: it is a directory.\n`)
    const missing = join(dir, 'orders-api-signing.pem')
    const gone = await jwtw(['mint', '--alg', 'RS256', '--key-file', missing])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toBe(`ERR_FILE_READ: Cannot read ${missing}: no such file.\n`)
  })
})

describe('output that pipes and reads naturally', () => {
  it('the key line says what the key is and where it came from, with singular and plural right', async () => {
    const token = await mint()
    expect((await jwtw(['verify', token, '--secret-file', SECRET_FILE])).stdout).toMatch(
      new RegExp(`\\nkey: HMAC secret, 33 bytes \\(from --secret-file ${SECRET_FILE}\\)\\n$`),
    )
    const one = await jwtw(['mint', '--secret', 'x', '--expires-in', '1h'])
    const single = await jwtw(['verify', one.stdout.trim(), '--secret', 'x'])
    expect(single.stdout).toMatch(/\nkey: HMAC secret, 1 byte \(from --secret\)\n$/)
    const viaEnv = await jwtw(['verify', token], { env: { JWT_SECRET_KEY: SECRET } })
    expect(viaEnv.stdout).toMatch(/\(from JWT_SECRET_KEY\)\n$/)
  })

  it('decode flags a token born expired; mint refuses one unless --allow-expired', async () => {
    const refused = await jwtw(['mint', '--secret-file', SECRET_FILE, '--expires-in', '-1h'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^ERR_EXP_BEFORE_IAT: /)
    const born = await mint('--expires-in', '-1h', '--allow-expired')
    const decoded = await jwtw(['decode', born, '--json'])
    expect(
      (JSON.parse(decoded.stdout) as Array<{ lint: Array<{ code: string }> }>)[0]!.lint.map(
        (f) => f.code,
      ),
    ).toContain('exp_before_iat')
    conforms('decode', decoded.stdout)
  })

  it('a template does not override the algorithm of a key file', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = file('rsa.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
    const minted = await jwtw(['mint', '--key-file', pem, '--template', 'game-server-identity'])
    expect(minted.code).toBe(0)
    expect(JSON.parse(Buffer.from(minted.stdout.split('.')[0]!, 'base64url').toString()).alg).toBe(
      'RS256',
    )
  })

  it('JSON outputs follow their documented schemas', async () => {
    const token = await mint('--sub', 'x')
    const checks: Array<[JsonOutputName, string[]]> = [
      ['decode', ['decode', token, '--json']],
      ['verify', ['verify', token, '--secret-file', SECRET_FILE, '--json']],
      ['templates', ['templates', '--json']],
      ['issuers-list', ['issuers', 'list', '--json']],
      ['settings-show', ['settings', 'show', '--json']],
    ]
    for (const [schema, args] of checks) {
      const result = await jwtw(args)
      expect(result.stderr, args.join(' ')).toBe('')
      conforms(schema, result.stdout)
    }
    const checked = await jwtw(['secret', 'check', '--json', '--warn-only'], {
      input: 'your-256-bit-secret',
    })
    expect(checked.stderr).toBe('')
    conforms('secret-check', checked.stdout)
    const audit = await jwtw([
      'secret',
      'audit',
      token,
      '--json',
      '--no-builtin',
      '--wordlist',
      file('w.txt', `nope\n${SECRET}\n`),
    ])
    expect(audit.code).toBe(1)
    conforms('secret-audit', audit.stdout)
    expect(createHash('sha256').update('x').digest('hex')).toHaveLength(64)
  })

  it('jwtw templates lists every template with its claims', async () => {
    const listed = await jwtw(['templates'])
    expect(listed.stdout).toMatch(/^service-client {2}HS256, no expiry\n/)
    expect(listed.stdout).toContain('oidc-user-profile  RS256, expires in 1h')
  })
})
