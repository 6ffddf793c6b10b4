import { Database, type Changes, type Statement } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { runMigrations, type Migration } from "./migrate.ts";
import { MIGRATIONS } from "./migrations/index.ts";

/** A value SQLite can bind: what our repositories pass for one `$name` placeholder. */
export type Binding = string | number | bigint | boolean | null | Uint8Array;
/** Named parameters; keys match `$name` placeholders without the `$` (the database runs in strict mode). */
export type Params = Record<string, Binding>;

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** One open SQLite database: cached prepared statements, typed helpers and immediate transactions. */
export class Db {
  private readonly statements = new Map<string, Statement>();

  constructor(
    /** The raw connection; repositories use the helpers below, tests may use it to tamper with rows. */
    readonly sqlite: Database,
    readonly path: string,
  ) {}

  /** The cached prepared statement for `sql` (compiled once per connection). */
  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** First row of a query, or null. `Row` is the caller's promise about column names; values are mapped after. */
  get<Row>(sql: string, params?: Params): Row | null {
    const statement = this.statement(sql);
    return (params ? statement.get(params) : statement.get()) as Row | null;
  }

  /** All rows of a query. */
  all<Row>(sql: string, params?: Params): Row[] {
    const statement = this.statement(sql);
    return (params ? statement.all(params) : statement.all()) as Row[];
  }

  /** Runs one write statement. */
  run(sql: string, params?: Params): Changes {
    const statement = this.statement(sql);
    return params ? statement.run(params) : statement.run();
  }

  /** Runs a script of several statements (migrations); not cached. */
  exec(sql: string): void {
    this.sqlite.run(sql);
  }

  /**
   * Runs `fn` in one `BEGIN IMMEDIATE` transaction (a savepoint when nested): all or nothing, and the write lock is
   * taken up front so two connections cannot both read the same `last_seq`.
   */
  transaction<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
  }

  /** Finalizes cached statements and closes the connection. Safe to call twice. */
  close(): void {
    for (const statement of this.statements.values()) statement.finalize();
    this.statements.clear();
    this.sqlite.close();
  }
}

/** Options of {@link openDatabase}; tests pass their own migrations. */
export type OpenOptions = { migrations?: readonly Migration[] };

/**
 * Opens (creating if needed) the database at `path`, or an in-memory one for `":memory:"`, and migrates it.
 * @example const db = openDatabase(join(dataDir, "chatml.db"));
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const isMemory = path === ":memory:";
  if (!isMemory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { create: true, strict: true });
  try {
    configure(sqlite, isMemory);
    const db = new Db(sqlite, path);
    runMigrations(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function configure(sqlite: Database, isMemory: boolean): void {
  sqlite.run(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!isMemory) sqlite.run("PRAGMA journal_mode = WAL");
  sqlite.run("PRAGMA synchronous = NORMAL");
  sqlite.run("PRAGMA foreign_keys = ON");
}

/** Source of "now" in epoch milliseconds; injected so tests control time. */
export type Clock = () => number;
