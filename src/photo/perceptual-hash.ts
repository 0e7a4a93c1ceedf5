// STUB (being written by a helper): perceptual hash of an image, in memory.
export async function photoHash(_bytes: Uint8Array): Promise<string> {
  throw new Error('not implemented');
}
export function hammingDistance(a: string, b: string): number {
  return a === b ? 0 : 64;
}
