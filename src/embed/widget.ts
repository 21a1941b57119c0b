/**
 * The embeddable widget that `/embed.js` serves, written as one self-contained function so it is
 * type-checked here and shipped as `(${embedWidget.toString()})()`. It runs in other people's
 * pages, so it imports nothing, closes over nothing in this module, declares no named inner
 * functions (wrangler bundles with esbuild `keepNames`, which would wrap them in a `__name()`
 * helper the host page does not have), and lets no exception escape.
 *
 *   <script src="https://HOST/embed.js" data-topic="drug-trafficking" data-limit="5" async></script>
 *
 * It inserts a `<newsfeed-widget>` element right after its own script tag (with `async`,
 * `document.currentScript` is still that tag while the script runs) and renders the newest items
 * of the topic (no `data-topic`: every item) in an open shadow root, so no style crosses either
 * way. Its one request is the JSON Feed of the script's own origin; item text is put in with
 * `textContent`, never parsed as HTML. The look follows `prefers-color-scheme`; a host page themes
 * it with CSS custom properties on the element or any ancestor (they inherit into the shadow
 * root): `--newsfeed-font`, `--newsfeed-font-size`, `--newsfeed-color`, `--newsfeed-background`,
 * `--newsfeed-accent`, `--newsfeed-muted`, `--newsfeed-border`, `--newsfeed-radius`.
 *
 * The worker's program has no DOM library (its globals are Workers'), so the DOM this function
 * touches is declared below as `EmbedGlobals`; `tsconfig.embed.json` checks the real DOM against
 * it (test/embed/widget-dom.check.ts).
 */

/** A node the widget creates or finds. */
export type EmbedNode = { readonly nodeType: number }

export type EmbedElement = EmbedNode & {
  textContent: string | null
  getAttribute(name: string): string | null
  setAttribute(name: string, value: string): void
  append(...nodes: Array<EmbedNode | string>): void
  replaceChildren(...nodes: Array<EmbedNode | string>): void
}

export type EmbedShadowRoot = EmbedNode & {
  append(...nodes: Array<EmbedNode | string>): void
}

/** The script tag that loaded the widget (an SVG script has no `src`). */
export type EmbedScript = EmbedElement & {
  readonly src?: string
  after(...nodes: Array<EmbedNode | string>): void
}

export type EmbedHost = EmbedElement & {
  attachShadow(init: { mode: 'open' }): EmbedShadowRoot
}

export type EmbedResponse = { readonly ok: boolean; json(): Promise<unknown> }

/** The browser globals the widget uses. */
export type EmbedGlobals = {
  readonly document: {
    readonly currentScript: EmbedScript | null
    readonly baseURI: string
    createElement(tagName: string): EmbedHost
  }
  fetch(input: string): Promise<EmbedResponse>
}

/** Renders the widget after the script tag that is running it. */
export function embedWidget(): void {
  const DEFAULT_LIMIT = 5
  const MAX_LIMIT = 50
  const CSS = `:host{all:initial;display:block;color-scheme:light dark;contain:content}
.w{box-sizing:border-box;font:var(--newsfeed-font-size,15px)/1.45 var(--newsfeed-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--newsfeed-color,#1b1b1f);background:var(--newsfeed-background,#fff);border:1px solid var(--newsfeed-border,rgba(128,128,128,.35));border-radius:var(--newsfeed-radius,.5rem);padding:.75em 1em;overflow-wrap:anywhere}
.h{display:block;margin:0 0 .4em;font-weight:700;font-size:1.05em;color:inherit;text-decoration:none}
a{color:var(--newsfeed-accent,#2f54b8)}
a.h{color:inherit}
a.h:hover,a:hover{text-decoration:underline}
ul{list-style:none;margin:0;padding:0}
li{margin:0;padding:.45em 0;border-top:1px solid var(--newsfeed-border,rgba(128,128,128,.35))}
li a{text-decoration:none;font-weight:600}
time{display:block;font-size:.85em;color:var(--newsfeed-muted,#5b5b66)}
.s{margin:0;color:var(--newsfeed-muted,#5b5b66)}
@media (prefers-color-scheme:dark){.w{color:var(--newsfeed-color,#e6e6ea);background:var(--newsfeed-background,#17171b)}a{color:var(--newsfeed-accent,#8fb0ff)}time,.s{color:var(--newsfeed-muted,#a3a3ad)}}`
  try {
    const g = globalThis as unknown as EmbedGlobals
    const doc = g.document
    const script = doc.currentScript
    if (!script || typeof script.after !== 'function') return
    const src = script.src || script.getAttribute('src') || ''
    const origin = new URL(src, doc.baseURI).origin
    const topic = (script.getAttribute('data-topic') || '').trim()
    const asked = Number.parseInt(script.getAttribute('data-limit') || '', 10)
    const limit = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), MAX_LIMIT) : DEFAULT_LIMIT
    const feedPath = topic ? `/topics/${encodeURIComponent(topic)}/feed.json` : '/feed.json'
    const feedUrl = new URL(`${feedPath}?limit=${limit}`, origin).href

    const host = doc.createElement('newsfeed-widget')
    host.setAttribute('data-topic', topic)
    const root = host.attachShadow({ mode: 'open' })
    const style = doc.createElement('style')
    style.textContent = CSS
    const box = doc.createElement('section')
    box.setAttribute('class', 'w')
    box.setAttribute('aria-busy', 'true')
    const status = doc.createElement('p')
    status.setAttribute('class', 's')
    status.textContent = 'Loading news…'
    box.append(status)
    root.append(style, box)
    script.after(host)

    g.fetch(feedUrl)
      .then((response) => {
        if (!response.ok) throw new Error('feed')
        return response.json()
      })
      .then((data) => {
        const feed = (data && typeof data === 'object' ? data : {}) as {
          title?: unknown
          home_page_url?: unknown
          items?: unknown
        }
        const items = Array.isArray(feed.items) ? (feed.items as unknown[]) : []
        const heading = doc.createElement('a')
        heading.setAttribute('class', 'h')
        const title = typeof feed.title === 'string' ? feed.title : 'News'
        heading.textContent = title
        if (typeof feed.home_page_url === 'string' && /^https?:/.test(feed.home_page_url)) {
          heading.setAttribute('href', feed.home_page_url)
          heading.setAttribute('target', '_blank')
          heading.setAttribute('rel', 'noopener')
        }
        box.setAttribute('aria-label', title)
        const list = doc.createElement('ul')
        for (const raw of items.slice(0, limit)) {
          const item = (raw && typeof raw === 'object' ? raw : {}) as {
            url?: unknown
            title?: unknown
            date_published?: unknown
          }
          const li = doc.createElement('li')
          const link = doc.createElement('a')
          link.textContent = typeof item.title === 'string' ? item.title : ''
          if (typeof item.url === 'string' && /^https?:/.test(item.url)) {
            link.setAttribute('href', item.url)
            link.setAttribute('target', '_blank')
            link.setAttribute('rel', 'noopener')
          }
          li.append(link)
          const when =
            typeof item.date_published === 'string' ? new Date(item.date_published) : null
          if (when && !Number.isNaN(when.getTime())) {
            const time = doc.createElement('time')
            time.setAttribute('datetime', when.toISOString())
            time.textContent = when.toLocaleDateString(undefined, { dateStyle: 'medium' })
            li.append(time)
          }
          list.append(li)
        }
        if (items.length === 0) {
          status.textContent = 'No news yet'
          box.replaceChildren(heading, status)
        } else {
          box.replaceChildren(heading, list)
        }
        box.setAttribute('aria-busy', 'false')
      })
      .catch(() => {
        status.textContent = 'Could not load news'
        box.replaceChildren(status)
        box.setAttribute('aria-busy', 'false')
      })
  } catch {
    // A page without currentScript, without shadow DOM or with a broken URL gets no widget.
  }
}
