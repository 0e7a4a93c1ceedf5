// The one-line ConfigError a sites file text earns, for tests of what the loader refuses.

import { expect } from 'vitest';
import { parseSites, type LoadOptions } from '../../src/config/sites-loader.ts';
import { ConfigError } from '../../src/errors.ts';

export function sitesProblem(text: string, options: LoadOptions): string {
  try {
    parseSites(text, 'sites.yaml', options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
