import type { MixedList } from 'typeorm';

/** One module's PostgreSQL schema: its name, entity classes and migrations (oldest first). */
export interface SchemaModule {
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes entity classes
  readonly entities: readonly Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes migration classes
  readonly migrations: readonly Function[];
}

/** Flattens modules into what a DataSource takes. */
export function collect(modules: readonly SchemaModule[]): {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
} {
  return {
    entities: modules.flatMap((m) => m.entities),
    migrations: modules.flatMap((m) => m.migrations),
  };
}
