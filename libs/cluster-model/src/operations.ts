/** Vertical size of a role after a resize. */
export interface RoleSize {
  readonly role: string;
  readonly cpu?: number;
  readonly memoryMiB?: number;
  readonly volumeSizeGiB?: number;
}

/**
 * One operation on a cluster: what a job does. The blueprint it works from (the rendered
 * package, or for `upgrade` and `updateEnv` the new one) travels next to it in the job spec.
 */
export type Operation =
  | { readonly action: 'create'; readonly atomic: boolean }
  | { readonly action: 'start' }
  | { readonly action: 'stop' }
  | { readonly action: 'restart' }
  /** Soft delete: `destroy` hooks (a non-zero exit vetoes unless `force`), services and instances stopped, data kept. */
  | { readonly action: 'delete'; readonly force: boolean }
  /** Final: instances terminated, volumes and metadata deleted. */
  | { readonly action: 'cease' }
  /** Back from `deleted`: instances started, metadata registered, services started. */
  | { readonly action: 'recover' }
  /**
   * Rolling, per role: `canary` nodes first, then at most `maxInFlight` at a time, each batch
   * gated on its nodes' health checks. `atomic`: a failed upgrade rolls back by itself (absent in
   * jobs recorded before it existed: false).
   */
  | { readonly action: 'upgrade'; readonly targetVersionId: string; readonly canary: number; readonly maxInFlight: number; readonly atomic?: boolean }
  /** Undo what a failed job completed, in reverse order. */
  | { readonly action: 'rollback'; readonly jobId: string }
  | { readonly action: 'addNodes'; readonly role: string; readonly count: number }
  | { readonly action: 'deleteNodes'; readonly nodeIds: readonly string[]; readonly force: boolean }
  | { readonly action: 'resize'; readonly roles: readonly RoleSize[] }
  /** Re-render with new values and rewrite metadata (config templates reload on the nodes). */
  | { readonly action: 'updateEnv' }
  | { readonly action: 'runAction'; readonly name: string; readonly params: Readonly<Record<string, unknown>> }
  | { readonly action: 'backup'; readonly snapshotId: string }
  | { readonly action: 'restore'; readonly snapshotId: string }
  /** Deletes a backup: the `delete_snapshot` hooks with `{ snapshotId }`. */
  | { readonly action: 'deleteSnapshot'; readonly snapshotId: string }
  /**
   * Replaces the instances of nodes that are down (gone, silent past the grace period, or
   * unhealthy after their own action): the same node ids and server ids on new instances, their
   * kept volumes attached again, metadata written, init and start run. Started by the resurrector.
   */
  | { readonly action: 'heal'; readonly nodeIds: readonly string[]; readonly reason: string };

/** The name of an operation. */
export type Action = Operation['action'];

/** Every action, in a stable order (for validation and display). */
export const ACTIONS: readonly Action[] = [
  'create',
  'start',
  'stop',
  'restart',
  'delete',
  'cease',
  'recover',
  'upgrade',
  'rollback',
  'addNodes',
  'deleteNodes',
  'resize',
  'updateEnv',
  'runAction',
  'backup',
  'restore',
  'deleteSnapshot',
  'heal',
];
