/**
 * The slice of a generated Prisma client (or of its transaction client) that the shared outbox and
 * inbox code needs. Each service has its own generated client; they all satisfy this.
 */
export interface RawSql {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface TransactionalSql<Tx extends RawSql = RawSql> extends RawSql {
  $transaction<R>(
    fn: (tx: Tx) => Promise<R>,
    options?: { timeout?: number; maxWait?: number },
  ): Promise<R>;
}
