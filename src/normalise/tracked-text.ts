// Text that remembers where each of its characters came from, so that a rewritten copy (digits
// restored from look-alikes, words turned into digits) can point back into the original.

/** Text plus, for each UTF-16 unit, the half-open span [from[k], to[k]) of the original it stands for. */
export interface TrackedText {
  text: string;
  from: number[];
  to: number[];
}

/** One replacement of t.text[start, end) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function track(text: string): TrackedText {
  const from = new Array<number>(text.length);
  const to = new Array<number>(text.length);
  for (let k = 0; k < text.length; k++) {
    from[k] = k;
    to[k] = k + 1;
  }
  return { text, from, to };
}

/**
 * Applies edits (sorted by start, not overlapping; an overlapping one is skipped). An equal-length
 * replacement keeps the per-character spans; any other gives every new character the span of the
 * whole replaced text. Returns `t` itself when there is nothing to do.
 */
export function applyEdits(t: TrackedText, edits: readonly Edit[]): TrackedText {
  if (edits.length === 0) return t;
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let last = 0;
  const copy = (a: number, b: number): void => {
    parts.push(t.text.slice(a, b));
    for (let k = a; k < b; k++) {
      from.push(t.from[k]!);
      to.push(t.to[k]!);
    }
  };
  for (const e of edits) {
    if (e.start < last) continue;
    copy(last, e.start);
    if (e.text.length === e.end - e.start) {
      for (let k = 0; k < e.text.length; k++) {
        from.push(t.from[e.start + k]!);
        to.push(t.to[e.start + k]!);
      }
    } else if (e.text.length > 0) {
      // An insertion (empty source) borrows the span of the character before it.
      const a = e.end > e.start ? t.from[e.start]! : (t.to[e.start - 1] ?? 0);
      const b = e.end > e.start ? t.to[e.end - 1]! : a;
      for (let k = 0; k < e.text.length; k++) {
        from.push(a);
        to.push(b);
      }
    }
    parts.push(e.text);
    last = e.end;
  }
  copy(last, t.text.length);
  return { text: parts.join(''), from, to };
}

/**
 * Replaces every match of `re` (must be global) with `replace(match)`; a replacement equal to the
 * match is no edit. Returns `t` itself when nothing changed.
 */
export function rewrite(
  t: TrackedText,
  re: RegExp,
  replace: (m: RegExpExecArray) => string,
): TrackedText {
  const edits: Edit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(t.text); m !== null; m = re.exec(t.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const rep = replace(m);
    if (rep !== m[0]) edits.push({ start: m.index, end: m.index + m[0].length, text: rep });
  }
  return applyEdits(t, edits);
}
