import type { ChartMetadata, PackageKind } from '@pitrix/package';
import type { SealedSecret } from '@pitrix/secrets';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AppStatus, VersionStatus } from './status-machine.js';

/** Whether a repo's versions are reviewed and listed to everyone (public) or only to its owner. */
export type RepoVisibility = 'public' | 'private';

/** Status new versions get when a repo is indexed. */
export type AppDefaultStatus = 'draft' | 'active';

/** A package repository. The credential is sealed (envelope encryption); only its field names are readable. */
@Entity({ schema: 'catalog', name: 'repos' })
export class RepoEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text' }) visibility!: RepoVisibility;
  @Column({ type: 'text', array: true, default: [] }) providers!: string[];
  @Column({ type: 'jsonb', default: {} }) labels!: Record<string, string>;
  @Column({ type: 'jsonb', default: {} }) selectors!: Record<string, string[]>;
  @Column({ type: 'text', name: 'app_default_status' }) appDefaultStatus!: AppDefaultStatus;
  @Column({ type: 'text', array: true, default: [] }) categories!: string[];
  @Column({ type: 'jsonb', name: 'credential_sealed', nullable: true, select: false }) credentialSealed!: SealedSecret | null;
  @Column({ type: 'text', name: 'credential_key_id', nullable: true }) credentialKeyId!: string | null;
  @Column({ type: 'text', array: true, name: 'credential_fields', default: [] }) credentialFields!: string[];
  @Column({ type: 'integer', name: 'index_interval_seconds' }) indexIntervalSeconds!: number;
  @Column({ type: 'text', default: 'active' }) status!: string;
  @Column({ type: 'timestamptz', name: 'last_indexed_at', nullable: true }) lastIndexedAt!: Date | null;
  /** sha256 of the index.yaml the last complete run applied: the same index again means nothing to do. */
  @Column({ type: 'text', name: 'index_digest', nullable: true }) indexDigest!: string | null;
  @Column({ type: 'text' }) owner!: string;
  @Column({ type: 'text', name: 'owner_path' }) ownerPath!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

/** Status of one index run. */
export type RepoEventStatus = 'pending' | 'working' | 'successful' | 'failed';

/** Why a run was started. */
export type RepoEventTrigger = 'create' | 'update' | 'manual' | 'schedule';

/** A package the indexer could not take, with its reason; the rest of the run still applies. */
export interface IndexFailure {
  readonly name: string;
  readonly version: string;
  readonly path: string;
  readonly code: string;
  readonly reason: string;
}

/** One index run of a repo. */
@Entity({ schema: 'catalog', name: 'repo_events' })
export class RepoEventEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text', name: 'repo_id' }) repoId!: string;
  @Column({ type: 'text' }) trigger!: RepoEventTrigger;
  @Column({ type: 'text' }) status!: RepoEventStatus;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'integer', default: 0 }) added!: number;
  @Column({ type: 'integer', default: 0 }) updated!: number;
  @Column({ type: 'integer', default: 0 }) removed!: number;
  @Column({ type: 'integer', default: 0 }) unchanged!: number;
  @Column({ type: 'jsonb', default: [] }) failures!: IndexFailure[];
  @Column({ type: 'text', name: 'workflow_id', nullable: true }) workflowId!: string | null;
  @Column({ type: 'text' }) owner!: string;
  @Column({ type: 'text', name: 'owner_path' }) ownerPath!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}

/** A maintainer as a package lists it. */
export interface Maintainer {
  readonly name?: string;
  readonly email?: string;
  readonly url?: string;
}

/** An application: every version of one package name in one repo. Metadata comes from its newest version. */
@Entity({ schema: 'catalog', name: 'apps' })
export class AppEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text', name: 'repo_id' }) repoId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text', nullable: true }) home!: string | null;
  @Column({ type: 'text', nullable: true }) icon!: string | null;
  @Column({ type: 'text', array: true, default: [] }) keywords!: string[];
  @Column({ type: 'jsonb', default: [] }) maintainers!: Maintainer[];
  @Column({ type: 'text', array: true, default: [] }) sources!: string[];
  @Column({ type: 'text', name: 'latest_version', nullable: true }) latestVersion!: string | null;
  @Column({ type: 'text' }) status!: AppStatus;
  @Column({ type: 'text', array: true, default: [] }) categories!: string[];
  @Column({ type: 'text' }) owner!: string;
  @Column({ type: 'text', name: 'owner_path' }) ownerPath!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

/** What a version's package.json (or a chart's Chart.yaml) says about its app. */
export interface VersionMetadata {
  readonly description?: string;
  readonly home?: string;
  readonly icon?: string;
  readonly keywords?: string[];
  readonly maintainers?: Maintainer[];
  readonly sources?: string[];
  /** A Helm chart's Chart.yaml fields (apiVersion, name, version, appVersion, kubeVersion, type...). */
  readonly chart?: ChartMetadata;
}

/** What a version's archive is: a Pitrix package or a Helm chart. */
export type VersionKind = PackageKind;

/** Where a version came from: the repo's index (or listing), or an upload through the API. */
export type VersionSource = 'index' | 'upload';

/** One version of an app: one package archive, stored with its digest. */
@Entity({ schema: 'catalog', name: 'app_versions' })
export class AppVersionEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text', name: 'app_id' }) appId!: string;
  @Column({ type: 'text', name: 'repo_id' }) repoId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) version!: string;
  @Column({ type: 'text', name: 'app_version', nullable: true }) appVersion!: string | null;
  /** `pitrix` (a Pitrix package, deployed on machine runtimes) or `helm` (a chart, deployed on kubernetes runtimes). */
  @Column({ type: 'text', default: 'pitrix' }) kind!: VersionKind;
  @Column({ type: 'text', default: '' }) description!: string;
  /** The package.json fields the app takes when this is its newest version. */
  @Column({ type: 'jsonb', default: {} }) metadata!: VersionMetadata;
  @Column({ type: 'text', name: 'package_path' }) packagePath!: string;
  @Column({ type: 'text' }) digest!: string;
  @Column({ type: 'integer' }) size!: number;
  /** The archive itself: read only when a caller needs the files. */
  @Column({ type: 'bytea', name: 'package_bytes', select: false }) packageBytes!: Buffer;
  @Column({ type: 'text' }) status!: VersionStatus;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ type: 'integer', name: 'deployment_count', default: 0 }) deploymentCount!: number;
  @Column({ type: 'text' }) source!: VersionSource;
  @Column({ type: 'text' }) owner!: string;
  @Column({ type: 'text', name: 'owner_path' }) ownerPath!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', name: 'status_time' }) statusTime!: Date;
}

/** One transition of a version: who, as which role, when, from, to, and why. */
@Entity({ schema: 'catalog', name: 'version_audits' })
export class VersionAuditEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text', name: 'version_id' }) versionId!: string;
  @Column({ type: 'text', name: 'app_id' }) appId!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ type: 'text', name: 'from_status', nullable: true }) fromStatus!: VersionStatus | null;
  @Column({ type: 'text', name: 'to_status' }) toStatus!: VersionStatus;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** A category apps and repos are filed under. */
@Entity({ schema: 'catalog', name: 'categories' })
export class CategoryEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text' }) owner!: string;
  @Column({ type: 'text', name: 'owner_path' }) ownerPath!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}
