// The regular expression that describes a set of URLs of one kind (a site's ad pages): fixed
// path parts kept, changing ones generalised to digits, slug-with-id or any segment. Pure.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface Shape {
  segments: string[];
  trailingSlash: boolean;
  query: [string, string][];
}

function shapeOf(url: string): Shape | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const path = u.pathname;
  return {
    segments: path.split('/').filter((s) => s !== ''),
    trailingSlash: path.length > 1 && path.endsWith('/'),
    query: [...u.searchParams.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  };
}

/** One regex for values seen in the same position. */
function generalise(values: readonly string[], any: string): string {
  const distinct = new Set(values);
  if (distinct.size === 1) return escape(values[0]!);
  if (values.every((v) => /^\d+$/.test(v))) return '\\d+';
  if (values.every((v) => /[-_]\d+$/.test(v))) return `${any.slice(0, -1)}*[-_]\\d+`;
  if (values.every((v) => /^\d+[-_]/.test(v))) return `\\d+[-_]${any}`;
  return any;
}

function groupPattern(shapes: readonly Shape[]): string {
  const first = shapes[0]!;
  const segments = first.segments.map((_, i) => generalise(shapes.map((s) => s.segments[i]!), '[^/]+'));
  let out = segments.length === 0 ? '/' : `/${segments.join('/')}`;
  if (shapes.every((s) => s.trailingSlash)) out += '/';
  else if (shapes.some((s) => s.trailingSlash)) out += '/?';
  if (first.query.length > 0) {
    out += `\\?${first.query.map(([k], i) => `${escape(k)}=${generalise(shapes.map((s) => s.query[i]![1]), '[^&#]+')}`).join('&')}`;
  }
  return out;
}

/**
 * A pattern matching every given URL (of one host), tested on absolute URLs; null for no URLs.
 * URLs of different shapes (path depth, query keys) get one alternative each, the three most
 * common shapes at most, so that one odd link does not make the pattern match everything.
 */
export function urlPatternOf(urls: readonly string[]): string | null {
  const groups = new Map<string, Shape[]>();
  for (const url of urls) {
    const shape = shapeOf(url);
    if (!shape) continue;
    const key = `${shape.segments.length}?${shape.query.map(([k]) => k).join('&')}`;
    const group = groups.get(key) ?? groups.set(key, []).get(key)!;
    group.push(shape);
  }
  if (groups.size === 0) return null;
  const parts = [...groups.values()]
    .sort((a, b) => b.length - a.length)
    .slice(0, 3)
    .map(groupPattern);
  const body = parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
  return `^https?://[^/?#]+${body}$`;
}

/** A capture pattern for the id in such URLs: the digits of the segment or query value that changes. */
export function idPatternOf(pattern: string): string | null {
  const query = /[?&]([\w-]+)=\\d\+/.exec(pattern);
  if (query) return `[?&]${query[1]}=(\\d+)`;
  if (/\\d\+\/\??\$$|\\d\+\$$/.test(pattern)) return '(\\d+)/?$';
  if (/\[-_\]\\d\+/.test(pattern)) return '[-_](\\d+)/?$';
  if (/\/\\d\+\//.test(pattern)) return '/(\\d+)/';
  return null;
}
