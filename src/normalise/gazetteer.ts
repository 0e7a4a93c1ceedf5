// The Swedish gazetteer as name indexes: src/normalise/data/se-gazetteer.json (GeoNames CC BY 4.0
// attribution and the other sources in se-gazetteer.SOURCES.md) plus the hand-kept
// se-gazetteer-supplement.json (se-gazetteer-supplement.SOURCES.md). Both are bundled with the code
// so a run never depends on files outside the project; the indexes are built once, on first use,
// so that resolving a name is a few map look-ups and never a scan of the 2,273 localities.

import data from './data/se-gazetteer.json' with { type: 'json' };
import supplement from './data/se-gazetteer-supplement.json' with { type: 'json' };
import { foldAscii, foldText, foldTranslit } from './text.ts';

interface RawCounty {
  code: string;
  name: string;
  shortName: string;
  letter: string;
  policeRegion: string;
  seat: string;
  lat: number;
  lon: number;
}
interface RawMunicipality {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  policeRegion: string;
  seat: string;
  lat: number;
  lon: number;
}
interface RawLocality {
  name: string;
  municipalityCode: string;
  lat?: number;
  lon?: number;
  population?: number;
  kind: string;
  alt?: string[];
  ascii?: string;
}
interface RawDistrict {
  name: string;
  municipalityCode: string;
  kind: string;
  lat?: number;
  lon?: number;
}
interface RawAlias {
  name: string;
  municipalityCode: string;
  locality?: string;
}
interface RawCountyAlias {
  name: string;
  countyCode: string | null;
}
interface RawGazetteer {
  policeRegions: string[];
  counties: RawCounty[];
  municipalities: RawMunicipality[];
  localities: RawLocality[];
  districts: RawDistrict[];
  postalTowns: { name: string; municipalityCodes: string[] }[];
  aliases: RawAlias[];
  countyAliases: RawCountyAlias[];
  ambiguous: { name: string; municipalityCodes: string[] }[];
}
interface RawSupplement {
  aliases: RawAlias[];
  places: { name: string; municipalityCode: string; kind: 'district' | 'place'; lat?: number; lon?: number }[];
  countyAliases: RawCountyAlias[];
  notPlaces: string[];
}

export interface Municipality {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  policeRegion: string;
}

export interface County {
  code: string;
  name: string;
  shortName: string;
  policeRegion: string;
}

export type PlaceKind = 'alias' | 'locality' | 'district' | 'postal' | 'municipality' | 'county' | 'nowhere';

/**
 * Whose point `lat`/`lon` are: the named place's own (a locality, or a district with a known point),
 * the town the place belongs to (a district without a point of its own), the municipality's seat
 * (a municipality, postal town or place known only by its municipality), or none (counties and
 * areas: one town's point would put a county-wide ad on a map as if it were in that town).
 */
export type PointSource = 'place' | 'town' | 'seat' | 'none';

/** One thing a name can mean. */
export interface Place {
  kind: PlaceKind;
  /** The gazetteer entry's own name. */
  name: string;
  /** Null for county-level places and for area names that span counties ('nowhere'). */
  kommunCode: string | null;
  lanCode: string | null;
  /** Locality to report: the place itself, the city a district belongs to, or null. */
  locality: string | null;
  /** Rank among the meanings of one name: higher is likelier (population where known). */
  weight: number;
  /** Malmö's delområden: small statistical areas, some of them named like ordinary nouns. */
  minor: boolean;
  /** An SCB tätort: `weight` is SCB's population count, not GeoNames' figure or a hand-set rank. */
  census: boolean;
  lat: number | null;
  lon: number | null;
  point: PointSource;
}

/** The meanings found for a folded key, and whether å/ä/ö had to be dropped to find them. */
export interface Hit {
  places: Place[];
  /** Found only once å/ä/ö were written as a/o (or as aa/ae/oe): "Vasteras", "are" (Åre). */
  folded: boolean;
}

// The three cities whose districts the gazetteer lists.
const CITIES = ['0180', '1480', '1280'] as const;

// Weights of meanings without a population. A district of a big city is a neighbourhood of
// thousands, likelier in an ad than a hamlet of a few hundred, less likely than a real town.
// Hand-kept well-known names (landmarks, "Hisingen") outrank statistical areas, and Malmö's small
// delområden rank lowest, so "Slussen" is Stockholm's and "Liseberg" Göteborg's.
const WEIGHT = {
  alias: 1e9,
  district: 5000,
  wellKnownDistrict: 5500,
  smallDistrict: 4000,
  // Hand-kept neighbourhoods of suburbs (Barkarby, Hallonbergen): places of thousands, like a district.
  suburbPlace: 5000,
  municipality: 3000,
  postal: 50,
  // Above hamlets that share a county's or province's name ("Halland"), below real towns.
  county: 3500,
  nowhere: 3500,
  unknownPopulation: 100,
};

// Names ads use for places outside Sweden, and names every town has for some part of it
// ("Stadion"): they resolve to nothing, even where a Swedish hamlet or a Malmö delområde shares the
// name ("Danmark" in Uppsala, "Roma" on Gotland) or a misspelling is one keystroke away.
const NOT_A_PLACE: Place = {
  kind: 'nowhere',
  name: '',
  kommunCode: null,
  lanCode: null,
  locality: null,
  weight: Infinity,
  minor: false,
  census: false,
  lat: null,
  lon: null,
  point: 'none',
};

export interface Gazetteer {
  /** Every meaning of a name: exact spelling first, then without å/ä/ö, then transliterated. */
  lookup(name: string): Place[];
  /** `lookup` for a key already folded with foldText, telling whether å/ä/ö were dropped. */
  lookupKey(key: string): Hit;
  /**
   * Names worth a spelling-mistake match (municipalities, towns over 10,000, aliases, districts)
   * of the same first letter and within `cap` letters of the key's length, ascii-folded.
   */
  nearNames(asciiKey: string, cap: number): Iterable<[string, Place[]]>;
  municipality(code: string): Municipality | null;
  county(code: string): County | null;
  municipalities(): readonly Municipality[];
  counties(): readonly County[];
  policeRegions(): readonly string[];
}

let instance: Gazetteer | null = null;

export function gazetteer(): Gazetteer {
  instance ??= build(data as unknown as RawGazetteer, supplement as unknown as RawSupplement);
  return instance;
}

const asciiOfFolded = (key: string): string => key.replace(/[åä]/g, 'a').replace(/ö/g, 'o');

function build(raw: RawGazetteer, extra: RawSupplement): Gazetteer {
  const municipalities = new Map<string, Municipality>();
  const seatPoint = new Map<string, { lat: number; lon: number }>();
  for (const m of raw.municipalities) {
    municipalities.set(m.code, {
      code: m.code,
      name: m.name,
      countyCode: m.countyCode,
      countyName: m.countyName,
      policeRegion: m.policeRegion,
    });
    seatPoint.set(m.code, { lat: m.lat, lon: m.lon });
  }
  const counties = new Map<string, County>();
  for (const c of raw.counties) {
    counties.set(c.code, { code: c.code, name: c.name, shortName: c.shortName, policeRegion: c.policeRegion });
  }
  const lanOf = (kommun: string): string | null => municipalities.get(kommun)?.countyCode ?? null;

  // The locality that stands for a whole municipality: its seat, as the gazetteer spells it among
  // localities ("Sundsvall" is the seat, the tätort is "Sundsvall och Timrå"), with its point.
  // One pass over the localities, keyed by municipality and folded name.
  const localityPoint = new Map<string, { lat: number; lon: number }>();
  for (const l of raw.localities) {
    if (l.lat === undefined || l.lon === undefined) continue;
    for (const n of [l.name, ...(l.alt ?? [])]) {
      const k = `${l.municipalityCode}|${foldText(n)}`;
      if (!localityPoint.has(k)) localityPoint.set(k, { lat: l.lat, lon: l.lon });
    }
  }
  const townOf = new Map<string, { name: string; lat: number; lon: number }>();
  for (const m of raw.municipalities) {
    const p = localityPoint.get(`${m.code}|${foldText(m.seat)}`);
    if (p) townOf.set(m.code, { name: m.seat, ...p });
  }
  const isCity = (kommun: string): boolean => (CITIES as readonly string[]).includes(kommun);

  // Points, most specific first (see PointSource).
  const seat = (kommun: string): Pick<Place, 'lat' | 'lon' | 'point'> => {
    const p = seatPoint.get(kommun);
    return p ? { ...p, point: 'seat' } : { lat: null, lon: null, point: 'none' };
  };
  const town = (kommun: string): Pick<Place, 'lat' | 'lon' | 'point'> => {
    const t = townOf.get(kommun);
    return t ? { lat: t.lat, lon: t.lon, point: 'town' } : seat(kommun);
  };
  const own = (
    lat: number | undefined,
    lon: number | undefined,
    otherwise: Pick<Place, 'lat' | 'lon' | 'point'>,
  ): Pick<Place, 'lat' | 'lon' | 'point'> =>
    lat !== undefined && lon !== undefined ? { lat, lon, point: 'place' } : otherwise;

  const exact = new Map<string, Place[]>();
  const ascii = new Map<string, Place[]>();
  const translit = new Map<string, Place[]>();
  // First letter + length → names: a misspelling is compared with a few dozen names, not hundreds.
  const fuzzy = new Map<string, Map<string, Place[]>>();
  const put = (index: Map<string, Place[]>, key: string, place: Place): void => {
    if (key === '') return;
    const list = index.get(key);
    if (!list) {
      index.set(key, [place]);
      return;
    }
    if (list.includes(NOT_A_PLACE)) return;
    // The same place reached twice (a GeoNames place that is also a listed district) keeps the
    // higher weight, and the more precise point, of the two.
    const i = list.findIndex((p) => samePlace(p, place));
    if (i < 0) {
      list.push(place);
      return;
    }
    const old = list[i]!;
    const point = old.point === 'place' || place.point !== 'place' ? old : place;
    list[i] = {
      ...old,
      weight: Math.max(old.weight, place.weight),
      minor: old.minor && place.minor,
      census: old.census || place.census,
      lat: point.lat,
      lon: point.lon,
      point: point.point,
    };
  };
  const putFuzzy = (name: string, place: Place): void => {
    const key = foldAscii(name);
    const bucket = `${key[0]}${key.length}`;
    let names = fuzzy.get(bucket);
    if (!names) fuzzy.set(bucket, (names = new Map()));
    const list = names.get(key);
    if (!list) names.set(key, [place]);
    else if (!list.some((p) => samePlace(p, place))) list.push(place);
  };
  // The spellings (exact keys) behind each ascii key, to check a folded match against what was typed.
  const spellings = new Map<string, Set<string>>();
  const spelling = (name: string): void => {
    const a = foldAscii(name);
    const set = spellings.get(a) ?? new Set<string>();
    set.add(foldText(name));
    spellings.set(a, set);
  };
  const add = (name: string, place: Place, forFuzzy = false): void => {
    spelling(name);
    put(exact, foldText(name), place);
    put(ascii, foldAscii(name), place);
    put(translit, foldTranslit(name), place);
    if (forFuzzy) putFuzzy(name, place);
  };

  // Foreign names first, so that nothing added later can give them a Swedish meaning.
  for (const n of extra.notPlaces) {
    spelling(n);
    for (const [index, key] of [
      [exact, foldText(n)],
      [ascii, foldAscii(n)],
      [translit, foldTranslit(n)],
    ] as const) {
      index.set(key, [NOT_A_PLACE]);
    }
  }

  for (const a of [...raw.aliases, ...extra.aliases]) {
    const point = a.locality
      ? (() => {
          const p = localityPoint.get(`${a.municipalityCode}|${foldText(a.locality)}`);
          return p ? { ...p, point: 'place' as const } : seat(a.municipalityCode);
        })()
      : seat(a.municipalityCode);
    add(
      a.name,
      {
        kind: 'alias',
        name: a.name,
        kommunCode: a.municipalityCode,
        lanCode: lanOf(a.municipalityCode),
        locality: a.locality ?? null,
        weight: WEIGHT.alias,
        minor: false,
        census: false,
        ...point,
      },
      true,
    );
  }

  for (const l of raw.localities) {
    // Sections (Södermalm, Råsunda) and the GeoNames places inside the three big cities (Kista,
    // Limhamn) are parts of a town: they report the town.
    const partOfTown = l.kind === 'section' || (l.kind === 'place' && isCity(l.municipalityCode));
    const weight = l.population ?? WEIGHT.unknownPopulation;
    const base: Place = {
      kind: partOfTown ? 'district' : 'locality',
      name: l.name,
      kommunCode: l.municipalityCode,
      lanCode: lanOf(l.municipalityCode),
      locality: partOfTown ? (townOf.get(l.municipalityCode)?.name ?? null) : l.name,
      weight,
      minor: false,
      census: l.kind === 'tatort',
      ...own(l.lat, l.lon, partOfTown ? town(l.municipalityCode) : seat(l.municipalityCode)),
    };
    const forFuzzy = weight >= 10000 && !partOfTown;
    // `ascii` needs no entry of its own: the ascii index holds every name folded that way.
    add(l.name, base, forFuzzy);
    // Compound tätorter ("Sundsvall och Timrå") are reported under the part that was named.
    const parts = l.name.split(/, | och /).map(foldText);
    for (const alt of l.alt ?? []) {
      const named = !partOfTown && parts.length > 1 && parts.includes(foldText(alt));
      add(alt, named ? { ...base, locality: alt } : base, forFuzzy && named);
    }
  }

  const district = (
    name: string,
    kommun: string,
    weight: number,
    minor: boolean,
    lat: number | undefined,
    lon: number | undefined,
    forFuzzy: boolean,
  ): void => {
    add(
      name,
      {
        kind: 'district',
        name,
        kommunCode: kommun,
        lanCode: lanOf(kommun),
        locality: townOf.get(kommun)?.name ?? null,
        weight,
        minor,
        census: false,
        ...own(lat, lon, town(kommun)),
      },
      forFuzzy,
    );
  };
  for (const d of raw.districts) {
    const weight =
      d.kind === 'landmark' || d.kind === 'common'
        ? WEIGHT.wellKnownDistrict
        : d.kind === 'delomrade'
          ? WEIGHT.smallDistrict
          : WEIGHT.district;
    district(d.name, d.municipalityCode, weight, d.kind === 'delomrade', d.lat, d.lon, d.name.length >= 6 && d.kind !== 'delomrade');
  }

  for (const p of extra.places) {
    if (p.kind === 'district') {
      district(p.name, p.municipalityCode, WEIGHT.wellKnownDistrict, false, p.lat, p.lon, p.name.length >= 6);
      continue;
    }
    add(
      p.name,
      {
        kind: 'locality',
        name: p.name,
        kommunCode: p.municipalityCode,
        lanCode: lanOf(p.municipalityCode),
        locality: p.name,
        weight: WEIGHT.suburbPlace,
        minor: false,
        census: false,
        ...own(p.lat, p.lon, seat(p.municipalityCode)),
      },
      p.name.length >= 6,
    );
  }

  for (const p of raw.postalTowns) {
    const code = p.municipalityCodes[0];
    if (code === undefined) continue;
    // A postal town inside one of the big cities is a part of that city.
    add(p.name, {
      kind: isCity(code) ? 'district' : 'postal',
      name: p.name,
      kommunCode: code,
      lanCode: lanOf(code),
      locality: isCity(code) ? (townOf.get(code)?.name ?? null) : null,
      weight: isCity(code) ? WEIGHT.district : WEIGHT.postal,
      minor: false,
      census: false,
      ...(isCity(code) ? town(code) : seat(code)),
    });
  }

  for (const m of raw.municipalities) {
    const place: Place = {
      kind: 'municipality',
      name: m.name,
      kommunCode: m.code,
      lanCode: m.countyCode,
      locality: null,
      weight: WEIGHT.municipality,
      minor: false,
      census: false,
      ...seat(m.code),
    };
    add(m.name, place, true);
    // "Borås kommun", "Stockholms stad"; names ending in s take no genitive s.
    const genitive = /[sxz]$/i.test(m.name) ? m.name : `${m.name}s`;
    for (const suffix of ['kommun', 'stad', 'kommune', 'municipality']) {
      add(`${m.name} ${suffix}`, place);
      add(`${genitive} ${suffix}`, place);
    }
  }

  const countyPlace = (name: string, code: string): Place => ({
    kind: 'county',
    name,
    kommunCode: null,
    lanCode: code,
    locality: null,
    weight: WEIGHT.county,
    minor: false,
    census: false,
    lat: null,
    lon: null,
    point: 'none',
  });
  for (const c of raw.counties) {
    const place = countyPlace(c.name, c.code);
    const short = c.shortName;
    const genitive = /[sxz]$/i.test(short) ? short : `${short}s`;
    // The county councils call themselves regions: "Region Stockholm", "Västra Götalandsregionen".
    const names = [
      c.name,
      short,
      `${short} län`,
      `${genitive} län`,
      `${short} lan`,
      `${genitive} lan`,
      `${short} county`,
      `${genitive} county`,
      `Region ${short}`,
      `${genitive}regionen`,
    ];
    for (const n of names) {
      add(n, place, n === short);
    }
  }

  for (const a of [...raw.countyAliases, ...extra.countyAliases]) {
    const county = a.countyCode === null ? null : counties.get(a.countyCode);
    add(
      a.name,
      county
        ? countyPlace(a.name, county.code)
        : { ...NOT_A_PLACE, name: a.name, weight: WEIGHT.nowhere },
      // Area names block spelling-mistake matches too: "Götaland" is not a slip for "Gotland".
      true,
    );
  }

  const municipalityList = [...municipalities.values()];
  const countyList = [...counties.values()];
  const none: Hit = { places: [], folded: false };
  const lookupKey = (key: string): Hit => {
    const e = exact.get(key);
    if (e) return { places: e, folded: false };
    const a = asciiOfFolded(key);
    // Folding makes up for å/ä/ö a keyboard could not type ("Vasteras"), not for ones the text
    // has and the name lacks: "hörn" (a corner) is not Horn.
    const found =
      a === key
        ? ascii.get(a)
        : [...(spellings.get(a) ?? [])].filter((s) => typedAs(key, s)).flatMap((s) => exact.get(s) ?? []);
    const places = found !== undefined && found.length > 0 ? found : translit.get(key);
    return places ? { places, folded: true } : none;
  };
  return {
    lookup: (name) => lookupKey(foldText(name)).places.filter((p) => p !== NOT_A_PLACE),
    lookupKey,
    *nearNames(asciiKey, cap) {
      const first = asciiKey[0];
      if (first === undefined) return;
      for (let len = asciiKey.length - cap; len <= asciiKey.length + cap; len++) {
        const names = fuzzy.get(`${first}${len}`);
        if (names) yield* names;
      }
    },
    municipality: (code) => municipalities.get(code) ?? null,
    county: (code) => counties.get(code) ?? null,
    municipalities: () => municipalityList,
    counties: () => countyList,
    policeRegions: () => raw.policeRegions,
  };
}

/** Whether `typed` is `spelling` with some of its å/ä/ö written as a/o. */
function typedAs(typed: string, spelling: string): boolean {
  if (spelling.length !== typed.length) return false;
  for (let i = 0; i < spelling.length; i++) {
    const t = typed[i]!;
    const n = spelling[i]!;
    if (t !== n && !(t === 'a' && (n === 'å' || n === 'ä')) && !(t === 'o' && n === 'ö')) return false;
  }
  return true;
}

function samePlace(a: Place, b: Place): boolean {
  return a.kind === b.kind && a.kommunCode === b.kommunCode && a.lanCode === b.lanCode && a.locality === b.locality;
}

/** Municipality by SCB code ("0180"), or null. */
export function municipality(code: string): Municipality | null {
  return gazetteer().municipality(code);
}

/** County by SCB code ("01"), or null. */
export function county(code: string): County | null {
  return gazetteer().county(code);
}
