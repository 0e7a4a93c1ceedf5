// `kartla` commands started as a user starts them, for the benchmarks that measure whole
// processes: the sites file they read, and their memory read from /proc.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import type { NationalSiteInfo } from '../src/demo/national/server.ts';

const BIN = path.resolve('bin/kartla.js');

/** A process's resident memory in bytes; 0 once it has exited. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface KartlaProcess {
  child: ChildProcess;
  done: Promise<number | null>;
  /** Everything it printed so far, both streams. */
  out: () => string;
}

export function startKartla(args: string[], env: NodeJS.ProcessEnv): KartlaProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, done: new Promise((resolve) => child.on('close', resolve)), out: () => out };
}

/**
 * A sites file for a synthetic web at the demo's pace (no politeness delay: the sites are ours),
 * photos off so that the figures measure Kartla and not the web's image generator.
 */
export function writeSitesFile(file: string, sites: readonly NationalSiteInfo[], ignorePhones: readonly string[] = []): void {
  writeFileSync(
    file,
    toYaml({
      crawl: { userAgent: 'KartlaBot/0.1 (bench)', maxRequestsPerMinute: 20_000, maxConcurrency: 8, photos: false },
      ...(ignorePhones.length > 0 ? { clustering: { ignorePhones } } : {}),
      sites: sites.map((s) => ({ id: s.id, name: s.name, adapter: s.adapter, startUrls: s.startUrls, local: true })),
    }),
  );
}
