// The national web's world model: what later renderers serve and what the ground truth is made of.

import type { Language } from './text.ts';

/**
 * Listing/page layouts the renderers will implement, one per real-world pattern a crawler must
 * handle. A site's layout is its id here; the renderers (later work) key on these strings.
 */
export const LAYOUTS = [
  'numbered-pages', // ?page=2 links
  'city-next', // per-city listings, each with a "next" link; an ad may show in two cities
  'rel-next', // <link rel="next"> only
  'load-more-json', // listing fed by a JSON endpoint behind a "load more" button
  'json-ld', // profile facts in schema.org JSON-LD
  'table', // one table row per ad
  'free-text', // facts only inside the description
  'english', // English-language site
  'infinite-scroll', // cursor-paged fragments
  'microdata-cards', // itemprop-annotated cards
] as const;
export type LayoutId = (typeof LAYOUTS)[number];

export type NationalGender = 'woman' | 'man' | 'trans';

export interface NationalSite {
  id: string;
  name: string;
  language: Language;
  layout: LayoutId;
  /** Carries a review section (three sites in the 2025 mapping). */
  reviews: boolean;
  /** Relative size: the share of new ads the site attracts. */
  weight: number;
  monthlyVisitors: number;
  openedYear: number;
}

/** A buyer's review of an ad, as a review site shows it under the ad. */
export interface NationalReview {
  /** The reviewer's pseudonym. */
  author: string;
  /** YYYY-MM-DD, before the mapping that first saw the ad. */
  date: string;
  /** Stars, 1-5. */
  rating: number;
  /**
   * Mentions other ages, places, dates and prices than the ad's (a hard negative for extraction),
   * never a phone number.
   */
  text: string;
  /** The text carries one of DISTRESS_CUES (text.ts): a sign the person may be exploited. */
  distress: boolean;
}

/** A synthetic photo (src/demo/photos.ts syntheticPhoto): equal seeds are the same picture. */
export interface NationalPhoto {
  seed: number;
  /** 0 the original, 1-5 as another site re-publishes it (other size, crop, quality). */
  variant: number;
}

/** A way to reach an advertiser other than a phone, normalised as Kartla's contact extractor normalises it. */
export interface NationalContact {
  kind: 'telegram' | 'email';
  /** Telegram: the username, lower case, without "@"; e-mail: the address, lower case. */
  value: string;
}

export interface NationalProfile {
  /** Stable across years: the same ad keeps its id while it stays up. */
  id: string;
  siteId: string;
  /** The site's own id, as its pages and addresses will show it. */
  externalId: string;
  age: number | null;
  gender: NationalGender;
  locality: string;
  kommunCode: string;
  lanCode: string;
  policeRegion: string;
  /** E.164, each once, in the order the ad writes them. */
  phones: string[];
  organisationId: string | null;
  minorCue: boolean;
  /** The planted text that a reviewer should see ("17 år", "går på gymnasiet"); null without a cue. */
  minorCueEvidence: string | null;
  language: Language;
  /** States age, place and phones in varied forms for the renderers and normalisers. */
  description: string;
  /** Drives the renderers' cosmetic choices, so they are stable too. */
  style: number;
  firstYear: number;
  /** 0-4 buyers' reviews on a review site; always empty elsewhere. */
  reviews: NationalReview[];
  /** The ad's photo; null when the site shows its "no photo" placeholder. */
  photo: NationalPhoto | null;
  /** Telegram usernames and e-mail addresses the ad shows besides its phones. */
  contacts: NationalContact[];
}

export interface NationalOrganisation {
  id: string;
  /** Shared lines; no profile outside the organisation shows any of them. */
  phones: string[];
  siteIds: string[];
  homeLocality: string;
  homeKommunCode: string;
  policeRegion: string;
  /** Seed of the stock text its ads repeat (text.ts organisationTemplate). */
  templateSeed: number;
  /** Its ads speak of "our girls", "new girl in town": third-party wording. */
  agency: boolean;
  /** A Telegram username and/or e-mail address that many of its ads show (shared like a phone). */
  contacts: NationalContact[];
  /** Stock photos its members' ads share (each on at most PHOTO_POOL_CAP ads at a time). */
  photoSeeds: number[];
}

export interface ProfileMove {
  profileId: string;
  fromKommun: string;
  toKommun: string;
}

export interface OrganisationMove {
  organisationId: string;
  fromRegion: string;
  toRegion: string;
}

/** What changed from one world to the next: the ground truth of time. */
export interface WorldChanges {
  appeared: string[];
  disappeared: string[];
  moved: ProfileMove[];
  organisationsMoved: OrganisationMove[];
  sitesOpened: string[];
  sitesClosed: string[];
}

export interface NationalWorld {
  seed: number;
  year: number;
  /** YYYY-MM-DD of the mapping this world stands for. */
  date: string;
  sites: NationalSite[];
  profiles: NationalProfile[];
  organisations: NationalOrganisation[];
  /**
   * Swedish fiction numbers shared by unrelated independents (phones.ts explains why): a
   * shared-phone clustering should ignore them on this synthetic web.
   */
  collisionNumbers: string[];
  /** The changes applied to the previous year's world; null for the base year. */
  changes: WorldChanges | null;
}
