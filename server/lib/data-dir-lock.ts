import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../shared/protocol/errors.ts";
import { readServerRecord } from "./data-dir.ts";
import { loginLinkCommand, PACKAGE_COMMAND } from "./launch-command.ts";

/** Lock files this process holds (two servers in one process must refuse each other too). */
const held = new Set<string>();

/** A held data-dir lock; `release` removes it (safe to call twice). */
export type DataDirLock = { path: string; release(): void };

/**
 * Makes sure only one server uses a data dir: `chatml.lock` holds the owner's pid. A lock whose process is gone (a
 * crash, a kill -9) is taken over; one held by a live process is refused with a clear message. Without this two
 * schedulers would fire the same jobs.
 */
export function acquireDataDirLock(dataDir: string, command: string = PACKAGE_COMMAND): DataDirLock {
  const path = join(dataDir, "chatml.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeFileSync(fd, JSON.stringify({ pid: process.pid, startedAt: Date.now() }));
      closeSync(fd);
      held.add(path);
      return { path, release: () => release(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(path);
    if (owner !== null && isAlive(owner) && (owner !== process.pid || held.has(path))) {
      throw new AppError("conflict", alreadyRunningMessage(dataDir, owner, command));
    }
    unlinkQuietly(path); // stale: its process is gone
  }
  throw new AppError("conflict", `Could not take the lock ${path}; another server keeps starting on ${dataDir}.`);
}

function release(path: string): void {
  if (!held.delete(path)) return;
  if (readOwner(path) === process.pid) unlinkQuietly(path);
}

function readOwner(path: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(path, "utf8")) as { pid?: unknown }).pid;
    return typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // unreadable or half-written: treat as stale
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/**
 * Running `bunx chatml` again is how most people look for a new sign-in link: say where the running one is and how to
 * get a link for it, before how to start a second one.
 */
function alreadyRunningMessage(dataDir: string, owner: number, command: string): string {
  const url = readServerRecord(dataDir)?.url;
  return (
    `Another ChatML server (pid ${owner}) is already using ${dataDir}${url ? `, at ${url}` : ""}. ` +
    `To sign a browser in to it, run \`${loginLinkCommand(command, dataDir)}\`. ` +
    "To start another server, stop that one first, or give this one another --data-dir."
  );
}
