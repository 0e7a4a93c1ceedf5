// The weaker ties between ads besides shared phones: photos and contacts (Telegram usernames,
// e-mail addresses). Organisations reuse a small pool of stock photos and show a shared Telegram
// name or e-mail address on many of their ads; independents have pictures and contacts of their
// own. Everything here is drawn from a stream of its own: the ties came after the world was
// calibrated, and drawing them from the builder's stream would have changed every existing figure.

import { Rng, subSeed } from '../random.ts';
import type { NationalContact, NationalOrganisation, NationalPhoto, NationalProfile } from './types.ts';

const TIE_STREAM = 0x71e5;
const PHOTO_STREAM = 0x9407;

/** ASSUMPTION: most ads show a photo; the rest show the site's "no photo" image. */
export const PHOTO_SHARE = 0.92;
/** ASSUMPTION: half of an organisation's ads use one of its stock photos, the rest a picture of their own. */
export const POOL_PHOTO_SHARE = 0.5;
/**
 * A stock photo is on at most this many live ads. Kartla takes an image on 25 or more profiles
 * of one site for the site's placeholder; this keeps every real photo well below that.
 */
export const PHOTO_POOL_CAP = 6;
/** Pool size: one stock photo per this many members when the organisation starts. */
const MEMBERS_PER_POOL_PHOTO = 8;
/** Variants syntheticPhoto knows: 0 the original, 1-5 re-published copies. */
const PHOTO_VARIANTS = 6;

/** ASSUMPTION: shares of organisations with a shared Telegram name / e-mail address. */
export const ORGANISATION_CONTACT_SHARE = { telegram: 0.25, email: 0.15 } as const;
/**
 * Organisations some of whose ads give no number: that is where a contact ties their ads, so they
 * have one more often (a Telegram name or an e-mail address, about this share).
 */
export const NO_PHONE_ORGANISATION_CONTACT_SHARE = 0.6;
/** Share of an organisation's ads that show its contact; ads without a number show it nearly always. */
export const MEMBER_CONTACT_SHOWN = { withPhone: 0.6, withoutPhone: 0.9 } as const;
/** ASSUMPTION: shares of independents with a Telegram name / e-mail address of their own. */
export const INDEPENDENT_CONTACT_SHARE = { telegram: 0.08, email: 0.05 } as const;

/**
 * Reserved names only (RFC 2606 / 6761): no address here can ever reach a real mailbox. Ones with
 * their own name use a `.test` domain, also reserved.
 */
export const EMAIL_DOMAINS = ['mail.example', 'post.example', 'example.com', 'example.net', 'example.org', 'inbox.test'] as const;

// Words for invented usernames: no person's name, no place, no gender or age word, nothing a
// normaliser could read as a fact of the ad.
const WORDS = [
  'velvet', 'silk', 'amber', 'nova', 'star', 'dream', 'night', 'sugar', 'honey', 'cherry', 'coral', 'ember', 'frost',
  'pearl', 'ruby', 'satin', 'shadow', 'sunset', 'twilight', 'violet', 'whisper', 'aurora', 'blossom', 'candle', 'cloud',
  'crystal', 'echo', 'feather', 'jade', 'lotus', 'maple', 'mist', 'opal', 'petal', 'poppy', 'saffron', 'sienna', 'spark',
  'tulip', 'vanilla', 'willow', 'zephyr', 'kiss', 'secret', 'sweet', 'midnight', 'moon', 'rose',
];
const ORGANISATION_WORDS = ['vip', 'booking', 'elite', 'club', 'models', 'lounge', 'service', 'company', 'dates', 'agency'];
const EMAIL_PREFIXES = ['info', 'booking', 'kontakt', 'contact', 'bokning'];

/** A Telegram username: 5-32 letters, digits and underscores, starting with a letter. */
const TELEGRAM_NAME = /^[a-z][a-z0-9_]{4,31}$/;

/** Site nat-NN's variant: the same picture on two sites differs in bytes (size, crop, quality). */
export function photoVariant(siteId: string): number {
  const n = /(\d+)$/.exec(siteId);
  return (n ? Number(n[1]) : 0) % PHOTO_VARIANTS;
}

/** Live pool uses, so a continuing ad keeps its stock photo while new ads fill what is left. */
type PoolUse = Map<number, number>;

export class TieMaker {
  private readonly rng: Rng;
  private readonly photoBase: number;
  private nextPhoto = 0;
  private readonly takenNames = new Set<string>();
  /** Organisations whose contacts and pool are decided: once, when their first ads are made. */
  private readonly decided = new Set<string>();

  constructor(seed: number) {
    this.rng = new Rng(subSeed(seed, TIE_STREAM));
    this.photoBase = subSeed(seed, PHOTO_STREAM);
  }

  /**
   * Photos and contacts of `fresh` (ads new this year, final otherwise); `live` holds every ad up
   * this year, fresh ones included, so stock photos in use by continuing ads count against the cap.
   */
  assign(fresh: readonly NationalProfile[], live: readonly NationalProfile[], organisations: readonly NationalOrganisation[]): void {
    const freshIds = new Set(fresh.map((p) => p.id));
    const uses: PoolUse = new Map();
    for (const p of live) if (p.photo && !freshIds.has(p.id)) uses.set(p.photo.seed, (uses.get(p.photo.seed) ?? 0) + 1);
    const orgById = new Map(organisations.map((o) => [o.id, o]));
    const freshMembers = new Map<string, NationalProfile[]>();
    for (const p of fresh) if (p.organisationId) freshMembers.set(p.organisationId, [...(freshMembers.get(p.organisationId) ?? []), p]);
    for (const org of organisations) {
      const members = freshMembers.get(org.id);
      if (members && !this.decided.has(org.id)) this.decideOrganisation(org, members);
    }
    for (const p of fresh) {
      const org = p.organisationId ? orgById.get(p.organisationId) : undefined;
      p.photo = this.photo(p, org, uses);
      p.contacts = org ? this.memberContacts(p, org) : this.ownContacts();
    }
  }

  private decideOrganisation(org: NationalOrganisation, members: readonly NationalProfile[]): void {
    this.decided.add(org.id);
    org.photoSeeds = Array.from({ length: Math.max(1, Math.ceil(members.length / MEMBERS_PER_POOL_PHOTO)) }, () => this.newSeed());
    const contacts: NationalContact[] = [];
    if (members.some((p) => p.phones.length === 0)) {
      if (this.rng.chance(NO_PHONE_ORGANISATION_CONTACT_SHARE)) {
        const kind = this.rng.chance(0.6) ? 'telegram' : 'email';
        contacts.push(kind === 'telegram' ? this.telegram(true) : this.email(true));
      }
    } else {
      if (this.rng.chance(ORGANISATION_CONTACT_SHARE.telegram)) contacts.push(this.telegram(true));
      if (this.rng.chance(ORGANISATION_CONTACT_SHARE.email)) contacts.push(this.email(true));
    }
    org.contacts = contacts;
  }

  private photo(p: NationalProfile, org: NationalOrganisation | undefined, uses: PoolUse): NationalPhoto | null {
    if (!this.rng.chance(PHOTO_SHARE)) return null;
    const variant = photoVariant(p.siteId);
    if (!org || !this.rng.chance(POOL_PHOTO_SHARE)) return { seed: this.newSeed(), variant };
    let open = org.photoSeeds.filter((s) => (uses.get(s) ?? 0) < PHOTO_POOL_CAP);
    // A full pool grows: the organisation puts another stock photo into circulation.
    if (open.length === 0) {
      org.photoSeeds.push(this.newSeed());
      open = org.photoSeeds.slice(-1);
    }
    const seed = this.rng.pick(open);
    uses.set(seed, (uses.get(seed) ?? 0) + 1);
    return { seed, variant };
  }

  private memberContacts(p: NationalProfile, org: NationalOrganisation): NationalContact[] {
    const shown = p.phones.length === 0 ? MEMBER_CONTACT_SHOWN.withoutPhone : MEMBER_CONTACT_SHOWN.withPhone;
    return org.contacts.filter(() => this.rng.chance(shown)).map((c) => ({ ...c }));
  }

  private ownContacts(): NationalContact[] {
    const out: NationalContact[] = [];
    if (this.rng.chance(INDEPENDENT_CONTACT_SHARE.telegram)) out.push(this.telegram(false));
    if (this.rng.chance(INDEPENDENT_CONTACT_SHARE.email)) out.push(this.email(false));
    return out;
  }

  /**
   * Unique in the world: an odd multiplier is a bijection modulo 2^32, so seeds never repeat
   * while the counter stays below 2^32.
   */
  private newSeed(): number {
    return (this.photoBase + Math.imul(this.nextPhoto++, 0x9e3779b1)) >>> 0;
  }

  /** A name nobody else in the world holds: Telegram names and mailboxes are each one owner's. */
  private unique(make: () => string, suffix = ''): string {
    for (let i = 0; ; i++) {
      const base = make();
      // Digits glued to letters: no word boundary, so no age or number can be read out of them.
      const name = (i < 5 ? base : `${base}${this.rng.int(21, 989)}`) + suffix;
      if (!this.takenNames.has(name)) {
        this.takenNames.add(name);
        return name;
      }
    }
  }

  private telegram(organisation: boolean): NationalContact {
    const value = this.unique(() => {
      const a = this.rng.pick(WORDS);
      const b = organisation ? this.rng.pick(ORGANISATION_WORDS) : this.rng.pick(WORDS);
      const sep = this.rng.chance(0.5) ? '_' : '';
      const tail = !organisation && this.rng.chance(0.4) ? String(this.rng.int(21, 99)) : '';
      return `${a}${sep}${b}${tail}`;
    });
    if (!TELEGRAM_NAME.test(value)) throw new Error(`invalid telegram name ${value}`);
    return { kind: 'telegram', value };
  }

  private email(organisation: boolean): NationalContact {
    const a = this.rng.pick(WORDS);
    const b = this.rng.pick(organisation ? ORGANISATION_WORDS : WORDS);
    if (organisation && this.rng.chance(0.5)) {
      // An organisation's own (reserved) domain with a role mailbox: the domain makes it unique.
      const domain = this.unique(() => `${a}${this.rng.pick(ORGANISATION_WORDS)}`);
      return { kind: 'email', value: `${this.rng.pick(EMAIL_PREFIXES)}@${domain}.test` };
    }
    const domain = this.rng.pick(EMAIL_DOMAINS);
    return { kind: 'email', value: this.unique(() => `${a}${this.rng.pick(['.', '_', ''])}${b}`, `@${domain}`) };
  }
}
