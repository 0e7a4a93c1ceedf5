// The national web's photos: each ad's picture at its own address (layouts/shared.ts photoPath),
// and each site's "no photo" image. Pictures are synthesised on request (src/demo/photos.ts);
// an organisation's stock photo is asked for by many ads, so recent ones are kept in memory.

import { placeholderPhoto, syntheticPhoto } from '../photos.ts';
import { PLACEHOLDER_PATH } from './layouts/shared.ts';
import type { NationalPhoto, NationalProfile } from './types.ts';

/** JPEGs of 5-20 kB: a few thousand keep every stock photo of a crawl in memory, at tens of MB at most. */
const CACHE_ENTRIES = 4096;

const PHOTO_PATH = /^\/photos\/([^/]+)\.jpg$/;

export class PhotoStore {
  private readonly bySite = new Map<string, Map<string, NationalPhoto | null>>();
  /** Promises, so concurrent requests for one picture synthesise it once. */
  private readonly pictures = new Map<string, Promise<Buffer>>();
  private readonly placeholders = new Map<string, Promise<Buffer>>();

  constructor(siteIds: readonly string[], profiles: readonly NationalProfile[]) {
    for (const id of siteIds) this.bySite.set(id, new Map());
    for (const p of profiles) {
      let site = this.bySite.get(p.siteId);
      if (!site) this.bySite.set(p.siteId, (site = new Map()));
      site.set(p.externalId, p.photo);
    }
  }

  /** The JPEG a site answers for `path`, or null when the path is no photo of that site. */
  lookup(siteId: string, path: string): Promise<Buffer> | null {
    if (path === PLACEHOLDER_PATH) return this.placeholder(siteId);
    const m = PHOTO_PATH.exec(path);
    if (!m) return null;
    let externalId: string;
    try {
      externalId = decodeURIComponent(m[1]!);
    } catch {
      return null;
    }
    const photo = this.bySite.get(siteId)?.get(externalId);
    // An ad without a photo links the placeholder, never its own address: that address is unknown.
    if (!photo) return null;
    return this.picture(photo);
  }

  /** Whether `path` is one the store answers at all (so a miss is a 404, not a page lookup). */
  static handles(path: string): boolean {
    return path === PLACEHOLDER_PATH || PHOTO_PATH.test(path);
  }

  private picture({ seed, variant }: NationalPhoto): Promise<Buffer> {
    const key = `${seed}:${variant}`;
    const hit = this.pictures.get(key);
    if (hit) {
      // Least recently used goes first: re-inserting moves a hit to the end.
      this.pictures.delete(key);
      this.pictures.set(key, hit);
      return hit;
    }
    const made = syntheticPhoto(seed, variant);
    made.catch(() => this.pictures.delete(key));
    if (this.pictures.size >= CACHE_ENTRIES) this.pictures.delete(this.pictures.keys().next().value!);
    this.pictures.set(key, made);
    return made;
  }

  private placeholder(siteId: string): Promise<Buffer> | null {
    if (!this.bySite.has(siteId)) return null;
    let made = this.placeholders.get(siteId);
    if (!made) this.placeholders.set(siteId, (made = placeholderPhoto(siteId)));
    return made;
  }
}
