/**
 * The WAL checkpointer's thread (see wal-checkpoints.ts): its own connection to the server's database copies what the
 * write-ahead log holds into the database file, so the file syncs this takes never hold the server's event loop.
 * PASSIVE: it waits for no reader and no writer, and writers go on appending to the log while it copies.
 * Messages in: `{ type: "open", path, intervalMs, idleIntervalMs }`, `{ type: "close" }`.
 * Messages out: `{ type: "pass", log, checkpointed }` after each pass that copied something, `{ type: "failed", message }`,
 * `{ type: "closed" }`.
 */
import { Database } from "bun:sqlite";

declare const self: Worker;

type Open = { type: "open"; path: string; intervalMs: number; idleIntervalMs: number; restartPages: number };
type CheckpointResult = { busy: number; log: number; checkpointed: number };

let connection: Database | null = null;
/** The log's length at the last pass: a pass that finds it unchanged found nothing new to copy. */
let lastLog = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

self.onmessage = (message: MessageEvent<Open | { type: "close" }>) => {
  if (message.data.type === "open") open(message.data);
  else close();
};

function open({ path, intervalMs, idleIntervalMs, restartPages }: Open): void {
  try {
    connection = new Database(path, { readwrite: true, create: false });
    // The server's own writes never wait on this connection (a PASSIVE checkpoint takes no write lock); this waits a
    // moment for the locks it does take, instead of failing a pass.
    connection.run("PRAGMA busy_timeout = 1000");
  } catch (error) {
    postMessage({ type: "failed", message: String(error) });
    return;
  }
  const pass = () => {
    if (!connection) return;
    let copied = false;
    try {
      // `log`: frames in the log (it starts again from 0 once all were copied and a writer came); `checkpointed`: how
      // many of them are in the database file now.
      let result = connection.query<CheckpointResult, []>("PRAGMA wal_checkpoint(PASSIVE)").get();
      // Written without a pause, the log is never all copied (frames come while a pass copies), so it never starts
      // again from its beginning. Past `restartPages`, a RESTART right after the PASSIVE pass holds the server's writers
      // only while it copies the few frames written since, and the next commit starts the log again.
      if (result && result.log >= restartPages) result = connection.query<CheckpointResult, []>("PRAGMA wal_checkpoint(RESTART)").get();
      if (result && result.log > 0 && result.log !== lastLog) {
        copied = true;
        postMessage({ type: "pass", log: result.log, checkpointed: result.checkpointed });
      }
      lastLog = result?.log ?? 0;
    } catch (error) {
      postMessage({ type: "failed", message: String(error) });
    }
    // While the log grows, every interval; once a pass finds nothing new, less often.
    timer = setTimeout(pass, copied ? intervalMs : idleIntervalMs);
  };
  timer = setTimeout(pass, intervalMs);
}

function close(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  connection?.close();
  connection = null;
  postMessage({ type: "closed" });
}
