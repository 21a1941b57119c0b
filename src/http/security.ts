/**
 * What the HTML we serve may load (Content-Security-Policy, CSP Level 3): its own inline style
 * and its icon, nothing else; no script runs, nothing is submitted, and no base URL is changed.
 */
const LOADS =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"

/** Our pages: no other site may frame them. */
export const PAGE_CSP = `${LOADS}; frame-ancestors 'none'`
/** The embeddable list: any site may frame it (`*` matches every http(s) origin). */
export const EMBED_CSP = `${LOADS}; frame-ancestors *`
