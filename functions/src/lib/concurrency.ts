/**
 * Runs `action` on every item, at most `limit` at a time, and resolves when all are done; rejects with
 * the first failure (the actions already started finish, none after it starts). For independent
 * single-item writes that need not wait for each other (DynamoDB has no batch update).
 */
export async function forEachConcurrently<Item>(
  items: readonly Item[],
  limit: number,
  action: (item: Item) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next]!;
      next += 1;
      try {
        await action(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
