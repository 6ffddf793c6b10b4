import { Database } from "bun:sqlite";

/** What ran since the last take: statements by SQL (whitespace collapsed), their sum, top-level transactions, CPU ms. */
export type StatementCounts = { statements: number; transactions: number; cpuMs: number; bySql: Record<string, number> };

/** Counts taken from a {@link countStatements} counter. */
export type StatementCounter = { take(): StatementCounts };

let counter: StatementCounter | null = null;

/**
 * Counts every SQLite statement this process runs from now on (prepared statements by their SQL, scripts, and
 * top-level transactions, each a BEGIN and a COMMIT), by wrapping bun:sqlite itself — so a count does not depend on
 * any of ChatML's code, and measures a checkout before a change the same way as after it. Statements prepared before
 * the call are not counted: call it before opening the database. `tracedSql`: a statement whose callers are counted
 * too (as `  ← caller ← caller`, from the sources' stack).
 * @example const counter = countStatements(); …; const { statements } = counter.take();
 */
export function countStatements(tracedSql?: string): StatementCounter {
  if (counter) return counter;
  let bySql = new Map<string, number>();
  let transactions = 0;
  let cpu = process.cpuUsage();
  const note = (sql: string) => {
    bySql.set(sql, (bySql.get(sql) ?? 0) + 1);
    if (tracedSql && sql.includes(tracedSql)) noteCallers(bySql);
  };
  wrapPrepare(note);
  const prototype = Database.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const runScript = prototype.run!;
  prototype.run = function (this: Database, ...args: unknown[]) {
    note(`(script) ${oneLine(args[0])}`);
    return runScript.apply(this, args);
  };
  const transaction = prototype.transaction!;
  prototype.transaction = function (this: Database, ...args: unknown[]) {
    const wrapped = transaction.apply(this, args) as Record<string, (...a: unknown[]) => unknown> & ((...a: unknown[]) => unknown);
    const counted = (run: (...a: unknown[]) => unknown) => (...params: unknown[]) => {
      if (!this.inTransaction) transactions += 1;
      return run(...params);
    };
    const plain = counted(wrapped) as unknown as Record<string, unknown>;
    for (const kind of ["deferred", "immediate", "exclusive"]) plain[kind] = counted(wrapped[kind]!);
    return plain;
  };
  counter = {
    take() {
      const used = process.cpuUsage(cpu);
      const counts: StatementCounts = {
        statements: [...bySql].reduce((sum, [sql, n]) => (sql.startsWith("  ←") ? sum : sum + n), 0),
        transactions,
        cpuMs: Math.round((used.user + used.system) / 100) / 10,
        bySql: Object.fromEntries([...bySql].sort((a, b) => b[1] - a[1])),
      };
      bySql = new Map();
      transactions = 0;
      cpu = process.cpuUsage();
      return counts;
    },
  };
  return counter;
}

function wrapPrepare(note: (sql: string) => void): void {
  const prototype = Database.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["prepare", "query"]) {
    const original = prototype[name]!;
    prototype[name] = function (this: Database, ...args: unknown[]) {
      const statement = original.apply(this, args) as Record<string, unknown>;
      const sql = oneLine(args[0]);
      // A statement's methods are its own properties in bun:sqlite, set when it is made.
      for (const method of ["get", "all", "values", "run", "iterate", "raw"]) {
        const run = statement[method];
        if (typeof run === "function") statement[method] = (...params: unknown[]) => (note(sql), run.apply(statement, params));
      }
      return statement;
    };
  }
}

function noteCallers(bySql: Map<string, number>): void {
  const callers = (new Error().stack ?? "")
    .split("\n")
    .filter((line) => line.includes("/server/") && !line.includes("statement-counter"))
    .slice(1, 5)
    .map((line) => line.replace(/^.*\/server\//, "").replace(/\)$/, ""));
  const key = `  ← ${callers.join(" ← ")}`;
  bySql.set(key, (bySql.get(key) ?? 0) + 1);
}

const oneLine = (sql: unknown) => String(sql).replace(/\s+/g, " ").trim();
