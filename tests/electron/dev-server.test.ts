// `npm start` and an installed app never load a page named by the environment (failed before:
// any unpackaged run trusted ELECTRON_RENDERER_URL, whatever it was).
import { describe, expect, it } from 'vitest'
import { devServerUrl } from '../../src/main/electron/dev-server'

const env = (url: string) => ({ ELECTRON_RENDERER_URL: url })

describe('the dev server URL', () => {
  it('is read only by a dev build that is not packaged', () => {
    const url = 'http://localhost:5173/'
    expect(devServerUrl(env(url), { dev: true, packaged: false })).toBe(url)
    expect(devServerUrl(env(url), { dev: false, packaged: false })).toBeUndefined()
    expect(devServerUrl(env(url), { dev: true, packaged: true })).toBeUndefined()
    expect(devServerUrl({}, { dev: true, packaged: false })).toBeUndefined()
  })

  it('is loopback http only', () => {
    const dev = { dev: true, packaged: false }
    expect(devServerUrl(env('http://127.0.0.1:5173'), dev)).toBe('http://127.0.0.1:5173/')
    for (const url of [
      'https://evil.example/',
      'http://192.168.1.20:5173/',
      'file:///tmp/page.html',
      'http://localhost.evil.example/',
      'not a url',
    ]) {
      expect(devServerUrl(env(url), dev), url).toBeUndefined()
    }
  })
})
