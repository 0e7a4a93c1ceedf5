import { describe, expect, it } from 'vitest';
import { loadHtml, pageRoots } from '../../../src/extract/dom.ts';
import { readLabelPairs } from '../../../src/extract/generic/label-pairs.ts';
import { page } from './helpers.ts';

function pairs(body: string) {
  const $ = loadHtml(page(body));
  const out = readLabelPairs($, pageRoots($));
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value]));
}

describe('readLabelPairs', () => {
  it('reads dl/dt/dd', () => {
    expect(pairs('<dl><dt>Ålder</dt><dd>26 år</dd><dt>Kön</dt><dd>Kvinna</dd><dt>Ort</dt><dd>Västerås</dd><dt>Telefon</dt><dd>070-174 06 05</dd></dl>')).toEqual({
      age: '26 år', gender: 'Kvinna', location: 'Västerås', phone: '070-174 06 05',
    });
  });

  it('reads tables with row headers and with column headers', () => {
    expect(pairs('<table><tr><th>Age</th><td>31</td></tr><tr><th>Gender / Kön</th><td>Male</td></tr><tr><th>City</th><td>Lund</td></tr></table>')).toMatchObject({ age: '31', gender: 'Male', location: 'Lund' });
    expect(pairs('<table><tr><th>Ålder</th><th>Kön</th><th>Stad</th></tr><tr><td>30</td><td>Trans</td><td>Gävle</td></tr></table>')).toMatchObject({ age: '30', gender: 'Trans', location: 'Gävle' });
  });

  it('reads lists, bold labels and "Label: value" lines, cutting a line\'s value at its first clause', () => {
    expect(pairs('<ul><li><span>Ålder</span> <span>22</span></li><li><b>Plats:</b> Umeå</li></ul><p>Kön: Tjej. Tar emot i lugn miljö.</p>')).toMatchObject({ age: '22', location: 'Umeå', gender: 'Tjej' });
  });

  it('takes a birth year as one, and an id only when it looks like one', () => {
    expect(pairs('<p>Född: 1999</p><p>Annons-ID: #4471</p>')).toMatchObject({ age: 'Född 1999', externalId: '4471' });
    expect(pairs('<p>ID: verifierad</p>').externalId).toBeUndefined();
  });

  it('passes over values that do not read as the field, keeping an unknown place aside', () => {
    expect(pairs('<dl><dt>Kategori</dt><dd>Massage</dd><dt>Ålder</dt><dd>Ej angiven</dd><dt>Stad</dt><dd>Atlantis</dd></dl>')).toEqual({ unresolvedLocation: 'Atlantis' });
  });
});
