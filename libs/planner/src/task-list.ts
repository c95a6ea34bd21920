import type { Task, TaskSpec } from '@pitrix/cluster-model';

/** Options of one task beyond its id, spec, dependencies and title. */
export interface TaskOptions {
  readonly failureAllowed?: boolean;
}

/**
 * The tasks of a plan being built, in the order they were added. Ids are chosen by the
 * operations (readable and deterministic); numbered ids (`writeMetadata/2`) come from here.
 */
export class TaskList {
  private readonly tasks: Task[] = [];
  private readonly counters = new Map<string, number>();

  /** Adds a task depending on `after` (duplicates removed, order kept) and returns its id. */
  add(id: string, spec: TaskSpec, after: readonly string[], title: string, options: TaskOptions = {}): string {
    const task: Task = { id, spec, dependsOn: [...new Set(after)], title };
    this.tasks.push(options.failureAllowed ? { ...task, failureAllowed: true } : task);
    return id;
  }

  /** The next id of a numbered series: `prefix/1`, `prefix/2`, ... */
  numbered(prefix: string): string {
    const next = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, next);
    return `${prefix}/${next}`;
  }

  /** The tasks added so far. */
  list(): Task[] {
    return [...this.tasks];
  }
}

/** What the next step waits for: the tasks a step added, or, when it added none, what that step waited for. */
export function advance(after: readonly string[], added: readonly string[]): readonly string[] {
  return added.length > 0 ? added : after;
}
