import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";

/**
 * One JSON file of secrets beside the database: mode 0600 (tightened on open if it already existed), written atomically
 * through a 0600 temp file, parsed with `schema`. A missing, unreadable or malformed file reads as `empty()` with one
 * warning, so a damaged file never stops the server; nothing here logs the values.
 */
export class PrivateJsonFile<T> {
  readonly path: string;

  constructor(
    dataDir: string,
    readonly fileName: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
    private readonly whenMalformed: string,
  ) {
    this.path = join(dataDir, fileName);
    if (existsSync(this.path)) chmodSync(this.path, 0o600);
  }

  read(): T {
    if (!existsSync(this.path)) return this.empty();
    try {
      const parsed = this.schema.safeParse(JSON.parse(readFileSync(this.path, "utf8")));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON at all: the same as a file of the wrong shape.
    }
    console.warn(`${this.fileName} is malformed; ${this.whenMalformed}`);
    return this.empty();
  }

  write(value: T): void {
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(value), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
