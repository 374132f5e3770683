export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as Record<string, unknown>).__LINLI_STOP__ as (() => Promise<void>) | undefined;
  await stop?.();
}
