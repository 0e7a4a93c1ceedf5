// A site adapter tells Kartla how one site is built: which pages are listings, how to find
// profile links and further listing pages, and how to read each field of a profile page.
// It is data first (selectors, labels, patterns) so that most sites need no code; `refine`
// is the escape hatch for a site whose pages need logic. The engine that applies an adapter
// to HTML is src/extract/ (pure functions); the crawler that fetches pages is src/crawl/.

import type { CheerioAPI } from 'cheerio';
import type { RawProfile } from '../src/model/profile.ts';
import type { ProfilePage } from '../src/extract/profile.ts';

/** How to read one value from a page. Several ways may be given; the first that yields wins. */
export interface FieldSpec {
  /** CSS selector; the text of the first match (or `attr` of it). */
  selector?: string;
  /** Read this attribute of the matched element instead of its text. */
  attr?: string;
  /**
   * Labels (case- and diacritic-insensitive) whose value is read from dt/dd, th/td, a label
   * element followed by its value (`<b>Ålder:</b> 26`, `<span>Ålder</span><span>26</span>`), or
   * "Label: value" text. With `selector` too, the label is looked up inside the selected elements.
   */
  label?: string | string[];
  /** Read from the page URL instead of the page (use with `pattern`). */
  fromUrl?: boolean;
  /**
   * Regular expression applied to the value, compiled case-insensitive and unicode-aware (flags
   * `iu`); the first capture group that matched (or the whole match) is kept.
   */
  pattern?: string;
  /** Join the text of all matches with a newline instead of taking the first. */
  all?: boolean;
}

/** A URL that a page names in an attribute, as a "load more" or "show number" button does. */
export interface UrlAttribute {
  /** CSS selector of the element(s). */
  selector: string;
  /** The attribute holding the URL (relative ones resolve against the page). */
  attribute: string;
}

/**
 * Where values sit in a JSON answer: property names joined by dots, `[]` after a name (or alone)
 * for every element of an array. `items[].url` reads the url of every item; `[].href` the href of
 * every element of a top-level array; `paging.next` one value.
 */
export type JsonPath = string;

/**
 * Listing pages that answer JSON (a "load more" button or infinite scroll fed by an API). Paths,
 * not code, so that an adapter can be written as plain data.
 */
export interface JsonListingSpec {
  /** Regular expression, tested on the absolute URL, that tells a JSON listing URL. */
  urlPattern: string;
  /** The element and attribute of an HTML listing that name the first JSON page. */
  start?: UrlAttribute;
  /** Path to the profile URLs; only same-site URLs (matching profileUrlPattern, when set) are kept. */
  profileUrls: JsonPath;
  /**
   * Path to what leads to the next page; null or absent ends the listing. The value is a URL,
   * or with `queryParam` the new value of that query parameter of the current URL (an offset or
   * a cursor).
   */
  next?: { path: JsonPath; queryParam?: string };
}

export interface ListingSpec {
  /** Links to profile pages (anchors; their href is followed). */
  profileLinks: string;
  /** Link(s) to the next listing page. */
  nextPage?: string;
  /** Other listing pages to follow from a listing, for example per-city listings. */
  listingLinks?: string;
  /** Listing pages that are JSON, not HTML. */
  json?: JsonListingSpec;
}

export interface PhoneSpec {
  /**
   * Selectors whose text (or href/data-* for links and attributes) holds phone numbers. When
   * omitted, the engine harvests tel:/sms:/WhatsApp/Telegram/Viber links, data-* attributes
   * that look like phones, and the text of `scope`.
   */
  selectors?: string[];
  /**
   * Part of the page that belongs to the profile (to keep site-wide footers out). Default: the
   * body without nav, page-level header/footer and ARIA navigation/banner/contentinfo.
   */
  scope?: string;
  /**
   * A "show number" button that names the URL answering the number (JSON such as
   * `{"phone": "070-..."}`, or text). The crawler fetches each named same-site URL after the
   * page and adds what it answers to the profile's phones.
   */
  reveal?: UrlAttribute;
}

export interface ProfileSpec {
  /** The site's own id for the profile (several specs: the first that yields wins). */
  externalId?: FieldSpec | FieldSpec[];
  /** Well-known keys: age, gender, location, description, title. Others are kept as raw fields. */
  fields: Record<string, FieldSpec | FieldSpec[]>;
  phones?: PhoneSpec;
  /**
   * The profile's photo (an img and its src, or a meta og:image and its content). The crawler
   * fetches the first same-site one and keeps only its perceptual hash, a weak tie between ads
   * that reuse a photo.
   */
  photo?: UrlAttribute;
}

/**
 * How to bring a script-built page to the state a reader sees, for sites crawled with a real
 * browser (`render: 'browser'`). Every wait is for something to appear or change, bounded by the
 * crawl's requestTimeoutSecs, never a fixed sleep: a slow site then costs time, not data, and a
 * fast one is not held up. Once the page is settled its HTML (`page.content()`) goes through the
 * same extraction as a page fetched over HTTP, so `listing` and `profile` apply unchanged.
 */
export interface BrowserSpec {
  /**
   * CSS selectors that appear once the scripts have put the content in place (a page that builds
   * itself from an API shows an empty shell first). Without one, a page is read once the network
   * has been quiet for a moment after it loaded. A selector that never appears is a page error.
   */
  waitFor?: { listing?: string; profile?: string };
  /**
   * A "load more" button on listing pages: clicked until it is gone or disabled, or `maxClicks`
   * (default 200, a guard against a button that never ends). Each click waits until more profile
   * links (`listing.profileLinks`) are on the page, or the button went away.
   */
  loadMore?: { selector: string; maxClicks?: number };
  /**
   * Infinite scroll on listing pages: scrolled to the bottom until the number of profile links
   * stops growing, or `maxScrolls` (default 200).
   */
  scroll?: { maxScrolls?: number };
  /**
   * "Show number" buttons on profile pages (inside `profile.phones.scope` when set): each is
   * clicked, at most `maxClicks` (default 10) per page, and the number waited for: until
   * `waitFor` matches one element more, or else until the button is gone or its text changed.
   * Clicking is preferred over fetching the endpoints of `profile.phones.reveal`: the site sees
   * what a visitor does, and a site that signs or counts its reveal requests still answers.
   */
  reveal?: { selector: string; waitFor?: string; maxClicks?: number };
}

export interface SiteAdapter {
  /** Registry name, used as `adapter:` in the sites file. */
  name: string;
  /** One line for `kartla adapters` and errors. */
  description: string;
  /**
   * `http` is fetched and parsed with Cheerio; `browser` is loaded in headless Chromium (for sites
   * that build their pages with scripts) and read from the settled page. A site in the sites file
   * may override it (`render:`).
   */
  render: 'http' | 'browser';
  /** What to wait for and click on a browser-rendered site (see BrowserSpec). */
  browser?: BrowserSpec;
  /** A URL matching this pattern is a profile page wherever it is linked from (optional). */
  profileUrlPattern?: string;
  listing: ListingSpec;
  profile: ProfileSpec;
  /**
   * Fields that hold personal data beyond what the mapping needs (a name, a nickname), each with
   * the reason it is read: least data (docs/privacy.md). A field named like a personal name is
   * refused without one.
   */
  personalFields?: Record<string, string>;
  /** Logic a declarative spec cannot express; receives what the spec found and returns the final record. */
  refine?: (found: RawProfile, $: CheerioAPI, url: URL) => RawProfile;
  /**
   * An adapter that reads pages by its own logic rather than by `listing` and `profile` (the
   * generic adapter, which must work out each site's structure from the page itself). When set,
   * the crawler asks it, not the declarative engine; `listing` and `profile` are then unused.
   */
  reader?: PageReader;
}

/** What a listing page (HTML, or a JSON answer of a listing API) leads to. */
export interface ListingReading {
  profileUrls: string[];
  listingUrls: string[];
  /** What could not be read (a broken JSON answer), for the site run's errors; the crawl goes on. */
  problems: string[];
}

export interface PageReader {
  /** A page reached as a listing (every start URL is one): the links it leads to. */
  readListing(body: string, pageUrl: string, contentType: string): ListingReading;
  /**
   * A page reached as a profile link. Null when the page turns out not to be a profile (a
   * per-city listing that looked like a profile link): the crawler then reads it as a listing.
   */
  readProfile(html: string, pageUrl: string): ProfilePage | null;
}
