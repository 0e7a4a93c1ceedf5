// Where demo profiles are. Weighted like the real market (most ads in the three big cities) and
// written the ways ads write places: abbreviations ("Sthlm", "Gbg"), districts ("Södermalm",
// "Möllevången"), "Malmö C". Municipality codes are SCB's, so the ground truth can say which
// kommun a profile is in whatever form the site used.

export interface DemoCity {
  name: string;
  /** Path segment of the city's listing on the per-city demo site. */
  slug: string;
  kommunCode: string;
  /** Relative share of ads. */
  weight: number;
  /** How ads write the place, with relative frequency. A comma marks "district, city". */
  forms: readonly (readonly [string, number])[];
}

export const DEMO_CITIES: readonly DemoCity[] = [
  {
    name: 'Stockholm', slug: 'stockholm', kommunCode: '0180', weight: 38,
    forms: [['Stockholm', 8], ['Sthlm', 3], ['Södermalm', 2], ['Kista', 1], ['Östermalm', 1], ['Vasastan', 1], ['Stockholm City', 1], ['Kungsholmen', 1], ['Södermalm, Stockholm', 1]],
  },
  {
    name: 'Göteborg', slug: 'goteborg', kommunCode: '1480', weight: 18,
    forms: [['Göteborg', 8], ['Gbg', 3], ['Hisingen, Göteborg', 2], ['Majorna', 1], ['Göteborg centrum', 1], ['Gothenburg', 1]],
  },
  {
    name: 'Malmö', slug: 'malmo', kommunCode: '1280', weight: 13,
    forms: [['Malmö', 8], ['Malmö C', 3], ['Möllevången', 2], ['Västra Hamnen, Malmö', 1]],
  },
  { name: 'Uppsala', slug: 'uppsala', kommunCode: '0380', weight: 5, forms: [['Uppsala', 1]] },
  { name: 'Linköping', slug: 'linkoping', kommunCode: '0580', weight: 3, forms: [['Linköping', 1]] },
  { name: 'Örebro', slug: 'orebro', kommunCode: '1880', weight: 3, forms: [['Örebro', 1]] },
  { name: 'Västerås', slug: 'vasteras', kommunCode: '1980', weight: 3, forms: [['Västerås', 1]] },
  { name: 'Jönköping', slug: 'jonkoping', kommunCode: '0680', weight: 3, forms: [['Jönköping', 1]] },
  { name: 'Helsingborg', slug: 'helsingborg', kommunCode: '1283', weight: 3, forms: [['Helsingborg', 3], ['Hbg', 1]] },
  { name: 'Norrköping', slug: 'norrkoping', kommunCode: '0581', weight: 2, forms: [['Norrköping', 1]] },
  { name: 'Umeå', slug: 'umea', kommunCode: '2480', weight: 2, forms: [['Umeå', 1]] },
  { name: 'Sundsvall', slug: 'sundsvall', kommunCode: '2281', weight: 2, forms: [['Sundsvall', 1]] },
  { name: 'Luleå', slug: 'lulea', kommunCode: '2580', weight: 2, forms: [['Luleå', 1]] },
  { name: 'Lund', slug: 'lund', kommunCode: '1281', weight: 2, forms: [['Lund', 1]] },
  { name: 'Solna', slug: 'solna', kommunCode: '0184', weight: 1, forms: [['Solna', 1]] },
  { name: 'Gävle', slug: 'gavle', kommunCode: '2180', weight: 1, forms: [['Gävle', 1]] },
  { name: 'Karlstad', slug: 'karlstad', kommunCode: '1780', weight: 1, forms: [['Karlstad', 1]] },
  { name: 'Växjö', slug: 'vaxjo', kommunCode: '0780', weight: 1, forms: [['Växjö', 1]] },
];

export function cityBySlug(slug: string): DemoCity | undefined {
  return DEMO_CITIES.find((c) => c.slug === slug);
}

/** Which fictional fixed-line range a city's ads would use (see phones.ts). */
export function fixedRegionOf(city: DemoCity): 'stockholm' | 'goteborg' | 'malmo' {
  if (['goteborg', 'jonkoping', 'karlstad'].includes(city.slug)) return 'goteborg';
  if (['malmo', 'helsingborg', 'lund', 'vaxjo'].includes(city.slug)) return 'malmo';
  return 'stockholm';
}
