// Fingerprinting profile photos: `photoHash` (decode, 32x32 greyscale, DCT) over synthetic JPEGs of
// the national web's size, generated before the clock starts. Photos per second on one thread.

import { syntheticPhoto } from '../src/demo/photos.ts';
import { photoHash } from '../src/photo/perceptual-hash.ts';

export async function benchPhotoHash(count = 400): Promise<number> {
  const images = await Promise.all(Array.from({ length: count }, (_, i) => syntheticPhoto(1000 + i, i % 6)));
  const started = performance.now();
  for (const image of images) await photoHash(image);
  return count / ((performance.now() - started) / 1000);
}
