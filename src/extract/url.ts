// One spelling per page: the same profile is linked as relative, absolute, with tracking
// parameters or fragments, and every run must key it the same way.

/** Query parameters that say how a visitor arrived, never which page they see. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
}

function paramName(segment: string): string {
  const raw = segment.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Absolute http(s) URL with a lower-case host, no fragment, no default port and no tracking
 * parameters; null for anything that is not a web page (mailto:, javascript:, tel:, garbage).
 */
export function canonicalUrl(url: string | URL, base?: string): string | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url.trim(), base) : new URL(url.href);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!u.hostname) return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  // Hostnames are lower-cased and default ports dropped by the URL parser itself; a trailing
  // dot names the same host and is dropped so "example.se." and "example.se" agree.
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.replace(/\.+$/, '');
  if (u.search) {
    // Filter the raw segments rather than re-serialising URLSearchParams, which would
    // re-encode the kept parameters ("%20" → "+") and give one page two spellings.
    const kept = u.search
      .slice(1)
      .split('&')
      .filter((seg) => seg !== '' && !isTracking(paramName(seg)));
    u.search = kept.length ? `?${kept.join('&')}` : '';
  }
  let out = u.href;
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}
