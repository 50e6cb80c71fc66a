import { PGlite } from '@electric-sql/pglite';

/** Which engine a drizzle handle (the outer one) talks to. */
export function handleKind(db: object): 'pglite' | 'postgres' {
  return (db as { $client?: unknown }).$client instanceof PGlite ? 'pglite' : 'postgres';
}
