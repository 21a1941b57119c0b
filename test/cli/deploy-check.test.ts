import { describe, expect, it } from 'vitest'
import site from '../../content/site.json'
import { deployProblems, SHIPPED_TAG_AUTHORITY, tomlBaseUrl } from '../../src/cli/deploy-check'
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
})
