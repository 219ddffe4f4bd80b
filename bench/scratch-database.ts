/** A throwaway database per benchmark run on the local server, and seeding it in plain SQL. */
import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The server benchmarks create their databases on. */
export const BENCH_SERVER_URL =
  process.env.BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  name: string;
  url: string;
  /** A connection to the server's `postgres` database, e.g. to set database options. */
  admin: postgres.Sql;
  /** Drops the database (kept with BENCH_KEEP=1, and said so) and closes `admin`. */
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on the benchmark server. */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    async drop() {
      if (process.env.BENCH_KEEP === "1") console.log(`kept database ${name}`);
      else await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Runs seeding statements on one connection, then refreshes the planner's statistics. */
export async function seedWithSql(url: string, statements: readonly string[]): Promise<void> {
  const seeder = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const statement of statements) await seeder.unsafe(statement);
    await seeder.unsafe("vacuum analyze");
  } finally {
    await seeder.end();
  }
}
