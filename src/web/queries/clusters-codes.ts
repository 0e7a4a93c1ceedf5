// The values the cluster filters accept, from where the rest of Kartla keeps them: the police
// regions of the gazetteer and the indicator codes of src/indicators (docs/indicators.md).

import { gazetteer } from '../../normalise/gazetteer.ts';

export { INDICATOR_CODES } from '../../indicators/types.ts';

export const POLICE_REGIONS: readonly string[] = gazetteer().policeRegions();

export const CLUSTER_VIEWS = ['phone', 'combined'] as const;
