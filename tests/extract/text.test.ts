import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../src/extract/dom.ts';
import { blockText } from '../../src/extract/text.ts';

const textOf = (html: string) => {
  const $ = loadHtml(html);
  return blockText($.root().toArray());
};

describe('blockText', () => {
  it('puts a newline between blocks and none inside inline markup', () => {
    expect(textOf('<div><p>Hej <b>Lina</b>!</p><p>Ring <span>070-17</span><span>4 06 12</span></p></div>')).toBe('Hej Lina!\nRing 070-174 06 12');
  });

  it('breaks lines at <br>, list items and table cells', () => {
    expect(textOf('<p>a<br>b</p><ul><li>c</li><li>d</li></ul><table><tr><td>e</td><td>f</td></tr></table>')).toBe('a\nb\nc\nd\ne\nf');
  });

  it('folds whitespace and drops empty lines', () => {
    expect(textOf('<p>  a \n\t b&nbsp;c </p>\n\n<div> </div><p>d</p>')).toBe('a b c\nd');
  });

  it('leaves out scripts, styles and templates', () => {
    expect(textOf('<p>a</p><script>var x = "070-174 06 05";</script><style>p{}</style><template><p>b</p></template>')).toBe('a');
  });

  it('walks very deep markup without overflowing the stack', () => {
    const depth = 900;
    expect(textOf(`${'<span>'.repeat(depth)}x${'</span>'.repeat(depth)}`)).toBe('x');
  });
});
