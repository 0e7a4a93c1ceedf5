// Synthetic ad photos for the synthetic test web. They are abstract (soft coloured blobs on a
// gradient), never pictures of people: the demo must not need or resemble real ads. What they do
// need is the property the photo tie relies on: one "photo" republished by several sites comes back
// resized, re-encoded, slightly cropped, a little brighter or darker and sometimes with the site's
// watermark, while different seeds are unrelated pictures.
//
// Pixels are computed in JS as raw RGB and only encoded by sharp, so a picture depends on nothing but
// (seed, variant) and on sharp's encoder; nothing is written to disk.

import sharp from 'sharp';
import { Rng, subSeed } from './random.ts';

/** Size of the original picture (variant 0): portrait, as ad photos usually are. */
export const PHOTO_WIDTH = 240;
export const PHOTO_HEIGHT = 320;
const ORIGINAL_QUALITY = 80;
/** Share of each edge a republishing site may crop (so up to 2% of a dimension in all). */
const MAX_CROP = 0.01;

/** Sizes a republishing site scales to; the aspect ratio stays (about) 3:4. */
const VARIANT_SIZES: readonly (readonly [number, number])[] = [
  [200, 267],
  [300, 400],
  [180, 240],
  [240, 320],
  [270, 360],
];

interface Rgb {
  r: number;
  g: number;
  b: number;
}

function colour(rng: Rng): Rgb {
  return { r: rng.int(0, 255), g: rng.int(0, 255), b: rng.int(0, 255) };
}

// Rendering the same seed again for each variant would dominate the cost; generators ask for the
// variants of one seed close together, so a few recent originals are kept (in memory only).
const CACHE_SIZE = 16;
const rendered = new Map<number, Uint8Array>();

/** The original picture of `seed` as raw RGB, PHOTO_WIDTH × PHOTO_HEIGHT. */
function renderOriginal(seed: number): Uint8Array {
  const cached = rendered.get(seed);
  if (cached) return cached;
  const w = PHOTO_WIDTH;
  const h = PHOTO_HEIGHT;
  const rng = new Rng(subSeed(seed, 0x70686f74)); // "phot"
  const px = new Float32Array(w * h * 3);

  // Background: a linear gradient between two colours in a random direction.
  const c0 = colour(rng);
  const c1 = colour(rng);
  const angle = rng.float() * 2 * Math.PI;
  const gx = Math.cos(angle) / w;
  const gy = Math.sin(angle) / h;
  const g0 = Math.min(0, gx * w) + Math.min(0, gy * h);
  const gSpan = Math.abs(gx * w) + Math.abs(gy * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = (gx * x + gy * y - g0) / gSpan;
      const i = (y * w + x) * 3;
      px[i] = c0.r + (c1.r - c0.r) * t;
      px[i + 1] = c0.g + (c1.g - c0.g) * t;
      px[i + 2] = c0.b + (c1.b - c0.b) * t;
    }
  }

  // Blobs: rotated ellipses with a soft edge, blended over what is there.
  const blobs = rng.int(4, 8);
  for (let k = 0; k < blobs; k++) {
    const c = colour(rng);
    const cx = rng.float() * w;
    const cy = rng.float() * h;
    const rx = 15 + rng.float() * 90;
    const ry = 15 + rng.float() * 90;
    const rot = rng.float() * Math.PI;
    const opacity = 0.55 + rng.float() * 0.45;
    const cos = Math.cos(rot);
    const sin = Math.sin(rot);
    const reach = Math.max(rx, ry);
    const x0 = Math.max(0, Math.floor(cx - reach));
    const x1 = Math.min(w - 1, Math.ceil(cx + reach));
    const y0 = Math.max(0, Math.floor(cy - reach));
    const y1 = Math.min(h - 1, Math.ceil(cy + reach));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const dx = x - cx;
        const dy = y - cy;
        const u = (dx * cos + dy * sin) / rx;
        const v = (dy * cos - dx * sin) / ry;
        const d = u * u + v * v;
        if (d >= 1) continue;
        // Soft edge from 60% of the radius outwards, so scaling does not alias a hard boundary.
        const e = d < 0.36 ? 1 : (1 - d) / 0.64;
        const a = opacity * e * e * (3 - 2 * e);
        const i = (y * w + x) * 3;
        px[i] = px[i]! + (c.r - px[i]!) * a;
        px[i + 1] = px[i + 1]! + (c.g - px[i + 1]!) * a;
        px[i + 2] = px[i + 2]! + (c.b - px[i + 2]!) * a;
      }
    }
  }

  // Uint8ClampedArray clamps and rounds natively; a per-pixel map callback is ~50× slower.
  const clamped = new Uint8ClampedArray(px.length);
  clamped.set(px);
  const out = new Uint8Array(clamped.buffer);
  if (rendered.size >= CACHE_SIZE) rendered.delete(rendered.keys().next().value!);
  rendered.set(seed, out);
  return out;
}

/** A site's watermark: a small row of half-transparent light "letters" (strokes), bottom right. */
function drawWatermark(px: Uint8Array, w: number, h: number, rng: Rng): void {
  const letters = rng.int(4, 7);
  const letterW = 4;
  const gap = 2;
  const markW = letters * (letterW + gap);
  const markH = 8;
  const left = w - markW - 6;
  const top = h - markH - 6;
  for (let l = 0; l < letters; l++) {
    const shape = rng.int(1, 7); // which of the top/middle/bottom strokes the letter has
    for (let y = 0; y < markH; y++) {
      for (let x = 0; x < letterW; x++) {
        const stroke = x === 0 || (y === 0 && shape & 1) || (y === 3 && shape & 2) || (y === markH - 1 && shape & 4);
        if (!stroke) continue;
        const i = ((top + y) * w + left + l * (letterW + gap) + x) * 3;
        // Half-transparent white, as site watermarks usually are.
        for (let c = 0; c < 3; c++) px[i + c] = (px[i + c]! + 255) >> 1;
      }
    }
  }
}

/** Crop to (left, top, srcW × srcH), scale bilinearly to w × h and multiply by gain, in one pass. */
function cropScaleBrighten(
  original: Uint8Array,
  left: number,
  top: number,
  srcW: number,
  srcH: number,
  w: number,
  h: number,
  gain: number,
): Uint8Array {
  // In JS rather than sharp: sharp's resize kernels cost ~5 ms a picture here, several times the
  // rest of the work, and the demo makes tens of thousands of these.
  const W = PHOTO_WIDTH;
  const H = PHOTO_HEIGHT;
  const out = new Uint8ClampedArray(w * h * 3); // clamps and rounds on store
  const sx = srcW / w;
  const sy = srcH / h;
  const col0 = new Int32Array(w);
  const col1 = new Int32Array(w);
  const colT = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const fx = Math.min(Math.max(left + (x + 0.5) * sx - 0.5, 0), W - 1);
    const x0 = Math.floor(fx);
    col0[x] = x0 * 3;
    col1[x] = Math.min(x0 + 1, W - 1) * 3;
    colT[x] = fx - x0;
  }
  let o = 0;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(Math.max(top + (y + 0.5) * sy - 0.5, 0), H - 1);
    const y0 = Math.floor(fy);
    const row0 = y0 * W * 3;
    const row1 = Math.min(y0 + 1, H - 1) * W * 3;
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const p00 = row0 + col0[x]!;
      const p01 = row0 + col1[x]!;
      const p10 = row1 + col0[x]!;
      const p11 = row1 + col1[x]!;
      const tx = colT[x]!;
      for (let c = 0; c < 3; c++) {
        const upper = original[p00 + c]! + (original[p01 + c]! - original[p00 + c]!) * tx;
        const lower = original[p10 + c]! + (original[p11 + c]! - original[p10 + c]!) * tx;
        out[o++] = (upper + (lower - upper) * ty) * gain;
      }
    }
  }
  return new Uint8Array(out.buffer);
}

/**
 * Synthetic photo `seed` as JPEG bytes (abstract shapes, never a person). Variant 0 is the original
 * (240×320, quality 80); variant n ≥ 1 is the same picture as another site would republish it: up
 * to 1% cropped from each edge, brightness shifted by up to ±6%, sometimes a small site watermark,
 * scaled to another size and re-encoded at another quality. Deterministic per (seed, variant).
 */
export async function syntheticPhoto(seed: number, variant: number): Promise<Buffer> {
  const original = renderOriginal(seed);
  if (variant === 0) {
    return encode(original, PHOTO_WIDTH, PHOTO_HEIGHT, ORIGINAL_QUALITY);
  }
  const rng = new Rng(subSeed(seed, 0x76617200 + variant)); // "var"
  const left = rng.int(0, Math.floor(PHOTO_WIDTH * MAX_CROP));
  const right = rng.int(0, Math.floor(PHOTO_WIDTH * MAX_CROP));
  const top = rng.int(0, Math.floor(PHOTO_HEIGHT * MAX_CROP));
  const bottom = rng.int(0, Math.floor(PHOTO_HEIGHT * MAX_CROP));
  const srcW = PHOTO_WIDTH - left - right;
  const srcH = PHOTO_HEIGHT - top - bottom;
  const gain = 1 + (rng.float() * 2 - 1) * 0.06;
  const [w, h] = rng.pick(VARIANT_SIZES);
  const px = cropScaleBrighten(original, left, top, srcW, srcH, w, h, gain);
  if (rng.chance(0.5)) drawWatermark(px, w, h, rng);
  return encode(px, w, h, rng.int(55, 92));
}

function encode(px: Uint8Array, width: number, height: number, quality: number): Promise<Buffer> {
  // Huffman optimisation saves a few percent of bytes for ~40% more encoding time; not worth it here.
  return sharp(px, { raw: { width, height, channels: 3 } }).jpeg({ quality, optimiseCoding: false }).toBuffer();
}

function siteSeed(siteId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < siteId.length; i++) h = Math.imul(h ^ siteId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A site's synthetic "no photo" image: a flat tint with a simple camera outline, the same for every
 * profile of that site (what the photo tie must not treat as a shared photo). JPEG bytes.
 */
export async function placeholderPhoto(siteId: string): Promise<Buffer> {
  const rng = new Rng(subSeed(siteSeed(siteId), 0x6e6f7068)); // "noph"
  const w = PHOTO_WIDTH;
  const h = PHOTO_HEIGHT;
  const bg = { r: rng.int(200, 240), g: rng.int(200, 240), b: rng.int(200, 240) };
  const ink = { r: rng.int(60, 140), g: rng.int(60, 140), b: rng.int(60, 140) };
  const px = new Uint8Array(w * h * 3);
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const r = Math.sqrt(dx * dx + dy * dy);
      const body = Math.abs(dx) <= 60 && Math.abs(dy) <= 40 && (Math.abs(dx) >= 56 || Math.abs(dy) >= 36);
      const lens = r >= 22 && r <= 27;
      const top = dy >= -50 && dy < -40 && Math.abs(dx) <= 20;
      const c = body || lens || top ? ink : bg;
      const i = (y * w + x) * 3;
      px[i] = c.r;
      px[i + 1] = c.g;
      px[i + 2] = c.b;
    }
  }
  return encode(px, w, h, ORIGINAL_QUALITY);
}
