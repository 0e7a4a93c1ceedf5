// The extraction engine: pure functions from (adapter, HTML, URL) to links and raw profiles.

export { canonicalUrl } from './url.ts';
export { extractField, applyPattern } from './field.ts';
export { harvestPhones, textPhones, dataAttributePhones, jsonLdPhones } from './phones.ts';
export { phonesFromHref } from './phone-links.ts';
export { extractListing, type ListingLinks } from './listing.ts';
export { extractProfile } from './profile.ts';
export { validateAdapter } from './validate.ts';
export { loadHtml } from './dom.ts';
export { blockText } from './text.ts';
