/** A file in a repo, relative to its root (forward slashes). */
export interface RepoFile {
  readonly path: string;
  readonly size: number;
}

/** What a repo's credential opens to: e.g. `{ username, password }`, `{ token }`, `{ accessKeyId, secretAccessKey }`. */
export type RepoCredential = Readonly<Record<string, string>>;

/**
 * Where a repo's packages live. One implementation per URL scheme (`file`, `http(s)`, `s3`);
 * all report failures with the same `REPO.*` codes: `REPO.URL_INVALID`, `REPO.UNREACHABLE`,
 * `REPO.CREDENTIALS_REJECTED`, `REPO.NOT_FOUND` (the repo itself), `REPO.FILE_NOT_FOUND`,
 * `REPO.READ_ONLY` (a write to a source that cannot be written), and for http(s)
 * `REPO.DESTINATION_REFUSED` / `REPO.REDIRECT_REFUSED` (the outbound fetch policy).
 */
export interface RepoSource {
  /** Whether packages can be uploaded into this repo. */
  readonly writable: boolean;
  /** Checks that the repo exists and the credential (if any) is accepted. */
  check(): Promise<void>;
  /** Every file of the repo; a source that cannot list (plain http) returns undefined. */
  list(): Promise<RepoFile[] | undefined>;
  /** Reads one file, refusing it past `maxBytes`; a missing file is `REPO.FILE_NOT_FOUND`. */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
  /** Writes one file (atomically where the medium allows); `REPO.READ_ONLY` when not writable. */
  write(path: string, bytes: Uint8Array): Promise<void>;
}
