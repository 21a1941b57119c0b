/**
 * The script that `/feed-view.js` serves to a feed opened in a browser: CSS (`FEED_CSS`) makes
 * the RSS or Atom document read as a page, but CSS cannot make a link, and dates would read as
 * the feed writes them (`Mon, 03 Jun 2024 09:00:00 GMT`). Browsers are removing XSLT, so this
 * does the rest on the document itself: each title becomes a link to its page, and each date is
 * written in the reader's language and time zone (`Intl.DateTimeFormat` with the browser's
 * defaults; date only, for our items have a day and no time). Without it the view stays readable:
 * the titles, the dates as written and the item addresses.
 *
 * The feed loads it with an XHTML-namespaced element where its format allows extension
 * elements (RSS 2.0: a namespaced element in the channel; Atom: a foreign-namespace element in
 * the feed head), which browsers run in an XML document and feed readers ignore:
 *
 *   <html:script xmlns:html="http://www.w3.org/1999/xhtml" src="https://HOST/feed-view.js"/>
 *
 * Chromium runs no script in a document served as `application/rss+xml` or `application/atom+xml`
 * (it shows those as plain text); a browser gets the same bytes as `application/xml` (http/feeds.ts).
 *
 * Written, like the embed widget (src/embed/widget.ts), as one self-contained function that is
 * type-checked here and served as `(${feedView.toString()})()`: it imports nothing, closes over
 * nothing, names no inner function (esbuild's `keepNames` would wrap it in a `__name()` helper
 * the page does not have), and lets no exception escape. The DOM it touches is declared below;
 * `tsconfig.embed.json` checks the browser's DOM against it (test/embed/feed-view-dom.check.ts).
 */

/** A node the script puts into the document. */
export type FeedViewNode = { readonly nodeType: number }

/** An element of the feed document, or one the script makes (XHTML `a` and `time`). */
export type FeedViewElement = FeedViewNode & {
  readonly localName: string
  readonly namespaceURI: string | null
  readonly children: ArrayLike<FeedViewElement>
  textContent: string | null
  getAttribute(name: string): string | null
  setAttribute(name: string, value: string): void
  replaceChildren(...nodes: Array<FeedViewNode | string>): void
}

/** The browser globals the script uses. */
export type FeedViewGlobals = {
  readonly document: {
    readonly readyState: string
    readonly documentElement: FeedViewElement | null
    addEventListener(type: 'DOMContentLoaded', listener: () => void): void
    createElementNS(namespace: string, qualifiedName: string): FeedViewElement
  }
}

/** Makes the titles of the feed open in the browser links, and its dates local. */
export function feedView(): void {
  const XHTML = 'http://www.w3.org/1999/xhtml'
  const ATOM = 'http://www.w3.org/2005/Atom'
  const WEB_URL = /^https?:\/\//
  const doc = (globalThis as unknown as FeedViewGlobals).document
  new Promise<void>((resolve) => {
    // Loaded from the feed's head, the script runs before the items are parsed.
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => resolve())
    else resolve()
  })
    .then(() => {
      const root = doc.documentElement
      if (!root) return
      const atom = root.namespaceURI === ATOM && root.localName === 'feed'
      const rss = root.namespaceURI === null && root.localName === 'rss'
      if (!atom && !rss) return
      const ns = atom ? ATOM : null
      const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' })
      const locale = dates.resolvedOptions().locale
      const channel = atom
        ? root
        : Array.from(root.children).find(
            (e) => e.namespaceURI === null && e.localName === 'channel'
          )
      if (!channel) return
      const entries = Array.from(channel.children).filter(
        (e) => e.namespaceURI === ns && e.localName === (atom ? 'entry' : 'item')
      )
      for (const box of [channel, ...entries]) {
        const children = Array.from(box.children).filter((e) => e.namespaceURI === ns)
        const title = children.find((e) => e.localName === 'title')
        const link = children.find(
          (e) =>
            e.localName === 'link' &&
            (!atom || (e.getAttribute('rel') ?? 'alternate') === 'alternate')
        )
        const href = ((atom ? link?.getAttribute('href') : link?.textContent) ?? '').trim()
        if (title && WEB_URL.test(href)) {
          const a = doc.createElementNS(XHTML, 'a')
          a.setAttribute('href', href)
          a.textContent = title.textContent
          title.replaceChildren(a)
        }
        if (box === channel) continue
        const date = children.find((e) => e.localName === (atom ? 'published' : 'pubDate'))
        const written = (date?.textContent ?? '').trim()
        const when = new Date(written)
        if (date && !Number.isNaN(when.getTime())) {
          const time = doc.createElementNS(XHTML, 'time')
          time.setAttribute('datetime', when.toISOString())
          time.setAttribute('lang', locale)
          time.setAttribute('title', written)
          time.textContent = dates.format(when)
          date.replaceChildren(time)
        }
      }
      // The style sheet hides the item addresses once the titles link to them.
      root.setAttribute('data-view', 'linked')
    })
    .catch(() => {
      // A document this script does not know stays as the style sheet shows it.
    })
}
