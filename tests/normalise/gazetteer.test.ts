import { describe, expect, it } from 'vitest';
import supplement from '../../src/normalise/data/se-gazetteer-supplement.json' with { type: 'json' };
import { county, gazetteer, municipality } from '../../src/normalise/gazetteer.ts';
import { normaliseLocation } from '../../src/normalise/location.ts';

const kinds = (name: string): string[] => gazetteer().lookup(name).map((p) => `${p.kind}:${p.kommunCode}`);

describe('gazetteer', () => {
  it('is built once', () => {
    expect(gazetteer()).toBe(gazetteer());
  });

  it('ships all 290 municipalities, 21 counties and the 7 police regions', () => {
    const g = gazetteer();
    expect(g.municipalities()).toHaveLength(290);
    expect(g.counties()).toHaveLength(21);
    expect([...g.policeRegions()].sort()).toEqual(['Bergslagen', 'Mitt', 'Nord', 'Stockholm', 'Syd', 'Väst', 'Öst']);
    for (const m of g.municipalities()) {
      expect(m.code, m.name).toMatch(/^\d{4}$/);
      // SCB's municipality code begins with its county's code.
      expect(m.code.slice(0, 2), m.name).toBe(m.countyCode);
      expect(g.policeRegions(), m.name).toContain(m.policeRegion);
      expect(county(m.countyCode)?.policeRegion, m.name).toBe(m.policeRegion);
    }
  });

  it('gives municipalities with county and police region', () => {
    expect(municipality('0180')).toEqual({
      code: '0180',
      name: 'Stockholm',
      countyCode: '01',
      countyName: 'Stockholms län',
      policeRegion: 'Stockholm',
    });
    expect(municipality('2080')?.policeRegion).toBe('Bergslagen');
    expect(municipality('9999')).toBeNull();
  });

  it('gives counties', () => {
    expect(county('14')).toEqual({ code: '14', name: 'Västra Götalands län', shortName: 'Västra Götaland', policeRegion: 'Väst' });
    expect(county('99')).toBeNull();
  });

  it('resolves every municipality and every county by its name', () => {
    for (const m of gazetteer().municipalities()) {
      for (const text of [m.name, `${m.name} kommun`]) {
        const r = normaliseLocation(text);
        expect(r.kommunCode, text).toBe(m.code);
        expect(r.lat, text).not.toBeNull();
      }
    }
    for (const c of gazetteer().counties()) {
      expect(normaliseLocation(c.name).lanCode, c.name).toBe(c.code);
    }
  });

  it('finds localities, districts, aliases and municipalities by folded name', () => {
    expect(kinds('GÖTEBORG')).toContain('locality:1480');
    expect(kinds('goteborg')).toContain('locality:1480');
    expect(kinds('Hisingen')).toContain('district:1480');
    expect(kinds('Sthlm')).toContain('alias:0180');
    expect(kinds('Botkyrka kommun')).toContain('municipality:0127');
    expect(kinds('Stockholms stad')).toContain('municipality:0180');
  });

  it('drops å/ä/ö the text lacks, never ones it has', () => {
    expect(gazetteer().lookupKey('vasteras')).toMatchObject({ folded: true });
    expect(kinds('Vasterås')).toContain('locality:1980');
    expect(kinds('Habo')).toContain('locality:0643');
    expect(kinds('Håbo')).toContain('municipality:0305');
    expect(kinds('Hörn')).toEqual([]);
  });

  it('resolves county names to the county only', () => {
    const skane = gazetteer().lookup('Skåne län');
    expect(skane).toEqual([expect.objectContaining({ kind: 'county', lanCode: '12', kommunCode: null, locality: null })]);
  });

  it('reports districts under their city, with their own point where known', () => {
    const sodermalm = gazetteer().lookup('Södermalm')[0];
    expect(sodermalm).toMatchObject({ kind: 'district', kommunCode: '0180', locality: 'Stockholm', point: 'place' });
    expect(gazetteer().lookup('Hisingen')[0]).toMatchObject({ locality: 'Göteborg', point: 'town' });
    expect(gazetteer().lookup('Botkyrka')[0]).toMatchObject({ kind: 'municipality', point: 'seat' });
    expect(gazetteer().lookup('Skåne')[0]).toMatchObject({ kind: 'county', point: 'none', lat: null });
  });

  it('loads the hand-kept supplement: short forms, districts, neighbours, areas and foreign names', () => {
    for (const a of supplement.aliases) {
      expect(kinds(a.name), a.name).toContain(`alias:${a.municipalityCode}`);
    }
    for (const p of supplement.places) {
      expect(gazetteer().lookup(p.name).map((x) => x.kommunCode), p.name).toContain(p.municipalityCode);
    }
    for (const c of supplement.countyAliases) {
      expect(gazetteer().lookup(c.name).map((x) => x.lanCode), c.name).toContain(c.countyCode);
    }
    for (const n of supplement.notPlaces) {
      expect(gazetteer().lookup(n), n).toEqual([]);
    }
  });

  it('offers a misspelling only names of its first letter and about its length', () => {
    const names = [...gazetteer().nearNames('goteborg', 1)].map(([name]) => name);
    expect(names).toContain('goteborg');
    expect(names.every((n) => n.startsWith('g') && Math.abs(n.length - 8) <= 1)).toBe(true);
    expect(names.length).toBeLessThan(100);
  });
});
