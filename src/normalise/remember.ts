// Remembering the answers of a pure function for keys that come back: the same words, characters
// and short texts recur on every page of a site.

/**
 * `compute` with its answers kept per key. When `limit` answers are kept they are all dropped and
 * keeping starts over: simpler than least-recently-used and enough for recurring keys, while
 * hostile input of endless distinct keys cannot grow memory. `compute` must be pure, and callers
 * must not change an answer (it is handed to every later caller too).
 */
export function remember<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = compute(key);
      if (kept.size >= limit) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
