import { deepFreeze } from "./kept-rows.ts";

/**
 * The last value decoded from each row, kept while the row reads back the same: a send reads its session ~6 times
 * (budgets, checkpoints, snapshots, the send's own checks), and validating a session whose git state lists hundreds of
 * files costs tens of µs each time. A row that differs in any column is decoded (and validated) again, so a value is
 * never served for a row it did not come from. Values are frozen: a shared value must not be changed by one reader
 * under another.
 */
export class DecodedRows<Row extends { id: string }, Value> {
  private readonly memo = new Map<string, { row: Row; value: Value }>();

  constructor(
    private readonly decode: (row: Row) => Value,
    /** Rows kept; the least recently read goes first. */
    private readonly capacity = 256,
  ) {}

  /** The decoded value of `row`, decoding it only when it differs from the last row read under its id. */
  of(row: Row): Value {
    const kept = this.memo.get(row.id);
    if (kept && sameColumns(kept.row, row)) {
      this.memo.delete(row.id);
      this.memo.set(row.id, kept);
      return kept.value;
    }
    const value = deepFreeze(this.decode(row));
    this.memo.delete(row.id);
    this.memo.set(row.id, { row, value });
    if (this.memo.size > this.capacity) this.memo.delete(this.memo.keys().next().value!);
    return value;
  }
}

function sameColumns<Row extends object>(a: Row, b: Row): boolean {
  for (const column in b) if (a[column] !== b[column]) return false;
  return true;
}
