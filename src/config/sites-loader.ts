// Loads and checks the sites file. Everything that can be wrong in it is found here, before a
// single request is sent or a row written, and reported as a ConfigError naming the file, the
// site id and the field.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { bareHostname, isPrivateAddress } from '../crawl/address-guard.ts';
import { findPhonesInText } from '../normalise/phone.ts';
import { validateAdapter } from '../extract/validate.ts';
import type { SiteAdapter } from '../../crawlers/types.ts';
import { adapterFileRefSchema, checkNormalisers, declarativeAdapterSchema, MAX_ADAPTER_FILE_BYTES, toSiteAdapter } from './adapter-schema.ts';
import { sitesFileSchema, type AlertSettings, type ClusteringSettings, type CrawlSettings, type RetentionSettings, type ScheduleSettings, type SiteConfig } from './sites-schema.ts';

/** A site with the crawl defaults applied: what the crawler needs, nothing optional left. */
export interface ResolvedSite {
  id: string;
  name: string;
  /** The sites file's `group`; null or absent when the site has none. */
  group?: string | null;
  /** The adapter's name: a registry name, or a declarative adapter's (`yaml:<site id>` unless it names itself). */
  adapter: string;
  /** The declarative adapter from the sites file or its adapter file; absent for a registry adapter. */
  adapterSpec?: SiteAdapter;
  startUrls: string[];
  /** Hosts the crawler may follow links to (host or host:port, lower-case). */
  allowedHosts: string[];
  maxRequestsPerMinute: number;
  maxConcurrency: number;
  enabled: boolean;
  /** The sites file's `render:` for the site, over the adapter's own; absent: the adapter decides. */
  render?: 'http' | 'browser';
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
  /** Recurring runs for `kartla scheduler`; site ids checked against the file's sites. */
  schedules: ScheduleSettings[];
  alerts: AlertSettings;
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
  const raw = parseYaml(text, `${file}: `);
  if (raw === null || raw === undefined) throw new ConfigError(`${file}: the sites file is empty; it needs a "sites:" list`);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${file}: the sites file must be a mapping with a "sites:" list (and optional "crawl:" settings)`);
  }
  const parsed = sitesFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(file, raw, parsed.error.issues));

  const problems: string[] = [];
  const seen = new Set<string>();
  const declared = new Map<string, SiteAdapter>();
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
    if (typeof site.adapter !== 'string') {
      const resolved = resolveDeclaredAdapter(file, site.id, site.adapter, options);
      problems.push(...resolved.problems);
      if (resolved.adapter) declared.set(site.id, resolved.adapter);
    } else if (!options.knownAdapters.includes(site.adapter)) {
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
  const siteIds = new Set(parsed.data.sites.map((s) => s.id));
  const scheduleIds = new Set<string>();
  parsed.data.schedules.forEach((schedule, i) => {
    if (scheduleIds.has(schedule.id)) problems.push(`${file}: field "schedules[${i}].id": the schedule id "${schedule.id}" is used twice`);
    scheduleIds.add(schedule.id);
    const unknown = (schedule.sites ?? []).filter((id) => !siteIds.has(id));
    if (unknown.length > 0) {
      problems.push(`${file}: field "schedules[${i}].sites": unknown site id ${unknown.map((id) => `"${id}"`).join(', ')} (the file has: ${[...siteIds].join(', ')})`);
    }
    if (!Intl.supportedValuesOf('timeZone').includes(schedule.tz) && schedule.tz !== 'UTC') {
      problems.push(`${file}: field "schedules[${i}].tz": unknown time zone "${schedule.tz}"; e.g. Europe/Stockholm`);
    }
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));

  return {
    file,
    crawl: parsed.data.crawl,
    clustering: { ...parsed.data.clustering, ignorePhones: [...new Set(ignorePhones)].sort() },
    retention: parsed.data.retention,
    schedules: parsed.data.schedules,
    alerts: parsed.data.alerts,
    sites: parsed.data.sites.map((site) => resolveSite(site, parsed.data.crawl, declared.get(site.id))),
  };
}

function resolveSite(site: SiteConfig, crawl: CrawlSettings, declared: SiteAdapter | undefined): ResolvedSite {
  const startHosts = site.startUrls.map((url) => new URL(url).host.toLowerCase());
  return {
    id: site.id,
    name: site.name,
    group: site.group ?? null,
    adapter: declared ? declared.name : String(site.adapter),
    ...(declared ? { adapterSpec: declared } : {}),
    startUrls: site.startUrls,
    allowedHosts: [...new Set([...(site.allowedHosts ?? []).map((h) => h.toLowerCase()), ...startHosts])],
    maxRequestsPerMinute: site.maxRequestsPerMinute ?? crawl.maxRequestsPerMinute,
    maxConcurrency: site.maxConcurrency ?? crawl.maxConcurrency,
    enabled: site.enabled,
    ...(site.render ? { render: site.render } : {}),
    local: site.local,
    robotsOverride: site.robotsOverride ?? null,
    notes: site.notes ?? null,
  };
}

/** Parses YAML text; `lead` ("file: " or "file: site ...: ") starts every message. */
function parseYaml(text: string, lead: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos?.[0] ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    throw new ConfigError(`${lead}not valid YAML${where}: ${firstLine(first.message)}`);
  }
  return doc.toJS();
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
      return describeIssue(`${file}: ${where}`, path, issue, valueAt(raw, issue.path), false);
    })
    .join('\n');
}

/**
 * One issue as a message. `path` is what the message names (relative to what `lead` names);
 * with `keyPaths`, an unknown key is named by its full path, as inside an adapter.
 */
function describeIssue(lead: string, path: readonly PropertyKey[], issue: z.core.$ZodIssue, got: unknown, keyPaths: boolean): string {
  if (issue.code === 'unrecognized_keys') {
    if (keyPaths) {
      return issue.keys.map((k) => `${lead}field "${formatPath([...path, k])}": unknown key (check the spelling; see README, "The sites file")`).join('\n');
    }
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const at = path.length > 0 ? ` in "${formatPath(path)}"` : '';
    return `${lead}unknown field ${keys}${at} (check the spelling; see config/sites.yaml for the fields)`;
  }
  const field = path.length > 0 ? `field "${formatPath(path)}": ` : '';
  const gotText = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
  const message = issue.code === 'invalid_type' && got === undefined ? 'is required' : issue.message;
  return `${lead}${field}${message}${gotText}`;
}

/**
 * A site's declarative adapter, inline or `{ file: ... }` (a YAML file inside the sites file's
 * folder, at most 1 MB), checked for shape (adapter-schema.ts) and usability (validateAdapter).
 */
function resolveDeclaredAdapter(
  file: string,
  siteId: string,
  value: Record<string, unknown>,
  options: LoadOptions,
): { adapter?: SiteAdapter; problems: string[] } {
  const site = `${file}: site "${siteId}": `;
  let raw: unknown = value;
  let lead = site;
  let prefix: PropertyKey[] = ['adapter'];
  if ('file' in value) {
    const ref = adapterFileRefSchema.safeParse(value);
    if (!ref.success) return { problems: ref.error.issues.map((issue) => describeIssue(site, ['adapter', ...issue.path], issue, valueAt(value, issue.path), true)) };
    const read = readAdapterFile(path.dirname(file), ref.data.file);
    if (typeof read !== 'string') return { problems: [`${site}field "adapter.file": ${read.problem}`] };
    lead = `${site}adapter file "${ref.data.file}": `;
    prefix = [];
    try {
      raw = parseYaml(read, lead);
    } catch (error) {
      return { problems: [(error as Error).message] };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return { problems: [`${lead}must be a mapping with "listing:" and "profile:" (see README, "The sites file")`] };
    }
  }
  const parsed = declarativeAdapterSchema.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => describeIssue(lead, [...prefix, ...issue.path], issue, valueAt(raw, issue.path), true)) };
  }
  const adapter = toSiteAdapter(parsed.data, siteId);
  const problems: string[] = [];
  if (parsed.data.name !== undefined && options.knownAdapters.includes(parsed.data.name)) {
    problems.push(`${lead}field "${formatPath([...prefix, 'name'])}": "${parsed.data.name}" is a registry adapter's name; choose another`);
  }
  // The default name `yaml:<site id>` is not a registry name; validateAdapter checks the rest.
  const checked = validateAdapter({ ...adapter, name: parsed.data.name ?? 'yaml' });
  for (const problem of [...checked, ...checkNormalisers(parsed.data)]) {
    const at = /^([^\s:"]+): (.*)$/s.exec(problem);
    const where = at ? formatPath([...prefix, at[1]!]) : formatPath(prefix);
    const field = where ? `field "${where}": ` : '';
    problems.push(`${lead}${field}${at ? at[2] : problem}`);
  }
  return problems.length > 0 ? { problems } : { adapter, problems };
}

/** The text of an adapter file, or why it cannot be read. */
function readAdapterFile(folder: string, name: string): string | { problem: string } {
  const target = path.resolve(folder, name);
  const outside = (from: string, to: string) => {
    const rel = path.relative(from, to);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
  };
  const refuse = { problem: `"${name}" is outside the sites file's folder (${path.resolve(folder)}); an adapter file must be in that folder or below it` };
  if (outside(path.resolve(folder), target)) return refuse;
  try {
    const stat = statSync(target);
    if (!stat.isFile()) return { problem: `"${name}" is not a file` };
    // A symbolic link inside the folder may still point out of it.
    if (outside(realpathSync(folder), realpathSync(target))) return refuse;
    if (stat.size > MAX_ADAPTER_FILE_BYTES) return { problem: `"${name}" is ${stat.size} bytes; an adapter file may be at most 1 MB` };
    return readFileSync(target, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `cannot read "${name}" (${code === 'ENOENT' ? 'no such file' : String(error)})` };
  }
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
