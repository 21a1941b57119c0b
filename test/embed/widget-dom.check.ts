/**
 * Not a test file: `tsconfig.embed.json` compiles it with the browser's DOM library to check that
 * the DOM the widget declares (`EmbedGlobals` in src/embed/widget.ts) is what browsers give.
 * The main tsconfig leaves it out: the worker's program has Workers' globals, not the DOM's.
 */
import type { EmbedGlobals } from '../../src/embed/widget'

export const browserGlobals: EmbedGlobals = window
