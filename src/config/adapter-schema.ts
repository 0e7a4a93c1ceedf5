// A declarative site adapter: the data part of crawlers/types.ts SiteAdapter (everything except
// `refine`, which is code), written in the sites file or in a YAML file next to it. Strict objects,
// so a misspelt key is an error naming its path rather than a silently empty field.

import { load } from 'cheerio';
import { z } from 'zod';
import type { FieldSpec, SiteAdapter } from '../../crawlers/types.ts';

/**
 * Normaliser names a field spec may state. The well-known field keys already choose their
 * normaliser (src/normalise/profile.ts): `age`, `gender` and `location` their own, `title` and
 * `description` the free-text one; phones come from `profile.phones`. A stated name is checked
 * against the key, so a spec says what it means and a mismatch is found on load.
 */
export const NORMALISERS = ['age', 'gender', 'location', 'phone', 'text'] as const;
export type NormaliserName = (typeof NORMALISERS)[number];

/** The normaliser a field key gets, or null for a raw field kept as written. */
export function normaliserOfKey(key: string): NormaliserName | null {
  if (key === 'age' || key === 'gender' || key === 'location') return key;
  if (key === 'title' || key === 'description') return 'text';
  return null;
}

export const fieldSpecSchema = z
  .object({
    selector: z.string().optional(),
    attr: z.string().optional(),
    label: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    fromUrl: z.boolean().optional(),
    pattern: z.string().optional(),
    all: z.boolean().optional(),
    normaliser: z.enum(NORMALISERS, { error: `must be one of ${NORMALISERS.join(', ')}` }).optional(),
  })
  .strict();

type ParsedSpec = z.infer<typeof fieldSpecSchema>;
const fieldSpecList = z.array(fieldSpecSchema).min(1, 'needs at least one field spec');

// One spec or a list of them. Not z.union: a union reports one vague "invalid input" when the spec
// has a wrong value, where the spec's own issue (with its path) says what to fix.
const fieldSchema = z.unknown().transform((value, ctx): ParsedSpec | ParsedSpec[] => {
  const parsed = Array.isArray(value) ? fieldSpecList.safeParse(value) : fieldSpecSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});

const urlAttributeSchema = z.object({ selector: z.string(), attribute: z.string() }).strict();

const jsonListingSchema = z
  .object({
    urlPattern: z.string(),
    start: urlAttributeSchema.optional(),
    profileUrls: z.string(),
    next: z.object({ path: z.string(), queryParam: z.string().optional() }).strict().optional(),
  })
  .strict();

const listingSchema = z
  .object({
    profileLinks: z.string(),
    nextPage: z.string().optional(),
    listingLinks: z.string().optional(),
    json: jsonListingSchema.optional(),
  })
  .strict();

const phonesSchema = z
  .object({
    selectors: z.array(z.string()).optional(),
    scope: z.string().optional(),
    reveal: urlAttributeSchema.optional(),
  })
  .strict();

const profileSchema = z
  .object({
    externalId: fieldSchema.optional(),
    fields: z.record(z.string(), fieldSchema),
    phones: phonesSchema.optional(),
    photo: urlAttributeSchema.optional(),
  })
  .strict();

/** A CSS selector the browser is given: checked here, as validateAdapter checks the others. */
const selector = z
  .string()
  .trim()
  .min(1, 'must be a CSS selector')
  .superRefine((value, ctx) => {
    try {
      load('<p></p>')(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `is not a valid CSS selector (${(error as Error).message})` });
    }
  });
const clicks = (max: number) => z.number().int().min(1).max(max);

/** crawlers/types.ts BrowserSpec: what a browser-rendered site needs waited for and clicked. */
const browserSchema = z
  .object({
    waitFor: z.object({ listing: selector.optional(), profile: selector.optional() }).strict().optional(),
    loadMore: z.object({ selector, maxClicks: clicks(10_000).optional() }).strict().optional(),
    scroll: z.object({ maxScrolls: clicks(10_000).optional() }).strict().optional(),
    reveal: z.object({ selector, waitFor: selector.optional(), maxClicks: clicks(100).optional() }).strict().optional(),
  })
  .strict();

export const declarativeAdapterSchema = z
  .object({
    /** Shown in errors and run output; default `yaml:<site id>`. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes').optional(),
    description: z.string().trim().min(1).optional(),
    render: z.enum(['http', 'browser'], { error: 'must be http or browser' }).default('http'),
    browser: browserSchema.optional(),
    profileUrlPattern: z.string().optional(),
    listing: listingSchema,
    profile: profileSchema,
    personalFields: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export type DeclarativeAdapter = z.infer<typeof declarativeAdapterSchema>;

/** `adapter: { file: adapters/x.yaml }`: a YAML file relative to the sites file's folder. */
export const adapterFileRefSchema = z.object({ file: z.string().trim().min(1, 'must name a YAML file') }).strict();

/** Largest adapter file read. */
export const MAX_ADAPTER_FILE_BYTES = 1024 * 1024;

/** Problems with the normaliser names, as "path: message" like validateAdapter's. */
export function checkNormalisers(adapter: DeclarativeAdapter): string[] {
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(adapter.profile.fields)) {
    const specs: ParsedSpec[] = Array.isArray(spec) ? spec : [spec];
    specs.forEach((s, i) => {
      if (s.normaliser === undefined) return;
      const expected = normaliserOfKey(key);
      if (s.normaliser === expected) return;
      const at = `profile.fields.${key}${specs.length > 1 ? `[${i}]` : ''}.normaliser`;
      const fix =
        s.normaliser === 'phone'
          ? 'phone numbers are read by profile.phones, not by a field'
          : s.normaliser === 'text'
            ? 'name the field "title" or "description"'
            : `name the field "${s.normaliser}"`;
      problems.push(`${at}: "${s.normaliser}" does not apply to the field "${key}"; the well-known field keys choose their normaliser (${fix})`);
    });
  }
  return problems;
}

function stripSpec({ normaliser: _normaliser, ...spec }: ParsedSpec): FieldSpec {
  return spec;
}

function stripField(spec: ParsedSpec | ParsedSpec[]): FieldSpec | FieldSpec[] {
  return Array.isArray(spec) ? spec.map(stripSpec) : stripSpec(spec);
}

/** The SiteAdapter the engine applies; `name` defaults to `yaml:<site id>`. */
export function toSiteAdapter(adapter: DeclarativeAdapter, siteId: string): SiteAdapter {
  const { externalId, fields, ...profile } = adapter.profile;
  return {
    ...adapter,
    name: adapter.name ?? `yaml:${siteId}`,
    description: adapter.description ?? `declarative adapter of site "${siteId}"`,
    profile: {
      ...profile,
      ...(externalId === undefined ? {} : { externalId: stripField(externalId) }),
      fields: Object.fromEntries(Object.entries(fields).map(([key, spec]) => [key, stripField(spec)])),
    },
  };
}
