// PostgreSQL text and jsonb cannot hold NUL characters or unpaired UTF-16 surrogates, and pages
// from the web do contain them: one such character would fail a whole batch. Drop NULs and
// replace broken surrogates with U+FFFD instead.

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storable(text: string): string {
  return text.replace(/\u0000/g, '').replace(UNPAIRED_SURROGATE, '\ufffd');
}

/** JSON for a query parameter, with every string made storable. */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v));
}
