// The figures the national synthetic web is tuned to. Each constant names where it comes from:
// "2025 mapping" means the national mapping of 2025 as summarised in issue #4 (46 sites, more than
// 13,000 profiles, 85 % women / 9 % men / 6 % trans, most stated ages 24-29, about 200 localities
// weighted to the big-city regions, the largest sites 30,000-150,000 unique visitors a month,
// three sites with reviews, organisations of 3-40 profiles behind shared phones, about 10 %
// foreign numbers, a handful of minors' cues). Anything the mapping does not state is marked
// ASSUMPTION with the reason, so a later calibration can replace it knowingly.

/** 2025 mapping: the year whose figures these are; later years are derived by churn. */
export const BASE_YEAR = 2025;

/** 2025 mapping: 46 sites advertising towards Sweden. */
export const SITE_COUNT = 46;

/** 2025 mapping: "more than 13,000 profiles". */
export const PROFILE_COUNT = 13_000;

/**
 * 2025 mapping: 85 % women, 9 % men, 6 % trans. Couples (a Gender Kartla knows) are not in the
 * mapping's breakdown, so the world has none: adding some would shift the three stated shares.
 */
export const GENDER_SHARES = { woman: 0.85, man: 0.09, trans: 0.06 } as const;

/**
 * 2025 mapping: most stated ages are 24-29. The per-age weights spread the rest over 18-55 the way
 * the small demo does (ASSUMPTION: the mapping gives the mode, not the whole curve). No weight under
 * 18: a stated minor age only enters through the explicit minors' cues (MINOR_CUES).
 */
export const AGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [18, 1.5], [19, 3], [20, 4], [21, 5], [22, 7], [23, 9], [24, 12], [25, 13], [26, 13], [27, 12], [28, 11],
  [29, 10], [30, 8], [31, 7], [32, 6], [33, 5], [34, 4], [35, 4], [36, 3], [37, 3], [38, 2], [39, 2], [40, 2],
  [41, 1], [42, 1], [43, 1], [44, 1], [45, 1], [47, 0.6], [49, 0.5], [52, 0.3], [55, 0.2],
];

/** ASSUMPTION: a few ads state no age (the small demo's 3 %); they land in the `unknown` band. */
export const NO_AGE_SHARE = 0.03;

/** 2025 mapping: ads in about 200 localities. */
export const LOCALITY_COUNT = 200;

/** The three big-city police regions the mapping finds most ads in. */
export const METRO_REGIONS: readonly string[] = ['Stockholm', 'Väst', 'Syd'];

/**
 * 2025 mapping: ads concentrate in the big-city regions beyond their share of the population.
 * ASSUMPTION: a locality's weight is population^LOCALITY_POPULATION_EXPONENT, times METRO_WEIGHT in
 * the three metro regions; 1.8 puts roughly two thirds of the ads there, like the small demo.
 */
export const METRO_WEIGHT = 1.8;
/** Below 1 so small towns still get ads (otherwise a handful of cities would take everything). */
export const LOCALITY_POPULATION_EXPONENT = 0.85;

/**
 * 2025 mapping: long-tailed site sizes, the largest 30,000-150,000 unique visitors a month.
 * ASSUMPTION: Zipf with exponent 1.1 over 46 sites, so the largest site holds about a quarter of the
 * profiles and the smallest a few dozen; visitors scale with profiles from LARGEST_SITE_VISITORS.
 */
export const SITE_ZIPF_EXPONENT = 1.1;
export const LARGEST_SITE_VISITORS = 150_000;
/** 2025 mapping: the lower end of "the largest sites" (used by the tests, not by the generator). */
export const LARGE_SITE_VISITORS_MIN = 30_000;

/** 2025 mapping: three sites carry review sections. */
export const REVIEW_SITES = 3;

/** ASSUMPTION: about one site in five is written in English (the small demo's share of English sites). */
export const ENGLISH_SITE_SHARE = 0.2;

/** 2025 mapping: organisations run 3-40 profiles behind shared phones. */
export const ORGANISATION_SIZE = { min: 3, max: 40 } as const;

/**
 * ASSUMPTION: a quarter of the profiles belong to an organisation. The mapping reports
 * organisations of 3-40 profiles but not the share of profiles in them; a quarter lets the largest
 * reach 40 while most ads stay independent, as agencies describe the market. Sizes are Pareto
 * (exponent 0.5, truncated to 3-40: median about 6, mean about 10.6), so most organisations are
 * small and a few large. A second, practical reason for not going higher: every organisation needs
 * an exclusive Swedish fiction line and there are only 495 (phones.ts); this gives about 300
 * organisations.
 */
export const ORGANISATION_PROFILE_SHARE = 0.25;
export const ORGANISATION_SIZE_PARETO = 0.5;

/** ASSUMPTION: organisations advertise on 1-4 sites, a third on more than one (the small demo's mix). */
export const ORGANISATION_SITE_COUNT: readonly (readonly [number, number])[] = [[1, 40], [2, 30], [3, 20], [4, 10]];

/**
 * ASSUMPTION: where an organisation's profiles say they are: most at its home locality, some in
 * other towns of the same police region, a few touring elsewhere ("several localities").
 */
export const ORGANISATION_PLACE_MIX = { home: 0.55, region: 0.3, anywhere: 0.15 } as const;

/** 2025 mapping: about 10 % foreign numbers (share of profiles with a phone that show a foreign one). */
export const FOREIGN_NUMBER_SHARE = 0.1;
/** ASSUMPTION: organisations use foreign lines somewhat more often than independents. */
export const ORGANISATION_FOREIGN_SHARE = 0.12;

/**
 * ASSUMPTION: a few organisation ads give no number (contact through the site); only their
 * organisation's stock text ties them to the rest, which is what the combined view is for.
 */
export const ORGANISATION_NO_PHONE_SHARE = 0.015;
/** ASSUMPTION: about a third of organisations use third-party wording ("våra tjejer", "new girl in town"). */
export const ORGANISATION_AGENCY_SHARE = 0.35;

/** ASSUMPTION: "some profiles with no phone" (contact through the site): the small demo's 3.5 %. */
export const NO_PHONE_SHARE = 0.035;
/** ASSUMPTION: "some with two phones": the small demo's 3.5 % (independents; organisation members see memberPhones). */
export const TWO_PHONES_SHARE = 0.035;
/** ASSUMPTION: a fifth of the organisations run a second shared line. */
export const ORGANISATION_SECOND_LINE_SHARE = 0.2;

/** 2025 mapping: "a handful" of minors' cues; split between a stated minor age and a youth phrase. */
export const MINOR_CUES = { statedAge: 2, phrase: 4 } as const;
export const MINOR_CUE_COUNT = MINOR_CUES.statedAge + MINOR_CUES.phrase;

/**
 * Churn from one yearly mapping to the next (the mapping is repeated on consecutive dates/years).
 * ASSUMPTIONS, none measured yet: ads are short-lived, so under half of a year's profiles are still
 * up a year later; the total grows a little; some independents move town; a fifth of the
 * organisations move all their profiles to another police region ("rolling exploitation"); some
 * organisations stop; one site closes and one new site opens each year; the other sites grow or
 * shrink by a log-normal factor.
 */
export const YEARLY = {
  independentSurvival: 0.45,
  organisationSurvival: 0.7,
  /** Each surviving organisation member stays with this probability (the rest are replaced). */
  memberSurvival: 0.6,
  growth: 1.04,
  independentMoveShare: 0.08,
  organisationMoveShare: 0.2,
  sitesClosed: 1,
  sitesOpened: 1,
  siteSizeSigma: 0.3,
} as const;

/** ASSUMPTION: the mapping's reference date within a year (early spring, like the small demo's epoch 0). */
export const MAPPING_DAY = '03-01';
