import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One run of the walking-skeleton workflow, written by its activity (idempotent per run id). */
@Entity({ schema: 'system', name: 'skeleton_runs' })
export class SkeletonRunEntity {
  @PrimaryColumn({ type: 'text', name: 'run_id' })
  runId!: string;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'int', name: 'attempt' })
  attempt!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
