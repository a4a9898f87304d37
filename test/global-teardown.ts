/** After the tests: drop the template database the global setup created on the server. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { releaseTestDatabases?: () => Promise<void> }).releaseTestDatabases?.();
}
