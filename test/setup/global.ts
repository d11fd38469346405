// Placeholder until the store work adds the throw-away PostgreSQL server (see src/store).
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
