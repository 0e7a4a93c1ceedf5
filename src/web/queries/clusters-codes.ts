// The values the cluster filters accept: the police regions and the cluster indicator codes (as
// `kartla clusters` accepts them; docs/indicators.md).

export const POLICE_REGIONS = ['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd'] as const;

export const INDICATOR_CODES = ['shared-phone', 'multi-site', 'moved-region', 'foreign-phone', 'minor-cue', 'third-party', 'constant-availability', 'same-description', 'review-distress'] as const;

export const CLUSTER_VIEWS = ['phone', 'combined'] as const;
