import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { RecordedRequest } from "../fake-api/types.ts";

/** One transcript line, the format of /work/shared/protocol/transcripts: `{dir, t, msg}`. */
export interface TranscriptEntry {
  dir: "host->cli" | "cli->host" | "api" | "stderr" | "note" | "exit";
  /** Milliseconds since the process was spawned. */
  t: number;
  msg: unknown;
}

/** Collects transcript lines of one CLI run. */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  readonly startedAt = Date.now();

  /** Appends a line stamped with the time since start. */
  add(dir: TranscriptEntry["dir"], msg: unknown): void {
    this.entries.push({ dir, t: Date.now() - this.startedAt, msg });
  }

  /** Adds compact `api` lines for the fake-API requests made during this run, in time order. */
  addApiRequests(requests: RecordedRequest[]): void {
    for (const r of requests.filter((x) => x.at >= this.startedAt)) {
      const msg = { method: r.method, path: r.path, script: r.script, step: r.step, stream: r.stream, reply: r.reply, status: r.status };
      this.entries.push({ dir: "api", t: r.at - this.startedAt, msg });
    }
    this.entries.sort((a, b) => a.t - b.t);
  }

  /** Writes the transcript as NDJSON. */
  write(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, this.entries.map((e) => JSON.stringify(e)).join("\n") + "\n");
  }
}
