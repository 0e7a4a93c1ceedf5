// Comparing photo hashes, apart from computing them: the clustering needs only this, and should not
// load sharp (a native module) to get it.

import { KartlaError } from '../errors.ts';

/** A photo could not be hashed (not an image, truncated, empty or too large), or a hash is malformed. */
export class PhotoError extends KartlaError {}

/**
 * Greatest Hamming distance between two photo hashes that still counts as the same photo.
 *
 * Measured by tests/photo/perceptual-hash.test.ts on the synthetic photos of src/demo/photos.ts:
 * - the same photo republished (200 photos × 5 variants: other size, JPEG quality 55-92, up to 1%
 *   cropped per edge, brightness ±6%, half of them with a small watermark): at most 6 bits apart
 *   (0: 299, 2: 495, 4: 180, 6: 26); single harsher edits on 60 photos: quality 40, half size,
 *   +8% brightness, a text watermark all within 4; a 2% crop on every edge within 8 for 59 of 60;
 * - unrelated photos (300, all 44,850 pairs): at least 16 bits apart, centred on 32 (sd ≈ 4.6).
 *
 * 8 sits in the gap, nearer the same-photo side because a false tie merges two groups while a
 * missed one only loses a weak tie. pHash distances are even (every hash has 32 one-bits), so 8 is
 * the same threshold as 9. Larger thresholds also cost: findSimilarPhotos searches a million
 * hashes within 8 in seconds, within 10 it would take about ten times as long. For independent
 * bits the chance of a match within 8 is sum C(64,k), k <= 8, / 2^64 ≈ 3e-10 per pair.
 */
export const PHOTO_MAX_DISTANCE = 8;

/** A photo hash as photoHash() writes it. */
export const PHOTO_HASH = /^[0-9a-f]{16}$/;

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of differing bits between two photo hashes (16 lower-case hex digits each). */
export function hammingDistance(a: string, b: string): number {
  for (const h of [a, b]) if (typeof h !== 'string' || !PHOTO_HASH.test(h)) throw new PhotoError(`hammingDistance: ${JSON.stringify(h)} is not a photo hash (16 lower-case hex digits)`);
  return popcount32(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popcount32(parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16));
}
