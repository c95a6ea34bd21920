/**
 * A column that holds sealed secrets (`SealedSecret` JSON), each sealed with its row's id as the
 * context, and optionally a column that mirrors the seal's key id for listing.
 */
export interface SealedColumn {
  /** The kind reported by `rotateKeys`. */
  readonly kind: string;
  readonly table: string;
  readonly idColumn: string;
  readonly sealedColumn: string;
  readonly keyIdColumn?: string;
}

/**
 * Every place Pitrix stores a sealed secret. A new sealed column belongs here, or `rotateKeys`
 * leaves it under an old key (and dropping that key makes it unreadable). Account tokens and
 * passwords are hashed, not sealed, so they are not listed.
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { kind: 'runtime-credential', table: 'runtime.credentials', idColumn: 'id', sealedColumn: 'sealed', keyIdColumn: 'key_id' },
  { kind: 'repo-credential', table: 'catalog.repos', idColumn: 'id', sealedColumn: 'credential_sealed', keyIdColumn: 'credential_key_id' },
  { kind: 'job-spec', table: 'cluster.job_specs', idColumn: 'job_id', sealedColumn: 'sealed' },
];
