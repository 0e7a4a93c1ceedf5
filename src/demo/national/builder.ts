// The mutable state behind one generation run: sites, profiles, organisations, the phone pool and
// the id counters. The base year and each later year (churn.ts) work on the same builder, so ids
// keep counting and a line given up one year can be reused the next.

import { Rng, subSeed } from '../random.ts';
import {
  AGE_WEIGHTS, ENGLISH_SITE_SHARE, FOREIGN_NUMBER_SHARE, GENDER_SHARES, LARGEST_SITE_VISITORS, NO_AGE_SHARE,
  NO_PHONE_SHARE, ORGANISATION_AGENCY_SHARE, ORGANISATION_FOREIGN_SHARE, ORGANISATION_NO_PHONE_SHARE, ORGANISATION_PLACE_MIX, ORGANISATION_PROFILE_SHARE,
  ORGANISATION_SECOND_LINE_SHARE, ORGANISATION_SITE_COUNT, ORGANISATION_SIZE, ORGANISATION_SIZE_PARETO,
  SITE_ZIPF_EXPONENT, TWO_PHONES_SHARE,
} from './calibration.ts';
import { NationalPhonePool } from './phones.ts';
import { TieMaker } from './ties.ts';
import { nationalPlaces, type NationalPlace } from './places.ts';
import { DISTRESS_CUES, describe, organisationTemplate, reviewText, reviewer, siteName, type Language } from './text.ts';
import {
  LAYOUTS, type LayoutId, type NationalGender, type NationalOrganisation, type NationalProfile, type NationalReview, type NationalSite,
} from './types.ts';

/**
 * Chosen so the overall share of profiles with a foreign number meets FOREIGN_NUMBER_SHARE given
 * the organisations' higher share.
 */
const INDEPENDENT_FOREIGN_SHARE =
  (FOREIGN_NUMBER_SHARE - ORGANISATION_PROFILE_SHARE * ORGANISATION_FOREIGN_SHARE) / (1 - ORGANISATION_PROFILE_SHARE);

/** Profiles of an English-language site are in English; a share of those on Swedish sites too (foreign advertisers). */
const ENGLISH_ON_SWEDISH_SITE = 0.15;

/**
 * Reviews are drawn from their own stream per profile, never from the builder's: the review
 * sections came after the world was calibrated, and drawing them from the main stream would have
 * shifted every later draw and so changed every existing world.
 */
const REVIEW_STREAM = 0x7e71e5;
/** How many reviews an ad on a review site has: most a few, many none. */
const REVIEW_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[0, 0.3], [1, 0.25], [2, 0.2], [3, 0.15], [4, 0.1]];
/**
 * Share of reviewed ads whose reviews carry a distress cue: higher for organisation members, so
 * about 7.5 % overall (ORGANISATION_PROFILE_SHARE of 25 %).
 */
const DISTRESS_SHARE = { independent: 0.05, member: 0.15 } as const;

/** A day from March of the year before `year` to February of `year`: before that year's mapping (MAPPING_DAY is 1 March). */
function reviewDate(rng: Rng, year: number): string {
  const month = rng.int(3, 14);
  const y = month > 12 ? year : year - 1;
  const m = month > 12 ? month - 12 : month;
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export class Builder {
  readonly sites: NationalSite[] = [];
  profiles: NationalProfile[] = [];
  organisations: NationalOrganisation[] = [];
  readonly places: readonly NationalPlace[] = nationalPlaces();
  private readonly localityNames: readonly string[] = this.places.map((p) => p.locality);
  readonly pool: NationalPhonePool;
  /** Photos and contacts, from a stream of their own (ties.ts). */
  readonly ties: TieMaker;
  private nextProfile = 1;
  private nextOrganisation = 1;
  private nextSite = 1;
  private readonly externalCounter = new Map<string, number>();
  /** Visitors per unit of weight vary a little from site to site; fixed when the site opens. */
  private readonly visitorNoise = new Map<string, number>();
  private readonly takenNames = new Set<string>();
  private readonly placeWeights: readonly (readonly [NationalPlace, number])[];

  constructor(readonly seed: number, readonly rng: Rng) {
    this.pool = new NationalPhonePool(rng);
    this.ties = new TieMaker(seed);
    this.placeWeights = this.places.map((p) => [p, p.weight] as const);
  }

  // ---- sites ----

  addSite(rng: Rng, weight: number, year: number, layout: LayoutId, reviews: boolean): NationalSite {
    const language: Language = layout === 'english' || rng.chance(ENGLISH_SITE_SHARE / 2) ? 'en' : 'sv';
    const n = this.nextSite++;
    const site: NationalSite = {
      id: `nat-${String(n).padStart(2, '0')}`,
      name: siteName(rng, language, this.takenNames),
      language,
      layout,
      reviews,
      weight,
      monthlyVisitors: 0,
      openedYear: year,
    };
    this.visitorNoise.set(site.id, 0.8 + 0.2 * rng.float());
    this.externalCounter.set(site.id, rng.int(1, 9) * 10_000 * n);
    this.sites.push(site);
    return site;
  }

  /** Visitors follow the site's weight; the base year's largest site (weight 1) gets up to LARGEST_SITE_VISITORS. */
  updateVisitors(): void {
    for (const s of this.sites) s.monthlyVisitors = Math.round((LARGEST_SITE_VISITORS * s.weight * (this.visitorNoise.get(s.id) ?? 1)) / 10) * 10;
  }

  buildSites(rng: Rng, count: number, year: number): void {
    // Every layout appears at least once (when there are enough sites), the rest at random.
    const layouts: LayoutId[] = [];
    for (let i = 0; i < count; i++) layouts.push(i < LAYOUTS.length ? LAYOUTS[i]! : rng.pick(LAYOUTS));
    const shuffled = rng.shuffle(layouts);
    // Review sections belong to established sites: three among the dozen largest.
    const reviewRanks = new Set(rng.shuffle([...Array(Math.min(12, count)).keys()]).slice(0, 3));
    for (let i = 0; i < count; i++) {
      this.addSite(rng, 1 / Math.pow(i + 1, SITE_ZIPF_EXPONENT), year, shuffled[i]!, reviewRanks.has(i));
    }
    this.updateVisitors();
  }

  siteById(id: string): NationalSite | undefined {
    return this.sites.find((s) => s.id === id);
  }

  pickSite(rng: Rng, from: readonly NationalSite[] = this.sites): NationalSite {
    return rng.weighted(from.map((s) => [s, s.weight] as const));
  }

  // ---- places ----

  pickPlace(rng: Rng, region?: string, notKommun?: string): NationalPlace {
    const pool = this.placeWeights.filter(([p]) => (region === undefined || p.policeRegion === region) && p.kommunCode !== notKommun);
    return rng.weighted(pool.length > 0 ? pool : this.placeWeights);
  }

  placeOf(name: string): NationalPlace {
    const p = this.places.find((x) => x.locality === name);
    if (!p) throw new Error(`unknown national locality ${name}`);
    return p;
  }

  /** Where an organisation's member says it is: home, elsewhere in the home region, or touring. */
  memberPlace(rng: Rng, org: NationalOrganisation, sameRegion = false): NationalPlace {
    const r = rng.float();
    if (r < ORGANISATION_PLACE_MIX.home) return this.placeOf(org.homeLocality);
    if (sameRegion || r < ORGANISATION_PLACE_MIX.home + ORGANISATION_PLACE_MIX.region) return this.pickPlace(rng, org.policeRegion);
    return this.pickPlace(rng);
  }

  // ---- profiles ----

  private externalId(rng: Rng, siteId: string): string {
    const next = (this.externalCounter.get(siteId) ?? 0) + rng.int(1, 9);
    this.externalCounter.set(siteId, next);
    return String(next);
  }

  private gender(rng: Rng): NationalGender {
    return rng.weighted<NationalGender>([['woman', GENDER_SHARES.woman], ['man', GENDER_SHARES.man], ['trans', GENDER_SHARES.trans]]);
  }

  makeProfile(rng: Rng, site: NationalSite, place: NationalPlace, phones: string[], org: NationalOrganisation | null, year: number): NationalProfile {
    const language: Language = site.language === 'en' || rng.chance(ENGLISH_ON_SWEDISH_SITE) ? 'en' : 'sv';
    const p: NationalProfile = {
      id: `np-${String(this.nextProfile++).padStart(6, '0')}`,
      siteId: site.id,
      externalId: this.externalId(rng, site.id),
      age: rng.chance(NO_AGE_SHARE) ? null : rng.weighted(AGE_WEIGHTS),
      gender: this.gender(rng),
      locality: place.locality,
      kommunCode: place.kommunCode,
      lanCode: place.lanCode,
      policeRegion: place.policeRegion,
      phones,
      organisationId: org?.id ?? null,
      minorCue: false,
      minorCueEvidence: null,
      language,
      description: '',
      style: rng.style(),
      firstYear: year,
      reviews: [],
      photo: null,
      contacts: [],
    };
    this.redescribe(rng, p);
    return p;
  }

  /** The youth sentence planted in a profile, kept so a rewritten description (after a move) still holds it. */
  readonly cueSentences = new Map<string, string>();

  redescribe(rng: Rng, p: NationalProfile): void {
    const cuePhrase = this.cueSentences.get(p.id) ?? null;
    p.description = describe(rng, { language: p.language, age: p.age, locality: p.locality, phones: p.phones, cuePhrase, style: p.style, template: this.templateFor(p) });
  }

  /** The stock sentences of the profile's organisation, in its language; null for an independent. */
  private templateFor(p: NationalProfile): string[] | null {
    const org = p.organisationId ? this.organisations.find((o) => o.id === p.organisationId) : undefined;
    if (!org) return null;
    // Third-party wording speaks of girls: it is not put in a man's ad.
    return organisationTemplate(org.templateSeed, p.language, org.agency && p.gender === 'woman');
  }

  /**
   * The buyers' reviews of a profile on a review site; call once the profile is final for its first
   * year (language and age may still change while minors' cues are planted). Reviews stay when
   * the ad later moves: they were written where and when they were written.
   */
  writeReviews(p: NationalProfile): void {
    const site = this.siteById(p.siteId);
    if (!site?.reviews) {
      p.reviews = [];
      return;
    }
    const rng = new Rng(subSeed(subSeed(this.seed, REVIEW_STREAM), Number(p.id.replace(/\D/g, ''))));
    const count = rng.weighted(REVIEW_COUNT_WEIGHTS);
    const language: Language = site.language === 'en' || (p.language === 'en' && rng.chance(0.5)) ? 'en' : 'sv';
    const distressed = count > 0 && rng.chance(p.organisationId ? DISTRESS_SHARE.member : DISTRESS_SHARE.independent);
    const cues = DISTRESS_CUES.filter((c) => c.language === language && !(c.gendered && p.gender === 'man'));
    const cueAt = distressed ? rng.int(0, count - 1) : -1;
    const reviews: NationalReview[] = [];
    for (let i = 0; i < count; i++) {
      const date = reviewDate(rng, p.firstYear);
      const cue = i === cueAt ? rng.pick(cues) : null;
      const text = reviewText(rng, {
        language, age: p.age, locality: p.locality, gender: p.gender, otherPlaces: this.localityNames, date, cue,
      });
      const rating = cue ? rng.int(1, 5) : rng.weighted([[5, 0.4], [4, 0.35], [3, 0.15], [2, 0.06], [1, 0.04]] as const);
      reviews.push({ author: reviewer(rng, language), date, rating, text, distress: cue !== null });
    }
    p.reviews = reviews.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  }

  relocate(rng: Rng, p: NationalProfile, place: NationalPlace): void {
    p.locality = place.locality;
    p.kommunCode = place.kommunCode;
    p.lanCode = place.lanCode;
    p.policeRegion = place.policeRegion;
    this.redescribe(rng, p);
  }

  independentPhones(rng: Rng): string[] {
    if (rng.chance(NO_PHONE_SHARE)) return [];
    const foreign = rng.chance(INDEPENDENT_FOREIGN_SHARE);
    const first = foreign ? this.pool.foreignLine() : this.pool.sharedSwedish(rng);
    if (!rng.chance(TWO_PHONES_SHARE)) return [first];
    return [first, foreign ? this.pool.sharedSwedish(rng) : this.pool.partner(first)];
  }

  addIndependent(rng: Rng, year: number, site: NationalSite = this.pickSite(rng)): NationalProfile {
    const p = this.makeProfile(rng, site, this.pickPlace(rng), this.independentPhones(rng), null, year);
    this.profiles.push(p);
    return p;
  }

  // ---- organisations ----

  /** Pareto-distributed within 3-40: most organisations small, a few large. */
  organisationSize(rng: Rng): number {
    const { min, max } = ORGANISATION_SIZE;
    for (;;) {
      const size = Math.floor(min / Math.pow(1 - rng.float(), 1 / ORGANISATION_SIZE_PARETO));
      if (size <= max) return size;
    }
  }

  private orgLine(rng: Rng): string {
    return rng.chance(ORGANISATION_FOREIGN_SHARE) ? this.pool.foreignLine() : this.pool.exclusiveLine();
  }

  newOrganisation(rng: Rng): NationalOrganisation {
    const home = this.pickPlace(rng);
    const siteCount = Math.min(rng.weighted(ORGANISATION_SITE_COUNT), this.sites.length);
    const siteIds: string[] = [];
    while (siteIds.length < siteCount) {
      const s = this.pickSite(rng).id;
      if (!siteIds.includes(s)) siteIds.push(s);
    }
    const phones = [this.orgLine(rng)];
    if (rng.chance(ORGANISATION_SECOND_LINE_SHARE)) phones.push(this.orgLine(rng));
    const org: NationalOrganisation = {
      id: `org-${String(this.nextOrganisation++).padStart(4, '0')}`,
      phones,
      siteIds,
      homeLocality: home.locality,
      homeKommunCode: home.kommunCode,
      policeRegion: home.policeRegion,
      templateSeed: rng.int(0, 0x7fffffff),
      agency: rng.chance(ORGANISATION_AGENCY_SHARE),
      contacts: [],
      photoSeeds: [],
    };
    this.organisations.push(org);
    return org;
  }

  /** Which of the organisation's lines a member's ad shows: mostly the first, some the second, a few both. */
  memberPhones(rng: Rng, org: NationalOrganisation): string[] {
    if (rng.chance(ORGANISATION_NO_PHONE_SHARE)) return [];
    if (org.phones.length === 1) return [org.phones[0]!];
    const r = rng.float();
    if (r < 0.5) return [org.phones[0]!];
    if (r < 0.85) return [org.phones[1]!];
    return [...org.phones];
  }

  addMember(rng: Rng, org: NationalOrganisation, year: number, site?: NationalSite): NationalProfile {
    const s = site ?? this.siteById(rng.pick(org.siteIds))!;
    const p = this.makeProfile(rng, s, this.memberPlace(rng, org), this.memberPhones(rng, org), org, year);
    this.profiles.push(p);
    return p;
  }

  /** A new organisation of `size` members, its first ads one per site so it spans all of them. */
  addOrganisation(rng: Rng, size: number, year: number): NationalProfile[] {
    const org = this.newOrganisation(rng);
    const out: NationalProfile[] = [];
    for (let i = 0; i < size; i++) {
      const site = i < org.siteIds.length ? this.siteById(org.siteIds[i]!) : undefined;
      out.push(this.addMember(rng, org, year, site));
    }
    return out;
  }

  organisationTarget(total: number): number {
    return Math.round(total * ORGANISATION_PROFILE_SHARE);
  }
}
