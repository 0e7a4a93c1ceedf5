// The extraction engine: pure functions from (adapter, page text, URL) to links and raw profiles.

export { canonicalUrl } from './url.ts';
export { extractField, applyPattern } from './field.ts';
export { harvestPhones, textPhones, dataAttributePhones, jsonLdPhones, revealedPhones } from './phones.ts';
export { phonesFromHref } from './phone-links.ts';
export { extractListing, attributeUrls, type ListingLinks } from './listing.ts';
export { extractJsonListing, readJsonPath, parseJsonPath, parseJsonText, JsonReadError, MAX_JSON_ITEMS, type JsonListing, type JsonListingOptions } from './json-listing.ts';
export { extractProfile, readProfilePage, revealUrls, type ProfilePage } from './profile.ts';
export { validateAdapter } from './validate.ts';
export { loadHtml } from './dom.ts';
export { blockText } from './text.ts';
