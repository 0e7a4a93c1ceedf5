// The plain records that flow from crawl to store. Each stage takes one of these and returns the
// next, so a test can build any of them by hand.

export type Gender = 'woman' | 'man' | 'trans' | 'couple' | 'unknown';

/**
 * Stated-age bands of the national mapping's reports. `under-18` is Kartla's addition: a stated age
 * under 18 must not disappear into `unknown` (it also sets `minorCue`).
 */
export type AgeBand = 'under-18' | '18-23' | '24-29' | '30-35' | '36-44' | '45+' | 'unknown';

/** What the age normaliser makes of a profile's text. */
export interface AgeInfo {
  age: number | null;
  band: AgeBand;
  /**
   * A prompt for a human, not a finding: a stated age under 18, or a youth cue from the maintained
   * phrase list. `evidence` holds the matched text (at most a few words each).
   */
  minorCue: boolean;
  evidence: string[];
}
export type PhoneType = 'mobile' | 'fixed_line' | 'voip' | 'unknown';

/** Where on a page a phone candidate was found; kept with the number for audits of the extractor. */
export type PhoneSource =
  | 'text'
  | 'field'
  | 'tel-link'
  | 'sms-link'
  | 'whatsapp-link'
  | 'telegram-link'
  | 'viber-link'
  | 'data-attribute'
  | 'json-ld';

/** Ties weaker than a phone: a Telegram username, an e-mail address. */
export type ContactKind = 'telegram' | 'email';

/** Where on a page a contact candidate was found. */
export type ContactSource = 'text' | 'mailto-link' | 'telegram-link';

/** A piece of page content that may name a messaging handle or an e-mail address, not yet parsed. */
export interface RawContact {
  text: string;
  source: ContactSource;
}

/** A contact found in a profile, normalised so that two ads writing it differently compare equal. */
export interface ContactInfo {
  kind: ContactKind;
  /** Telegram: the username, lower case, without "@"; e-mail: the address, lower case. */
  value: string;
  source: ContactSource;
}

/** A piece of page content that may hold one or more phone numbers, not yet parsed. */
export interface RawPhone {
  text: string;
  source: PhoneSource;
}

/** What an adapter read from one profile page: strings as the site wrote them. */
export interface RawProfile {
  /** Absolute URL of the profile page (after redirects), canonicalised by the extractor. */
  url: string;
  /** The site's own id for the profile, when the page or URL carries one. */
  externalId: string | null;
  /**
   * Field values as found. Well-known keys: `age`, `gender`, `location`, `description`, `title`.
   * Adapters may add others (for example `category`); unknown keys are kept as raw fields.
   */
  fields: Record<string, string | null>;
  /** Phone candidates; the phone normaliser finds and validates the numbers inside them. */
  phones: RawPhone[];
  /** Messaging-handle and e-mail candidates (src/extract/contacts.ts); absent when none were looked for. */
  contacts?: RawContact[];
  /**
   * Perceptual hash of the profile's photo (src/photo/perceptual-hash.ts), computed in memory
   * by the crawler; the image itself is never kept. Absent when the site shows no photo.
   */
  photoHash?: string | null;
  /**
   * Where each field's value came from and how sure the reader is, for readers that guess (the
   * generic adapter); absent for declarative adapters, whose author said where each field is.
   */
  fieldSources?: Record<string, FieldSource>;
}

/** How a field was found on a page: the evidence an analyst needs to trust or correct it. */
export interface FieldSource {
  via: 'json-ld' | 'microdata' | 'meta' | 'label' | 'text' | 'url' | 'selector';
  /** What was matched: the JSON-LD property, the itemprop, the label as written, the CSS selector. */
  detail: string;
  /** 0-1: structured data near 1, a label pair high, a guess from free text lower. */
  confidence: number;
}

export interface PhoneInfo {
  /** E.164, for example +46701740605. */
  e164: string;
  /** ISO 3166-1 alpha-2 country of the number, when known. */
  country: string | null;
  type: PhoneType;
  source: PhoneSource;
}

/** One place named in a location text. */
export interface PlaceInfo {
  locality: string | null;
  kommunCode: string | null;
  lanCode: string | null;
  policeRegion: string | null;
  /** WGS 84 coordinates of the locality (or of the municipality's seat when only that is known). */
  lat: number | null;
  lon: number | null;
}

export interface LocationInfo extends PlaceInfo {
  /** The location text as the site wrote it. */
  raw: string | null;
  /**
   * Every place the text names, the primary one (the fields of this record) first: "Stockholm /
   * Uppsala", touring notices ("I Malmö 12-14 maj, sen Lund"). Empty when nothing resolved.
   */
  places: PlaceInfo[];
  /** Raw text was present but named no place Kartla knows: counted as unresolved, never guessed. */
  unresolved: boolean;
  /** Locality (tätort or well-known place) name, as spelled in the gazetteer. */
  locality: string | null;
  /** SCB four-digit municipality code, e.g. "0180" for Stockholm. */
  kommunCode: string | null;
  /** SCB two-digit county code, e.g. "01" for Stockholms län. */
  lanCode: string | null;
  /** One of the seven police regions: Nord, Mitt, Stockholm, Öst, Väst, Syd, Bergslagen. */
  policeRegion: string | null;
}

/** One profile as observed in one run, ready to be stored as a snapshot. */
export interface NormalisedProfile {
  siteId: string;
  url: string;
  externalId: string | null;
  /** Stable identity on the site: `id:<externalId>` when known, else `url:<canonical url>`. */
  key: string;
  observedAt: Date;
  age: number | null;
  ageBand: AgeBand;
  minorCue: boolean;
  /** The text that set minorCue (empty when it is false). */
  minorCueEvidence: string[];
  gender: Gender;
  location: LocationInfo;
  phones: PhoneInfo[];
  /** Telegram usernames and e-mail addresses, each once. */
  contacts: ContactInfo[];
  /** The profile photo's perceptual hash (16 hex digits), or null. */
  photoHash: string | null;
  /** SHA-256 (hex) of the whitespace-folded, lower-cased description; null without description. */
  descriptionHash: string | null;
  /** Raw field values except the description text and the phones (stored elsewhere or not at all). */
  rawFields: Record<string, string | null>;
  /** Free text the normalisers read (title, description), kept apart so it can be dropped on its own schedule. */
  rawText: Record<string, string | null>;
  /** The phone candidates as found, so that `kartla renormalise` can parse them again. */
  rawPhones: RawPhone[];
  /** The contact candidates as found, for the same reason. */
  rawContacts: RawContact[];
  /** RawProfile.fieldSources, when the adapter guessed; null otherwise. */
  fieldSources?: Record<string, FieldSource> | null;
}
