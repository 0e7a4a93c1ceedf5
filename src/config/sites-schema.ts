// The sites file: which sites a mapping run covers and how politely each is crawled.
// Strict objects, so a misspelt key is an error rather than a silently ignored setting.

import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute http(s) URL' },
);

const hostName = z
  .string()
  .min(1)
  .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name such as example.se or 127.0.0.1:8080, without scheme or path');

export const crawlSettingsSchema = z
  .object({
    /** Sent with every request so site operators can see who crawls and how to reach them. */
    userAgent: z.string().min(3).default('KartlaBot/0.1 (mapping of ads aimed at Sweden; set crawl.userAgent to name your organisation and contact)'),
    maxRequestsPerMinute: z.number().int().positive().max(100_000).default(120),
    maxConcurrency: z.number().int().positive().max(200).default(4),
    /** Pages larger than this are not read and count as an error. */
    maxPageBytes: z.number().int().positive().default(5 * 1024 * 1024),
    requestTimeoutSecs: z.number().positive().max(600).default(30),
    /** Retries after the first attempt, with exponential backoff. */
    maxRetries: z.number().int().min(0).max(10).default(3),
    retryBackoffMs: z.number().int().min(0).max(600_000).default(1000),
    /** A guard against crawler traps: stop a site after this many pages. */
    maxPagesPerSite: z.number().int().positive().default(50_000),
    /**
     * Fetch each profile's photo (one more request per profile) to compute its perceptual hash in
     * memory, a weak tie between ads that reuse a photo; the image itself is never kept.
     */
    photos: z.boolean().default(true),
    /**
     * The Chromium executable for sites rendered in a browser (`render: browser`); the
     * KARTLA_CHROMIUM environment variable wins over it, /usr/bin/chromium is the default.
     * Kartla never downloads a browser.
     */
    chromium: z.string().trim().min(1, 'must be the path of a Chromium executable').optional(),
  })
  .strict();

export type CrawlSettings = z.infer<typeof crawlSettingsSchema>;

export const siteSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lower-case letters, digits, - or _ (at most 63 characters)'),
    name: z.string().min(1),
    /** Reports break gender and age down by site group (e.g. "escort directories", "review sites"). */
    group: z.string().trim().min(1).max(80).optional(),
    startUrls: z.array(httpUrl).min(1, 'needs at least one start URL'),
    /**
     * A registry adapter's name (crawlers/index.ts), a declarative adapter written inline, or
     * `{ file: adapters/x.yaml }`; the mappings are checked by the loader (adapter-schema.ts).
     */
    adapter: z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
      error: 'must be an adapter name, an inline adapter mapping, or { file: adapters/x.yaml }',
    }),
    allowedHosts: z.array(hostName).optional(),
    maxRequestsPerMinute: z.number().int().positive().max(100_000).optional(),
    maxConcurrency: z.number().int().positive().max(200).optional(),
    enabled: z.boolean().default(true),
    /**
     * Overrides the adapter's `render`: `browser` loads the site's pages in headless Chromium (a
     * site that builds its pages with scripts), `http` reads them as served.
     */
    render: z.enum(['http', 'browser'], { error: 'must be http or browser' }).optional(),
    /**
     * The site is served from this machine or a private network (the demo, tests): private,
     * loopback and link-local addresses are allowed. Otherwise every host of the site, and every
     * address a host name resolves to, must be public.
     */
    local: z.boolean().default(false),
    /**
     * Crawl without reading the site's robots.txt. Only with a written reason (who agreed, why),
     * which is recorded with every run of the site and shown in its summary.
     */
    robotsOverride: z
      .string()
      .trim()
      .min(10, 'must give the reason robots.txt is not obeyed for this site, in at least 10 characters')
      .optional(),
    notes: z.string().optional(),
  })
  .strict();

/** How the clustering at the end of every run ties profiles together (issue #5). */
export const clusteringSettingsSchema = z
  .object({
    /**
     * Numbers that are never a tie between profiles: a site's switchboard, a support line that
     * many ads print, numbers known to be shared by unrelated advertisers. Any way of writing a
     * number is accepted; each must read as exactly one number.
     */
    ignorePhones: z.array(z.string().min(1)).default([]),
    /** A cluster this large or larger raises the shared-phone indicator. */
    sharedPhoneMinSize: z.number().int().min(2).max(1000).default(3),
    /** Movement across police regions counts when seen within this many days. */
    movementWindowDays: z.number().int().min(1).max(3660).default(400),
    /**
     * Two photos whose perceptual hashes differ in at most this many of 64 bits are the same photo
     * (default: src/photo/perceptual-hash.ts PHOTO_MAX_DISTANCE). Higher finds more re-edited
     * copies and more unrelated look-alikes.
     */
    photoMaxDistance: z.number().int().min(0).max(16).optional(),
  })
  .strict();

export type ClusteringSettings = z.infer<typeof clusteringSettingsSchema>;

/** How long identifiers and texts are kept (docs/privacy.md, "Retention"). */
export const retentionSettingsSchema = z
  .object({
    /**
     * After every mapping run, runs that started more than this many days ago are purged (as
     * `kartla purge --older-than <n>d`). Null keeps everything until purged by hand.
     */
    purgeAfterDays: z.number().int().min(30, 'must be at least 30 days (a mapping must be comparable with the one before)').max(36_500).nullable().default(null),
  })
  .strict();

export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** A cron expression (five fields, or six with seconds first), checked by the parser BullMQ uses. */
const cronExpression = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    try {
      CronExpressionParser.parse(value, { tz: 'Europe/Stockholm' });
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `is not a cron expression (${(e as Error).message}); e.g. "0 3 1 * *" for 03:00 on the first of every month` });
    }
  });

/**
 * A recurring mapping run that `kartla scheduler` starts on the queue path: monthly mappings, a
 * yearly national mapping. Several schedulers may run; each run starts once (BullMQ job schedulers).
 */
export const scheduleSchema = z
  .object({
    /** Stable name: the scheduler's key, so that a renamed label does not start a second series. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lower-case letters, digits, - or _ (at most 63 characters)'),
    cron: cronExpression,
    /** Label of every run it starts, e.g. "monthly mapping". */
    label: z.string().trim().min(1),
    /** Time zone of the cron expression. */
    tz: z.string().default('Europe/Stockholm'),
    /** Only these site ids (default: every enabled site). */
    sites: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export type ScheduleSettings = z.infer<typeof scheduleSchema>;

/** Run health and drift alerts (issue 8): when a site's figures drop sharply against its earlier runs. */
export const alertSettingsSchema = z
  .object({
    /** Alerts are also POSTed as JSON to this URL (a chat or incident webhook). */
    webhook: httpUrl.optional(),
    /** A site's profile count falling by this share or more against its recent completed runs raises an alert. */
    profileDrop: z.number().gt(0).lt(1).default(0.5),
    /** A field's fill rate falling by this many points (0-1) or more raises an alert. */
    fillRateDrop: z.number().gt(0).lt(1).default(0.3),
    /** How many earlier completed runs of the site make its baseline. */
    baselineRuns: z.number().int().min(1).max(24).default(3),
  })
  .strict();

export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const sitesFileSchema = z
  .object({
    crawl: crawlSettingsSchema.default(() => crawlSettingsSchema.parse({})),
    clustering: clusteringSettingsSchema.default(() => clusteringSettingsSchema.parse({})),
    retention: retentionSettingsSchema.default(() => retentionSettingsSchema.parse({})),
    schedules: z.array(scheduleSchema).default([]),
    alerts: alertSettingsSchema.default(() => alertSettingsSchema.parse({})),
    sites: z.array(siteSchema).min(1, 'lists no sites'),
  })
  .strict();

export type SiteConfig = z.infer<typeof siteSchema>;
export type SitesFile = z.infer<typeof sitesFileSchema>;
