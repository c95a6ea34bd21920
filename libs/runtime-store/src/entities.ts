import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SealedSecret } from '@pitrix/secrets';

/** A runtime credential. The secret is sealed (envelope encryption); only its field names are readable. */
@Entity({ schema: 'runtime', name: 'credentials' })
export class CredentialEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text', nullable: true })
  endpoint!: string | null;

  @Column({ type: 'jsonb' })
  sealed!: SealedSecret;

  @Column({ type: 'text', name: 'key_id' })
  keyId!: string;

  @Column({ type: 'text', array: true, name: 'secret_fields' })
  secretFields!: string[];

  @Column({ type: 'text' })
  owner!: string;

  @Column({ type: 'text', name: 'owner_path' })
  ownerPath!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}

/** A place to deploy: a provider, a zone, a credential, labels and provider options. */
@Entity({ schema: 'runtime', name: 'runtimes' })
export class RuntimeEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  zone!: string;

  @Column({ type: 'text', name: 'credential_id', nullable: true })
  credentialId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  labels!: Record<string, string>;

  @Column({ type: 'jsonb', default: {} })
  options!: Record<string, unknown>;

  @Column({ type: 'text' })
  owner!: string;

  @Column({ type: 'text', name: 'owner_path' })
  ownerPath!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
