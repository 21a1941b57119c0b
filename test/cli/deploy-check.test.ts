import { describe, expect, it } from 'vitest'
import site from '../../content/site.json'
import {
  deployedBaseUrl,
  deployProblems,
  isUpload,
  SHIPPED_TAG_AUTHORITY,
  tomlBaseUrl,
} from '../../src/cli/deploy-check'
import wranglerToml from '../../wrangler.toml?raw'

const ready = {
  wranglerToml: wranglerToml.replace(/id = "0+"/, 'id = "4f1c2a9be0d34c7f8a6b5e3d2c1b0a98"'),
  site: { tagAuthority: 'feeds.example.org,2026' },
  baseUrl: 'https://feeds.example.org',
}

describe('the deploy check', () => {
  it('refuses the repository as it ships, naming each placeholder to set', () => {
    expect(site.tagAuthority).toBe(SHIPPED_TAG_AUTHORITY)
    const problems = deployProblems({
      wranglerToml,
      site,
      baseUrl: tomlBaseUrl(wranglerToml),
    })
    expect(problems).toHaveLength(3)
    expect(problems.join('\n')).toMatch(/kv namespace create CORPUS/)
    expect(problems.join('\n')).toMatch(/BASE_URL is not set/)
    expect(problems.join('\n')).toMatch(/tagAuthority is the shipped/)
  })

  it('lets a configured deployment go, and refuses a base URL that is not an https origin', () => {
    expect(deployProblems(ready)).toEqual([])
    for (const baseUrl of [
      'http://feeds.example.org',
      'https://feeds.example.org/',
      'feeds.example.org',
    ])
      expect(deployProblems({ ...ready, baseUrl })).toEqual([expect.stringMatching(/https origin/)])
  })

  it('reads BASE_URL from wrangler.toml [vars] when set there', () => {
    const withVar = wranglerToml.replace(
      '[vars]\n',
      '[vars]\nBASE_URL = "https://feeds.example.org"\n'
    )
    expect(tomlBaseUrl(withVar)).toBe('https://feeds.example.org')
    expect(tomlBaseUrl(wranglerToml)).toBeUndefined()
  })

  it('runs before every upload wrangler makes, but not before dev or types', () => {
    // wrangler.toml's build command: wrangler runs it first, whoever starts wrangler.
    const build = /^\[build\]\s*\ncommand = "([^"]+)"/m.exec(wranglerToml)?.[1]
    expect(build).toMatch(/ src\/cli\/deploy\.ts --check$/)
    expect(isUpload({ WRANGLER_COMMAND: 'deploy' })).toBe(true)
    expect(isUpload({ WRANGLER_COMMAND: 'versions upload' })).toBe(true)
    for (const command of ['dev', 'types', undefined])
      expect(isUpload({ WRANGLER_COMMAND: command }), command).toBe(false)
  })

  it('counts only a BASE_URL that the deployment gets: passed on by npm run deploy, or in [vars]', () => {
    const withVar = wranglerToml.replace('[vars]\n', '[vars]\nBASE_URL = "https://a.example.org"\n')
    expect(deployedBaseUrl(wranglerToml, { BASE_URL: 'https://b.example.org' })).toBeUndefined()
    expect(deployedBaseUrl(withVar, {})).toBe('https://a.example.org')
    expect(deployedBaseUrl(withVar, { DEPLOY_BASE_URL: 'https://b.example.org' })).toBe(
      'https://b.example.org'
    )
  })
})
