// Where the national web's ads are: about 200 real localities (tätorter) from the bundled
// gazetteer, so every place carries its true SCB kommun, län and police region and the normaliser
// can be checked against them. Weighted towards the big-city regions as the mapping found.

import data from '../../normalise/data/se-gazetteer.json' with { type: 'json' };
import { LOCALITY_COUNT, LOCALITY_POPULATION_EXPONENT, METRO_REGIONS, METRO_WEIGHT } from './calibration.ts';

export interface NationalPlace {
  locality: string;
  kommunCode: string;
  kommunName: string;
  lanCode: string;
  policeRegion: string;
  population: number;
  /** Relative share of ads. */
  weight: number;
}

interface RawLocality {
  name: string;
  municipalityCode: string;
  population?: number;
  kind: string;
}

let cached: readonly NationalPlace[] | null = null;

/**
 * The LOCALITY_COUNT most populous tätorter whose name means one place only: a name the gazetteer
 * lists as ambiguous, or used by two localities, would make the ground truth's kommun a guess.
 */
export function nationalPlaces(): readonly NationalPlace[] {
  if (cached) return cached;
  const municipalities = new Map(data.municipalities.map((m) => [m.code, m]));
  const ambiguous = new Set(data.ambiguous.map((a) => a.name));
  const nameCount = new Map<string, number>();
  for (const l of data.localities as RawLocality[]) nameCount.set(l.name, (nameCount.get(l.name) ?? 0) + 1);
  const candidates = (data.localities as RawLocality[])
    // "X och Y" tätorter span two municipalities and no ad writes them that way.
    .filter((l) => l.kind === 'tatort' && (l.population ?? 0) > 0 && !ambiguous.has(l.name) && nameCount.get(l.name) === 1)
    .filter((l) => !l.name.includes(' och '))
    .filter((l) => municipalities.has(l.municipalityCode))
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || (a.name < b.name ? -1 : 1))
    .slice(0, LOCALITY_COUNT);
  cached = candidates.map((l) => {
    const m = municipalities.get(l.municipalityCode)!;
    const population = l.population ?? 0;
    const metro = METRO_REGIONS.includes(m.policeRegion) ? METRO_WEIGHT : 1;
    return {
      locality: l.name,
      kommunCode: m.code,
      kommunName: m.name,
      lanCode: m.countyCode,
      policeRegion: m.policeRegion,
      population,
      weight: Math.pow(population, LOCALITY_POPULATION_EXPONENT) * metro,
    };
  });
  return cached;
}

export const POLICE_REGIONS: readonly string[] = data.policeRegions;
