// The synthetic demo web: a few hundred made-up profiles on three made-up Swedish-language ad
// sites, generated from a seed so every run and machine sees the same web and a mapping can be
// checked against the truth. Nothing here describes a real person, number or site: first names
// from a generic list, places with SCB codes, and telephone numbers only from the ranges
// regulators reserve for fiction (see phones.ts for which ranges and why nobody can own them).
//
// Shape of the data, chosen to resemble what agencies see: about 85 % women, 9 % men and 6 %
// trans people; ages mostly 20–40 peaking at 24–29, a few ads stating none; most ads in the
// Stockholm, Göteborg and Malmö areas; 12–18 "organisations" whose one number appears on 2–8
// profiles, some across two or three sites; a few ads without a number and a few with two.
//
// Epochs are later mappings of the same web: each epoch takes the previous one, removes about a
// tenth of the profiles and adds about a tenth new ones, leaving the rest exactly as they were
// (same URL, id and content). That is what lets a test check first/last seen over two runs.

import { DEMO_CITIES, cityBySlug, fixedRegionOf, type DemoCity } from './places.ts';
import { PhonePool, type DemoPhone, type DemoPhoneKind } from './phones.ts';
import { Rng, subSeed } from './random.ts';

export const DEMO_SITE_IDS = ['demo-stad', 'demo-annons', 'demo-tabell'] as const;
export type DemoSiteId = (typeof DEMO_SITE_IDS)[number];
export type DemoGender = 'woman' | 'man' | 'trans';

/** Share of the profiles on each site. */
const SITE_SHARE: readonly (readonly [DemoSiteId, number])[] = [
  ['demo-stad', 0.4],
  ['demo-annons', 0.33],
  ['demo-tabell', 0.27],
];

export interface DemoPlace {
  /** As the ad writes it: "Sthlm", "Hisingen, Göteborg". */
  text: string;
  citySlug: string;
  kommunCode: string;
}

export interface DemoProfile {
  siteId: DemoSiteId;
  /** The site's own id, as its pages and addresses show it. */
  externalId: string;
  /** Readable part of the profile's address. */
  slug: string;
  name: string;
  title: string;
  age: number | null;
  gender: DemoGender;
  place: DemoPlace;
  /** Per-city site: a second city whose listing also shows the ad (it must be counted once). */
  alsoListedIn: string | null;
  phones: DemoPhone[];
  orgId: string | null;
  /** YYYY-MM-DD. */
  posted: string;
  pricePerHour: number;
  hours: string;
  /** Sentences of the description, none with a number, an age or a place in it. */
  description: string[];
  /** Drives the renderers' cosmetic choices (wording, number format), so they are stable too. */
  style: number;
  /** The epoch in which the ad first appeared. */
  bornEpoch: number;
}

export interface DemoOrganisation {
  id: string;
  phone: DemoPhone;
  sites: DemoSiteId[];
  citySlug: string;
}

export interface DemoWorld {
  seed: number;
  epoch: number;
  profiles: DemoProfile[];
  organisations: DemoOrganisation[];
}

const WOMEN = [
  'Lina', 'Bella', 'Sofia', 'Emma', 'Nora', 'Alva', 'Mia', 'Elsa', 'Julia', 'Ida', 'Tess', 'Vera', 'Lea', 'Maja',
  'Ronja', 'Stella', 'Nina', 'Amanda', 'Elin', 'Jasmin', 'Natalie', 'Diana', 'Carmen', 'Lola', 'Rosa', 'Anja',
  'Katja', 'Yasmin', 'Vanessa', 'Alicia', 'Irina', 'Daria', 'Sara', 'Klara', 'Hanna', 'Olivia', 'Wilma', 'Ebba',
  'Felicia', 'Mira', 'Tilda', 'Leila', 'Sabina', 'Monika', 'Paula', 'Adriana', 'Kiki', 'Gabi', 'Selma', 'Liv',
];
const MEN = ['Alex', 'Marco', 'Leo', 'Adam', 'Viktor', 'Noah', 'Rafael', 'Eric', 'Tim', 'Oscar', 'Sam', 'David'];
const TRANS = ['Kim', 'Robin', 'Luna', 'Sasha', 'Alexis', 'Nicky', 'Jade', 'Mika', 'Valentina', 'Bianca'];

const TAGLINES = [
  'Ny i stan', 'Diskret och trevlig', 'Välkommen', 'Avkopplande massage', 'Söt och social', 'Bara här en vecka',
  'Lugn och mysig', 'Elegant sällskap',
];

const SENTENCES = [
  'Välkommen till en lugn och diskret stund.',
  'Jag tar emot i egen lägenhet, dusch finns.',
  'Jag är social, glad och respektfull och vill att du ska trivas.',
  'Hör av dig i god tid så planerar vi tillsammans.',
  'Endast seriösa förfrågningar, inga dolda nummer.',
  'Jag reser ibland till andra städer – håll utkik här.',
  'Hygien och respekt är viktigt för mig.',
  'Svarar på sms så fort jag kan.',
  'Talar svenska och engelska.',
  'Bokning helst en timme i förväg.',
  'Kan även träffas på hotell.',
  'Parkering finns i närheten.',
];

const HOURS = ['10-22', '12-24', 'Dygnet runt', '09.00–21.00', 'Mån–Fre 10–20', 'Kvällar och helger'];
const PRICES = [1000, 1200, 1500, 1800, 2000, 2500, 3000];

/** Stated ages and how common they are: mostly 20–40, peaking at 24–29. */
const AGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [19, 2], [20, 4], [21, 5], [22, 7], [23, 9], [24, 12], [25, 13], [26, 13], [27, 12], [28, 11], [29, 10],
  [30, 8], [31, 7], [32, 6], [33, 5], [34, 4], [35, 4], [36, 3], [37, 3], [38, 2], [39, 2], [40, 2],
  [41, 1], [42, 1], [43, 1], [44, 1], [45, 1], [47, 0.5], [49, 0.5],
];
const NO_AGE_SHARE = 0.03;
const NO_PHONE_SHARE = 0.035;
const TWO_PHONES_SHARE = 0.035;

/** The date of the first mapping; later epochs are a month apart. */
const EPOCH0_DAY = Date.UTC(2025, 2, 1);
const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Builds epoch 0 and then applies each later epoch's removals and additions in turn. */
class WorldBuilder {
  readonly profiles: DemoProfile[] = [];
  readonly organisations: DemoOrganisation[] = [];
  private readonly pool: PhonePool;
  private readonly nextId: Record<DemoSiteId, number> = { 'demo-stad': 1000, 'demo-annons': 480_000, 'demo-tabell': 100 };
  private readonly idStep: Record<DemoSiteId, number> = { 'demo-stad': 4, 'demo-annons': 37, 'demo-tabell': 3 };

  constructor(private readonly rng: Rng, private readonly seed: number) {
    this.pool = new PhonePool(rng);
  }

  private newId(site: DemoSiteId, rng: Rng): string {
    this.nextId[site] += rng.int(1, this.idStep[site]);
    return String(this.nextId[site]);
  }

  private city(rng: Rng): DemoCity {
    return rng.weighted(DEMO_CITIES.map((c) => [c, c.weight] as const));
  }

  private place(rng: Rng, city: DemoCity, site: DemoSiteId): DemoPlace {
    // The free-text site writes the place inside a sentence, where "district, city" would read
    // as two clauses; it uses the one-word forms.
    const forms = site === 'demo-annons' ? city.forms.filter(([f]) => !f.includes(',')) : city.forms;
    return { text: rng.weighted(forms), citySlug: city.slug, kommunCode: city.kommunCode };
  }

  private phoneKind(rng: Rng, weights: readonly (readonly [DemoPhoneKind, number])[]): DemoPhoneKind {
    return rng.weighted(weights);
  }

  private makeProfile(
    rng: Rng,
    site: DemoSiteId,
    epoch: number,
    org: DemoOrganisation | null,
    takenNames: Set<string> = new Set(),
  ): DemoProfile {
    const gender = rng.weighted<DemoGender>([['woman', 85], ['man', 9], ['trans', 6]]);
    const names = gender === 'woman' ? WOMEN : gender === 'man' ? MEN : TRANS;
    let name = rng.pick(names);
    for (let i = 0; i < 5 && takenNames.has(name); i++) name = rng.pick(names);
    takenNames.add(name);
    const age = rng.chance(NO_AGE_SHARE) ? null : rng.weighted(AGE_WEIGHTS);
    // An organisation places most of its ads in its home city.
    const city = org && rng.chance(0.7) ? cityBySlug(org.citySlug)! : this.city(rng);
    const place = this.place(rng, city, site);
    let alsoListedIn: string | null = null;
    if (site === 'demo-stad' && rng.chance(0.08)) {
      const other = this.city(rng);
      if (other.slug !== city.slug) alsoListedIn = other.slug;
    }

    const region = fixedRegionOf(city);
    let phones: DemoPhone[];
    if (org) {
      phones = [org.phone];
    } else if (rng.chance(NO_PHONE_SHARE)) {
      phones = [];
    } else {
      phones = [this.pool.take(this.phoneKind(rng, [['se-mobile', 46], ['se-fixed', 40], ['foreign', 14]]), region)];
      if (rng.chance(TWO_PHONES_SHARE)) phones.push(this.pool.take(this.phoneKind(rng, [['se-mobile', 1], ['se-fixed', 1]]), region));
    }

    const tagline = rng.chance(0.6) ? rng.pick(TAGLINES) : null;
    const sentences = rng.shuffle(SENTENCES).slice(0, rng.int(2, 4));
    const dayOffset = epoch === 0 ? -rng.int(0, 75) : 30 * epoch - rng.int(0, 25);
    const externalId = this.newId(site, rng);
    return {
      siteId: site,
      externalId,
      slug: slugify(tagline ? `${name} ${tagline}` : name),
      name,
      title: tagline ? `${name} – ${tagline}` : name,
      age,
      gender,
      place,
      alsoListedIn,
      phones,
      orgId: org?.id ?? null,
      posted: isoDay(EPOCH0_DAY + dayOffset * DAY_MS),
      pricePerHour: rng.pick(PRICES),
      hours: rng.pick(HOURS),
      description: sentences,
      style: rng.style(),
      bornEpoch: epoch,
    };
  }

  private newOrganisation(rng: Rng): DemoOrganisation {
    const n = rng.weighted<number>([[1, 45], [2, 35], [3, 20]]);
    const sites = rng.shuffle(DEMO_SITE_IDS).slice(0, n);
    const city = rng.weighted<DemoCity>(DEMO_CITIES.slice(0, 6).map((c) => [c, c.weight] as const));
    const kind = this.phoneKind(rng, [['se-mobile', 70], ['foreign', 20], ['se-fixed', 10]]);
    const org: DemoOrganisation = {
      id: `org-${this.organisations.length + 1}`,
      phone: this.pool.take(kind, fixedRegionOf(city)),
      sites,
      citySlug: city.slug,
    };
    this.organisations.push(org);
    return org;
  }

  buildEpoch0(): void {
    const rng = this.rng;
    const total = rng.int(270, 300);
    const target = new Map(SITE_SHARE.map(([site, share]) => [site, Math.round(total * share)]));

    const orgCount = rng.int(12, 18);
    for (let i = 0; i < orgCount; i++) {
      const org = this.newOrganisation(rng);
      const size = rng.pick([2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8]);
      const names = new Set<string>();
      for (let j = 0; j < size; j++) {
        const site = org.sites[j % org.sites.length]!;
        this.profiles.push(this.makeProfile(rng, site, 0, org, names));
        target.set(site, (target.get(site) ?? 0) - 1);
      }
    }
    for (const [site] of SITE_SHARE) {
      const n = Math.max(0, target.get(site) ?? 0);
      for (let i = 0; i < n; i++) this.profiles.push(this.makeProfile(rng, site, 0, null));
    }
  }

  /** One month later: about a tenth of the ads gone, about a tenth new, the rest untouched. */
  applyEpoch(epoch: number): void {
    const rng = new Rng(subSeed(this.seed, epoch));
    const n = this.profiles.length;
    const members = new Map<string, number>();
    for (const p of this.profiles) if (p.orgId) members.set(p.orgId, (members.get(p.orgId) ?? 0) + 1);

    const removeCount = Math.round(n * (0.08 + 0.04 * rng.float()));
    const removed = new Set<DemoProfile>();
    for (const p of rng.shuffle(this.profiles)) {
      if (removed.size >= removeCount) break;
      // An organisation keeps at least two ads, or it would stop being one.
      if (p.orgId && (members.get(p.orgId) ?? 0) <= 2) continue;
      removed.add(p);
      if (p.orgId) members.set(p.orgId, (members.get(p.orgId) ?? 0) - 1);
    }
    const kept = this.profiles.filter((p) => !removed.has(p));
    this.profiles.length = 0;
    this.profiles.push(...kept);

    const addCount = Math.round(n * (0.08 + 0.04 * rng.float()));
    for (let i = 0; i < addCount; i++) {
      const open = this.organisations.filter((o) => (members.get(o.id) ?? 0) < 8);
      if (open.length > 0 && rng.chance(0.2)) {
        const org = rng.pick(open);
        this.profiles.push(this.makeProfile(rng, rng.pick(org.sites), epoch, org));
        members.set(org.id, (members.get(org.id) ?? 0) + 1);
      } else {
        this.profiles.push(this.makeProfile(rng, rng.weighted(SITE_SHARE), epoch, null));
      }
    }
  }
}

const MAX_EPOCH = 24;

/** The demo web as it stands in `epoch` (0 = the first mapping). Same input, same world. */
export function generateDemoWorld(opts: { seed: number; epoch: number }): DemoWorld {
  const seed = Math.trunc(opts.seed) >>> 0;
  const epoch = Math.trunc(opts.epoch);
  if (!Number.isFinite(epoch) || epoch < 0 || epoch > MAX_EPOCH) {
    throw new RangeError(`demo epoch must be an integer from 0 to ${MAX_EPOCH}, got ${opts.epoch}`);
  }
  const builder = new WorldBuilder(new Rng(seed), seed);
  builder.buildEpoch0();
  for (let e = 1; e <= epoch; e++) builder.applyEpoch(e);
  return {
    seed,
    epoch,
    profiles: builder.profiles.map((p) => ({ ...p, place: { ...p.place }, phones: p.phones.map((ph) => ({ ...ph })), description: [...p.description] })),
    organisations: builder.organisations.map((o) => ({ ...o, phone: { ...o.phone }, sites: [...o.sites] })),
  };
}

/** The profiles of one site, newest first, as its listings show them. */
export function siteProfiles(world: DemoWorld, site: DemoSiteId): DemoProfile[] {
  return world.profiles
    .filter((p) => p.siteId === site)
    .sort((a, b) => (a.posted === b.posted ? Number(b.externalId) - Number(a.externalId) : a.posted < b.posted ? 1 : -1));
}
