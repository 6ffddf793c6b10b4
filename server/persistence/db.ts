import { deltaTrace } from "../lib/delta-trace.ts";
import { Database, type Changes, type Statement } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { KeptRows } from "./kept-rows.ts";
import { runMigrations, type Migration } from "./migrate.ts";
import { MIGRATIONS } from "./migrations/index.ts";

/** A value SQLite can bind: what our repositories pass for one `$name` placeholder. */
export type Binding = string | number | bigint | boolean | null | Uint8Array;
/** Named parameters; keys match `$name` placeholders without the `$` (the database runs in strict mode). */
export type Params = Record<string, Binding>;

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;
/**
 * SQLite's page cache per connection, in KiB (its default is 2,000). A burst of streaming writes pages that are not
 * read again (checkpoints appended to parts, events), and a 2 MiB cache kept them resident at the burst's peak; the
 * rows a send reads are kept decoded in memory anyway (ADR 0132). 256 KiB took the burst's peak down by ~4 MiB at
 * the same CPU per commit (ADR 0172); a page it no longer holds is read back from the OS's file cache, which costs a
 * history page read again ~2 ms more.
 */
export const PAGE_CACHE_KIB = 256;

/** One open SQLite database: cached prepared statements, typed helpers and immediate transactions. */
export class Db {
  private readonly statements = new Map<string, Statement>();
  private readonly keepers: RowKeeper[] = [];
  /** Per write statement, what it makes each keeper forget: a row (`id`), all its rows (`all`), or nothing. */
  private readonly forgets = new Map<string, ("id" | "all" | null)[]>();
  /** Per statement read through {@link get} or {@link all}, whether it may write (see {@link writes}). */
  private readonly writesBySql = new Map<string, boolean>();

  constructor(
    private readonly connection: Database,
    readonly path: string,
  ) {}

  /**
   * The raw connection, for tests that tamper with rows. Whoever holds it may write anything, so every kept row is
   * forgotten.
   */
  get sqlite(): Database {
    this.forgetAllKept();
    return this.connection;
  }

  /**
   * Rows of `table` kept decoded in memory and served without SQL until a write may change them: this database
   * forgets them on every write that names `table` (through {@link run}, or read back through {@link get}/{@link all}
   * with `RETURNING`; one row when the write is `UPDATE <table> SET … WHERE id = $id`) or that may delete from
   * `cascadesFrom` (tables whose deletes cascade into `table`), on scripts, and when a transaction fails. Every write
   * must go through this class for this to hold (repositories only write
   * here); see ADR 0132.
   */
  keepRows<Value>(table: string, { cascadesFrom = [], keepsMissing = false }: { cascadesFrom?: readonly string[]; keepsMissing?: boolean } = {}): KeptRows<Value> {
    const rows = new KeptRows<Value>(keepsMissing);
    this.keepers.push({ table, cascadesFrom, rows: rows as KeptRows<unknown> });
    this.forgets.clear();
    return rows;
  }

  /** The row of `table` with this id as kept decoded now, or undefined when none is kept (nothing is read). */
  peekKept<Value>(table: string, id: string): Value | undefined {
    return (this.keepers.find((keeper) => keeper.table === table)?.rows.peek(id) ?? undefined) as Value | undefined;
  }

  /** The cached prepared statement for `sql` (compiled once per connection). */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * First row of a query, or null. `Row` is the caller's promise about column names; values are mapped after. A write
   * read back this way (`… RETURNING`) forgets kept rows as {@link run} does.
   */
  get<Row>(sql: string, params?: Params): Row | null {
    const statement = this.statement(sql);
    try {
      return (params ? statement.get(params) : statement.get()) as Row | null;
    } finally {
      if (this.keepers.length > 0 && this.writes(sql)) this.forgetWritten(sql, params);
    }
  }

  /** All rows of a query; a write read back this way forgets kept rows as {@link run} does. */
  all<Row>(sql: string, params?: Params): Row[] {
    const statement = this.statement(sql);
    try {
      return (params ? statement.all(params) : statement.all()) as Row[];
    } finally {
      if (this.keepers.length > 0 && this.writes(sql)) this.forgetWritten(sql, params);
    }
  }

  /** Runs one write statement. */
  run(sql: string, params?: Params): Changes {
    const statement = this.statement(sql);
    try {
      return params ? statement.run(params) : statement.run();
    } finally {
      if (this.keepers.length > 0) this.forgetWritten(sql, params);
    }
  }

  /**
   * Runs a write to the one row of `table` whose id is `params.id` when the writer knows what it wrote: a row of it
   * kept decoded before the write is kept changed by `change` instead of forgotten, so the next reader is served
   * without a statement and a decode (a send's commit writes only a conversation's status and seq, and a dozen reads
   * follow it; ADR 0212). `change` must do to the value exactly what `sql` does to the row; a write that changes no
   * row, or fails, forgets it as {@link run} does, and a transaction that fails later forgets every kept row.
   */
  runKeeping<Value>(sql: string, params: Params & { id: string }, table: string, change: (kept: Value) => Value): Changes {
    const rows = this.keepers.find((keeper) => keeper.table === table)?.rows as KeptRows<Value> | undefined;
    const kept = rows?.peek(params.id);
    const changes = this.run(sql, params);
    if (rows && kept != null && changes.changes === 1) rows.keep(params.id, change(kept));
    return changes;
  }

  /** Runs a script of several statements (migrations); not cached. */
  exec(sql: string): void {
    try {
      this.connection.run(sql);
    } finally {
      this.forgetAllKept();
    }
  }

  /**
   * Runs `fn` in one `BEGIN IMMEDIATE` transaction (a savepoint when nested): all or nothing, and the write lock is
   * taken up front so two connections cannot both read the same `last_seq`. A transaction that fails rolls back what
   * kept rows may have been read from, so they are forgotten.
   */
  transaction<T>(fn: () => T): T {
    try {
      const commit = () => this.connection.transaction(fn).immediate();
      return deltaTrace ? deltaTrace.time("commit", commit) : commit();
    } catch (error) {
      this.forgetAllKept();
      throw error;
    }
  }

  /** After how many pages of write-ahead log a commit of this connection checkpoints it (wal-checkpoints.ts). */
  walAutocheckpoint(pages: number): void {
    this.connection.run(`PRAGMA wal_autocheckpoint = ${Math.max(0, Math.floor(pages))}`);
  }

  /** Finalizes cached statements and closes the connection. Safe to call twice. */
  close(): void {
    for (const statement of this.statements.values()) statement.finalize();
    this.statements.clear();
    this.forgetAllKept();
    this.connection.close();
  }

  /** Whether `sql` may write: anything but a query (`SELECT` or `WITH`) that names no INSERT, UPDATE or DELETE (`REPLACE` alone starts a statement or follows `OR`, so it is the `replace()` function here). */
  private writes(sql: string): boolean {
    let writes = this.writesBySql.get(sql);
    if (writes === undefined) {
      writes = /\b(INSERT|UPDATE|DELETE)\b/i.test(sql) || !/^\s*(SELECT|WITH)\b/i.test(sql);
      this.writesBySql.set(sql, writes);
    }
    return writes;
  }

  private forgetWritten(sql: string, params: Params | undefined): void {
    let forgets = this.forgets.get(sql);
    if (!forgets) {
      forgets = this.keepers.map((keeper) => forgetsOf(sql, keeper));
      this.forgets.set(sql, forgets);
    }
    for (let i = 0; i < forgets.length; i++) {
      const forget = forgets[i];
      if (forget === "id" && typeof params?.id === "string") this.keepers[i]!.rows.forget(params.id);
      else if (forget !== null) this.keepers[i]!.rows.forgetAll();
    }
  }

  private forgetAllKept(): void {
    for (const keeper of this.keepers) keeper.rows.forgetAll();
  }
}

/** A table whose rows are kept decoded (see {@link Db.keepRows}). */
type RowKeeper = { table: string; cascadesFrom: readonly string[]; rows: KeptRows<unknown> };

/**
 * What a write statement makes a keeper forget. Conservative by design: any mention of the table forgets every row
 * unless the statement is a plain `UPDATE <table> SET … WHERE id = $id`; a parent table forgets every row unless the
 * statement is a plain UPDATE (ids never change, and only deletes cascade; `UPDATE OR REPLACE` may delete).
 */
function forgetsOf(sql: string, { table, cascadesFrom }: RowKeeper): "id" | "all" | null {
  const names = (name: string) => new RegExp(`\\b${name}\\b`, "i").test(sql);
  const isPlainUpdate = (name: string) => new RegExp(`^\\s*UPDATE\\s+${name}\\s+SET\\b`, "i").test(sql);
  if (names(table)) {
    const isOneRow = isPlainUpdate(table) && /\bWHERE\s+id\s*=\s*\$id\s*$/i.test(sql) && !/\bWHERE\b[\s\S]*\bWHERE\b/i.test(sql);
    return isOneRow ? "id" : "all";
  }
  return cascadesFrom.some((parent) => names(parent) && !isPlainUpdate(parent)) ? "all" : null;
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
  sqlite.run(`PRAGMA cache_size = -${PAGE_CACHE_KIB}`);
}

/** Source of "now" in epoch milliseconds; injected so tests control time. */
export type Clock = () => number;
