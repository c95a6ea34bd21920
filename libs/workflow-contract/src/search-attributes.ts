import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes every Pitrix job sets, so the Temporal UI finds jobs by cluster, app or runtime. */
export const SearchAttributes = {
  clusterId: defineSearchAttributeKey('PitrixClusterId', SearchAttributeType.KEYWORD),
  appId: defineSearchAttributeKey('PitrixAppId', SearchAttributeType.KEYWORD),
  runtimeId: defineSearchAttributeKey('PitrixRuntimeId', SearchAttributeType.KEYWORD),
  repoId: defineSearchAttributeKey('PitrixRepoId', SearchAttributeType.KEYWORD),
  action: defineSearchAttributeKey('PitrixAction', SearchAttributeType.KEYWORD),
  jobStatus: defineSearchAttributeKey('PitrixJobStatus', SearchAttributeType.KEYWORD),
  owner: defineSearchAttributeKey('PitrixOwner', SearchAttributeType.KEYWORD),
  jobId: defineSearchAttributeKey('PitrixJobId', SearchAttributeType.KEYWORD),
} as const;

/** The same attributes as `name=Type` pairs, for registering them on a server. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: ReadonlyArray<{ name: string; type: 'Keyword' }> = Object.values(
  SearchAttributes,
).map((key) => ({ name: key.name, type: 'Keyword' as const }));
