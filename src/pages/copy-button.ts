/**
 * The script that `/copy.js` serves to our pages: every `<button data-copy="URL" hidden>` is
 * shown and copies its URL to the clipboard, saying so in the page's `#copy-status` live region
 * and on the button for a moment. Without the script (or without a clipboard: the Clipboard API
 * needs a secure context) the buttons stay hidden and the feed links beside them are the
 * addresses, to open or to copy from the browser's menu.
 *
 * Written, like the embed widget (src/embed/widget.ts), as one self-contained function that is
 * type-checked here and served as `(${copyButtons.toString()})()`: it imports nothing, closes over
 * nothing, names no inner function (esbuild's `keepNames` would wrap it in a `__name()` helper
 * the page does not have), and lets no exception escape. The DOM it touches is declared below;
 * `tsconfig.embed.json` checks the browser's DOM against it (test/embed/copy-button-dom.check.ts).
 */

/** A button of the page, or the live region. */
export type CopyElement = {
  hidden: boolean
  textContent: string | null
  getAttribute(name: string): string | null
  addEventListener(type: 'click', listener: () => void): void
}

/** The browser globals the script uses. */
export type CopyGlobals = {
  readonly document: {
    querySelectorAll(selectors: string): ArrayLike<CopyElement>
    getElementById(id: string): CopyElement | null
  }
  readonly navigator: { readonly clipboard?: { writeText(text: string): Promise<void> } }
  readonly isSecureContext: boolean
  setTimeout(handler: () => void, timeout: number): number
}

/** Shows the copy buttons and makes each copy its address. */
export function copyButtons(): void {
  const SHOWN_MS = 2000
  try {
    const g = globalThis as unknown as CopyGlobals
    const clipboard = g.navigator.clipboard
    if (!g.isSecureContext || !clipboard) return
    const status = g.document.getElementById('copy-status')
    for (const button of Array.from(g.document.querySelectorAll('button[data-copy]'))) {
      const text = button.getAttribute('data-copy') ?? ''
      const label = button.textContent
      button.hidden = false
      button.addEventListener('click', () => {
        clipboard
          .writeText(text)
          .then(() => `Copied ${text}`)
          .catch(() => 'Could not copy; the link beside the button is the address')
          .then((said) => {
            if (status) status.textContent = said
            button.textContent = said.startsWith('Copied') ? 'Copied' : 'Not copied'
            g.setTimeout(() => {
              button.textContent = label
            }, SHOWN_MS)
          })
      })
    }
  } catch {
    // A page where this fails keeps its buttons hidden and its links.
  }
}
