// The location corpus: strings written by hand the way ads write places, with the answer a person
// would give. Municipality accuracy must stay at or above the bar, and a line that names no place
// must never get one.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { municipality, county } from '../../src/normalise/gazetteer.ts';
import { normaliseLocation } from '../../src/normalise/location.ts';

interface LocationCase {
  text: string;
  kommunCode: string | null;
  lanCode: string | null;
  policeRegion: string | null;
  locality: string | null;
  /** Every place the text names, primary first: kommun codes, or a county code for a county-only place. */
  places?: string[];
  note?: string;
}

const corpus: LocationCase[] = readFileSync(new URL('./corpus/locations.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as LocationCase);

const BAR = 0.97;
const MULTI_BAR = 0.95;
// Text without a letter or digit is an empty field, not an unresolved place.
const hasText = (t: string) => /[\p{L}\p{N}]/u.test(t);
const code = (p: { kommunCode: string | null; lanCode: string | null }) => p.kommunCode ?? p.lanCode;

describe('location corpus', () => {
  it('is large and varied enough to mean something', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(new Set(corpus.map((c) => c.text)).size).toBe(corpus.length);
    expect(new Set(corpus.map((c) => c.policeRegion).filter((r) => r !== null)).size).toBe(7);
    expect(corpus.filter((c) => c.lanCode === null).length).toBeGreaterThanOrEqual(100);
    expect(corpus.filter((c) => (c.places?.length ?? 0) > 1).length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((c) => c.kommunCode === null && c.lanCode !== null).length).toBeGreaterThanOrEqual(30);
  });

  it('states county and police region consistently with the municipality', () => {
    for (const c of corpus) {
      if (c.kommunCode !== null) {
        const m = municipality(c.kommunCode);
        expect(m, c.text).not.toBeNull();
        expect([c.lanCode, c.policeRegion], c.text).toEqual([m!.countyCode, m!.policeRegion]);
      } else if (c.lanCode !== null) {
        expect(c.policeRegion, c.text).toBe(county(c.lanCode)?.policeRegion);
        expect(c.locality, c.text).toBeNull();
      } else {
        expect([c.policeRegion, c.locality, c.places], c.text).toEqual([null, null, undefined]);
      }
      if (c.places) expect(c.places[0], c.text).toBe(c.kommunCode ?? c.lanCode);
    }
  });

  it(`meets municipality accuracy ≥ ${BAR} with no wrong answer on unresolvable lines`, () => {
    let kommunRight = 0;
    let allRight = 0;
    let unresolvable = 0;
    let unresolvedRight = 0;
    let multi = 0;
    let multiRight = 0;
    let resolved = 0;
    let withPoint = 0;
    const misses: string[] = [];
    const wrongOnUnresolvable: string[] = [];
    const pointless: string[] = [];
    for (const c of corpus) {
      const got = normaliseLocation(c.text);
      const k = got.kommunCode === c.kommunCode && got.lanCode === c.lanCode;
      const listed = got.places.map(code);
      const placesRight = c.places === undefined || JSON.stringify(listed) === JSON.stringify(c.places);
      const all = k && got.policeRegion === c.policeRegion && got.locality === c.locality && placesRight;
      if (k) kommunRight++;
      if (all) allRight++;
      else misses.push(`${JSON.stringify(c.text)} → ${got.locality}/${got.kommunCode}/${got.lanCode} [${listed.join(',')}]`);

      if (c.lanCode === null && hasText(c.text)) {
        unresolvable++;
        if (got.kommunCode === null && got.lanCode === null && got.unresolved && got.places.length === 0) unresolvedRight++;
        else wrongOnUnresolvable.push(`${JSON.stringify(c.text)} → ${got.kommunCode}/${got.lanCode}`);
      }
      if (c.places && c.places.length > 1) {
        multi++;
        if (placesRight) multiRight++;
      }
      // Coordinates for every line resolved to a municipality, in every place it lists; none for
      // county-only answers, which have no point of their own.
      if (got.kommunCode !== null) {
        resolved++;
        if (got.lat !== null && got.lon !== null && got.places.every((p) => p.kommunCode === null || p.lat !== null)) withPoint++;
        else pointless.push(c.text);
      } else if (got.lat !== null || got.lon !== null) {
        pointless.push(`${c.text} (point without a municipality)`);
      }
    }
    const n = corpus.length;
    const accuracy = kommunRight / n;
    console.log(
      [
        `locations: ${n} lines`,
        `municipality accuracy ${accuracy.toFixed(3)} (${kommunRight}/${n})`,
        `all fields ${(allRight / n).toFixed(3)} (${allRight}/${n})`,
        `unresolved correct ${unresolvedRight}/${unresolvable}`,
        `multi-place lists ${multiRight}/${multi}`,
        `coordinates ${withPoint}/${resolved} resolved lines`,
      ].join('; '),
    );
    if (misses.length > 0) console.log(`not all fields right:\n${misses.join('\n')}`);
    expect(wrongOnUnresolvable).toEqual([]);
    expect(pointless).toEqual([]);
    expect(accuracy).toBeGreaterThanOrEqual(BAR);
    expect(multiRight / multi).toBeGreaterThanOrEqual(MULTI_BAR);
  });

  it('treats the empty line as an empty field', () => {
    for (const c of corpus.filter((c) => !hasText(c.text))) {
      expect(normaliseLocation(c.text), JSON.stringify(c.text)).toMatchObject({ unresolved: false, places: [] });
    }
  });
});
