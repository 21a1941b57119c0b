/**
 * Not a test file: `tsconfig.embed.json` compiles it with the browser's DOM library to check that
 * the DOM the copy buttons' script declares (`CopyGlobals` in src/pages/copy-button.ts) is what
 * browsers give. The main tsconfig leaves it out: the worker's program has Workers' globals.
 */
import type { CopyGlobals } from '../../src/pages/copy-button'

export const browserGlobals: CopyGlobals = window
