/**
 * Not a test file: `tsconfig.embed.json` compiles it with the browser's DOM library to check that
 * the DOM the feed view script declares (`FeedViewGlobals` in src/pages/feed-view.ts) is what
 * browsers give. The main tsconfig leaves it out: the worker's program has Workers' globals.
 */
import type { FeedViewGlobals } from '../../src/pages/feed-view'

export const browserGlobals: FeedViewGlobals = window
