// Loads and checks the sites file. Everything that can be wrong in it is found here, before a
// single request is sent or a row written, and reported as a ConfigError naming the file, the
// site id and the field.

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { bareHostname, isPrivateAddress } from '../crawl/address-guard.ts';
import { findPhonesInText } from '../normalise/phone.ts';
import { sitesFileSchema, type ClusteringSettings, type CrawlSettings, type RetentionSettings, type SiteConfig } from './sites-schema.ts';

/** A site with the crawl defaults applied: what the crawler needs, nothing optional left. */
export interface ResolvedSite {
  id: string;
  name: string;
  adapter: string;
  startUrls: string[];
  /** Hosts the crawler may follow links to (host or host:port, lower-case). */
  allowedHosts: string[];
  maxRequestsPerMinute: number;
  maxConcurrency: number;
  enabled: boolean;
  /** Served from this machine or a private network: private addresses may be fetched. */
  local: boolean;
  /** Why this site's robots.txt is not obeyed; null (the default) obeys it. */
  robotsOverride: string | null;
  notes: string | null;
}

export interface LoadedSites {
  file: string;
  crawl: CrawlSettings;
  /** With ignorePhones in E.164, as clustering compares them. */
  clustering: ClusteringSettings;
  retention: RetentionSettings;
  sites: ResolvedSite[];
}

export interface LoadOptions {
  /** Adapter names that exist (the registry in crawlers/); an unknown name is a config error. */
  knownAdapters: readonly string[];
}

export function loadSitesFile(file: string, options: LoadOptions): LoadedSites {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new ConfigError(`${file}: cannot read the sites file (${why}). Give one with --sites FILE.`);
  }
  return parseSites(text, file, options);
}

/** Parses sites-file text; `file` is only used in messages. */
export function parseSites(text: string, file: string, options: LoadOptions): LoadedSites {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos?.[0] ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    throw new ConfigError(`${file}: not valid YAML${where}: ${firstLine(first.message)}`);
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) throw new ConfigError(`${file}: the sites file is empty; it needs a "sites:" list`);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${file}: the sites file must be a mapping with a "sites:" list (and optional "crawl:" settings)`);
  }
  const parsed = sitesFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(file, raw, parsed.error.issues));

  const problems: string[] = [];
  const seen = new Set<string>();
  for (const site of parsed.data.sites) {
    if (seen.has(site.id)) problems.push(`${file}: site "${site.id}": id is used twice; each site needs its own id`);
    seen.add(site.id);
    // Host names are checked when connecting (after DNS); an address written out is refused here already.
    if (!site.local) {
      for (const [i, url] of site.startUrls.entries()) {
        const host = bareHostname(new URL(url));
        if (isIP(host) && isPrivateAddress(host)) {
          problems.push(
            `${file}: site "${site.id}": field "startUrls[${i}]": ${host} is a private, loopback or link-local address; ` +
              'set "local: true" on the site if it is served from this machine or a private network',
          );
        }
      }
    }
    if (!options.knownAdapters.includes(site.adapter)) {
      problems.push(
        `${file}: site "${site.id}": field "adapter": unknown adapter "${site.adapter}" (known: ${options.knownAdapters.join(', ')})`,
      );
    }
  }
  const ignorePhones: string[] = [];
  parsed.data.clustering.ignorePhones.forEach((written, i) => {
    const found = findPhonesInText(written);
    if (found.length === 1) ignorePhones.push(found[0]!.e164);
    else {
      problems.push(
        `${file}: field "clustering.ignorePhones[${i}]": ${found.length === 0 ? 'is not a phone number Kartla can read' : 'holds more than one number'} ` +
          `(got "${written.slice(0, 40)}"); write one number per entry, e.g. "+46 70 174 06 05" or "070-174 06 05"`,
      );
    }
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));

  return {
    file,
    crawl: parsed.data.crawl,
    clustering: { ...parsed.data.clustering, ignorePhones: [...new Set(ignorePhones)].sort() },
    retention: parsed.data.retention,
    sites: parsed.data.sites.map((site) => resolveSite(site, parsed.data.crawl)),
  };
}

function resolveSite(site: SiteConfig, crawl: CrawlSettings): ResolvedSite {
  const startHosts = site.startUrls.map((url) => new URL(url).host.toLowerCase());
  return {
    id: site.id,
    name: site.name,
    adapter: site.adapter,
    startUrls: site.startUrls,
    allowedHosts: [...new Set([...(site.allowedHosts ?? []).map((h) => h.toLowerCase()), ...startHosts])],
    maxRequestsPerMinute: site.maxRequestsPerMinute ?? crawl.maxRequestsPerMinute,
    maxConcurrency: site.maxConcurrency ?? crawl.maxConcurrency,
    enabled: site.enabled,
    local: site.local,
    robotsOverride: site.robotsOverride ?? null,
    notes: site.notes ?? null,
  };
}

/** One line per problem: file, site id (when the problem is inside a site), field, what is wrong. */
function describeIssues(file: string, raw: unknown, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = [...issue.path];
      let where = '';
      if (path[0] === 'sites' && typeof path[1] === 'number') {
        const site = (raw as { sites?: unknown[] }).sites?.[path[1]];
        const id = site && typeof site === 'object' && 'id' in site ? String((site as { id: unknown }).id) : null;
        where = id ? `site "${id}": ` : `site #${path[1] + 1}: `;
        path.splice(0, 2);
      }
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => `"${k}"`).join(', ');
        const at = path.length > 0 ? ` in "${formatPath(path)}"` : '';
        return `${file}: ${where}unknown field ${keys}${at} (check the spelling; see config/sites.yaml for the fields)`;
      }
      const field = path.length > 0 ? `field "${formatPath(path)}": ` : '';
      const got = valueAt(raw, issue.path);
      const gotText = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
      const message = issue.code === 'invalid_type' && got === undefined ? 'is required' : issue.message;
      return `${file}: ${where}${field}${message}${gotText}`;
    })
    .join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = raw;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null) return undefined;
  return node;
}

function firstLine(text: string): string {
  // With prettyErrors the yaml library appends " at line L, column C:" and a code frame; we give the position ourselves.
  return text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
