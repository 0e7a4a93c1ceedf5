// The photo hash must hold a republished photo close to its original and keep unrelated photos far
// apart; these tests measure both on the synthetic photos (src/demo/photos.ts) and print the figures
// that PHOTO_MAX_DISTANCE was chosen from. They also feed the hash hostile input.

import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { placeholderPhoto, syntheticPhoto } from '../../src/demo/photos.ts';
import { hammingDistance, PHOTO_MAX_DISTANCE, PhotoError, photoHash } from '../../src/photo/perceptual-hash.ts';
import { PHOTO_MAX_BYTES } from '../../src/photo/perceptual-hash.ts';

const histogram = (ds: readonly number[]) => {
  const h = new Map<number, number>();
  for (const d of ds) h.set(d, (h.get(d) ?? 0) + 1);
  return [...h].sort((a, b) => a[0] - b[0]).map(([d, c]) => `${d}:${c}`).join(' ');
};

/** A PNG of `width`×`height` whose header is valid but whose (tiny) data is not the full image. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

describe('photoHash', () => {
  it('gives 16 lower-case hex digits, the same for the same picture', async () => {
    const bytes = await syntheticPhoto(7, 0);
    const h = await photoHash(bytes);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(await photoHash(new Uint8Array(bytes))).toBe(h);
    expect(hammingDistance(h, h)).toBe(0);
    // The same pixels as PNG instead of JPEG.
    expect(hammingDistance(h, await photoHash(await sharp(bytes).png().toBuffer()))).toBeLessThanOrEqual(2);
  });

  it('keeps every republished variant within PHOTO_MAX_DISTANCE, and unrelated photos apart', async () => {
    const seeds = 300;
    const variantSeeds = 200;
    const originals: string[] = [];
    const same: number[] = [];
    for (let s = 0; s < seeds; s++) {
      originals.push(await photoHash(await syntheticPhoto(s, 0)));
      if (s < variantSeeds) for (let v = 1; v <= 5; v++) same.push(hammingDistance(originals[s]!, await photoHash(await syntheticPhoto(s, v))));
    }
    const different: number[] = [];
    for (let s = 0; s < seeds; s++) for (let r = s + 1; r < seeds; r++) different.push(hammingDistance(originals[s]!, originals[r]!));
    const falseMatches = different.filter((d) => d <= PHOTO_MAX_DISTANCE).length;
    console.log(`photo hash, same photo (${same.length} variants): max ${Math.max(...same)}; distances ${histogram(same)}`);
    console.log(`photo hash, different photos (${different.length} pairs): min ${Math.min(...different)}; within ${PHOTO_MAX_DISTANCE}: ${falseMatches}; distances ${histogram(different)}`);
    expect(Math.max(...same)).toBeLessThanOrEqual(PHOTO_MAX_DISTANCE);
    expect(falseMatches / different.length).toBeLessThan(0.001);
  }, 120_000);

  it('holds against each edit on its own', async () => {
    const seeds = 60;
    const edits: Record<string, (b: Buffer) => Promise<Buffer>> = {
      'quality 40': (b) => sharp(b).jpeg({ quality: 40 }).toBuffer(),
      'half size': (b) => sharp(b).resize(120, 160).jpeg().toBuffer(),
      'crop 4% (2% each side)': (b) => sharp(b).extract({ left: 5, top: 6, width: 230, height: 307 }).jpeg().toBuffer(),
      'brightness +8%': (b) => sharp(b).linear(1.08, 0).jpeg().toBuffer(),
      'watermark text': (b) =>
        sharp(b)
          .composite([{ input: Buffer.from('<svg width="90" height="16"><text x="2" y="12" font-size="11" fill="white" fill-opacity="0.6">example.se</text></svg>'), gravity: 'southeast' }])
          .jpeg()
          .toBuffer(),
    };
    const base: Buffer[] = [];
    for (let s = 0; s < seeds; s++) base.push(await syntheticPhoto(1000 + s, 0));
    const hashes = await Promise.all(base.map(photoHash));
    for (const [name, edit] of Object.entries(edits)) {
      const ds: number[] = [];
      for (let s = 0; s < seeds; s++) ds.push(hammingDistance(hashes[s]!, await photoHash(await edit(base[s]!))));
      const within = ds.filter((d) => d <= PHOTO_MAX_DISTANCE).length;
      console.log(`photo hash, ${name}: ${within}/${seeds} within ${PHOTO_MAX_DISTANCE}; distances ${histogram(ds)}`);
      // A 2% crop on every side is harsher than the demo's variants; most must still match.
      expect(within / seeds).toBeGreaterThanOrEqual(name.startsWith('crop') ? 0.9 : 1);
    }
  }, 60_000);

  it("keeps sites' placeholders apart from photos and from each other", async () => {
    const a = await photoHash(await placeholderPhoto('site-a'));
    expect(await photoHash(await placeholderPhoto('site-a'))).toBe(a);
    expect(hammingDistance(a, await photoHash(await syntheticPhoto(1, 0)))).toBeGreaterThan(PHOTO_MAX_DISTANCE);
  });

  it('reads only the first frame of an animation', async () => {
    const frame = (grey: number) => Buffer.alloc(64 * 64 * 3, grey);
    const first = await syntheticPhoto(3, 0);
    const firstRaw = await sharp(first).resize(64, 64).removeAlpha().raw().toBuffer();
    const animated = await sharp(Buffer.concat([firstRaw, frame(0), frame(255)]), { raw: { width: 64, height: 192, channels: 3, pageHeight: 64 } } as never)
      .webp({ lossless: true })
      .toBuffer();
    expect((await sharp(animated, { pages: -1 }).metadata()).pages).toBe(3);
    expect(hammingDistance(await photoHash(animated), await photoHash(await sharp(firstRaw, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer()))).toBeLessThanOrEqual(2);
  });

  it('throws PhotoError for bytes that are not a usable image', async () => {
    const jpeg = await syntheticPhoto(11, 0);
    const bad: Record<string, Uint8Array> = {
      empty: new Uint8Array(0),
      text: Buffer.from('<html><body>Not found</body></html>'),
      'truncated JPEG': jpeg.subarray(0, Math.floor(jpeg.length / 2)),
      'JPEG header only': jpeg.subarray(0, 200),
      'PNG claiming 100000×100000': pngHeaderOnly(100_000, 100_000),
      'PNG claiming 8000×6000 (48 MP)': pngHeaderOnly(8000, 6000),
      'too many bytes': new Uint8Array(PHOTO_MAX_BYTES + 1),
    };
    for (const [name, bytes] of Object.entries(bad)) {
      await expect(photoHash(bytes), name).rejects.toBeInstanceOf(PhotoError);
    }
    await expect(photoHash('not bytes' as never)).rejects.toBeInstanceOf(PhotoError);
    await expect(photoHash(new Uint8Array(0))).rejects.toThrow(/photo/);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000001', '8000000000000000')).toBe(2);
    expect(hammingDistance('00000000f0000000', '0000000000000000')).toBe(4);
  });

  it('throws on malformed hashes', () => {
    for (const bad of ['', 'abc', '0000000000000000a', '000000000000000g', 'FFFFFFFFFFFFFFFF', ' 000000000000000', null, 12]) {
      expect(() => hammingDistance(bad as string, '0000000000000000')).toThrow(PhotoError);
      expect(() => hammingDistance('0000000000000000', bad as string)).toThrow(PhotoError);
    }
  });
});
