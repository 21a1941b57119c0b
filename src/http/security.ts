/**
 * What the HTML we serve may load (Content-Security-Policy, CSP Level 3): its own inline style
 * and its icon, nothing else; nothing is submitted, and no base URL is changed.
 */
const LOADS =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"

/**
 * Our pages: no other site may frame them, and the only script that runs is ours from our
 * origin (`/copy.js`, the copy buttons); no inline script runs (JSON-LD is data, not script).
 */
export const PAGE_CSP = `${LOADS}; script-src 'self'; frame-ancestors 'none'`
/** The embeddable list: any site may frame it (`*` matches every http(s) origin). */
export const EMBED_CSP = `${LOADS}; frame-ancestors *`
