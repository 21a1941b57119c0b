import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { configDefaults, defineConfig } from 'vitest/config'

/**
 * Three projects, one `vitest run`: every test inside workerd with real local KV; the browser
 * tests in Node, which drive Debian's Chromium (playwright-core) against the bundled worker that
 * test/browser/global-setup.ts starts on 127.0.0.1; and the few tests that run our Node CLIs
 * (`*.node.test.ts`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'workerd',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/browser/**', 'test/**/*.node.test.ts'],
          // A WebSub hub on 127.0.0.1 for the pings that leave workerd.
          globalSetup: ['test/hub-setup.ts'],
        },
      },
      {
        test: {
          name: 'node',
          include: ['test/**/*.node.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the files share one worker and the machine's cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
