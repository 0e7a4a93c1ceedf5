// The generic reader: reads the pages of a site it has never seen, from page evidence alone
// (URL shapes, repetition, rel, sv/en link words, schema.org, label words, landmarks), and says
// how it read them in the terms of a declarative adapter, for a probe to suggest one.

export { readGenericListing, type GenericListing } from './listing.ts';
export { readGenericProfile, idFromUrl, type GenericProfile } from './profile.ts';
export { fieldSpecOf, type FieldEvidence, type ListingEvidence, type ProfileEvidence } from './evidence.ts';
export { groupLinks, pageLinks, urlShape, looseKey, type LinkGroup, type PageLink } from './link-patterns.ts';
export { findPagination, samePagedListing, type PaginationKind, type PaginationLink } from './pagination.ts';
export { endpointPattern, inferJsonListingSpec, loadMoreEndpoints, revealEndpoints, profileUrlPath } from './json-endpoints.ts';
export { pathSelector, selectorFor } from './selectors.ts';
export { jsonLdBlocks, jsonLdEntities, microdataEntities, itemListUrls, type StructuredEntity } from './structured-data.ts';
export { readLabelPairs, type LabelValue } from './label-pairs.ts';
export { profileScope, scopeSelector, type ProfileScope } from './profile-scope.ts';
