import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Owner-only modes for the data dir: it holds the database, the token and the VAPID keys. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Makes the data dir and everything directly in it private to this user, on every start: the dir and its folders
 * (`workspaces/`) 0700, its files (database, -wal, -shm, token, keys) 0600 (0700 if executable). A dir made by an
 * older version, or a database file another tool created 0644, is tightened too. Symlinks are left alone.
 */
export function securePrivateDir(dataDir: string, subdirs: string[] = ["workspaces"]): void {
  try {
    tightenPrivateDir(dataDir, subdirs);
  } catch (error) {
    throw new Error(unusableDataDirMessage(dataDir, error), { cause: error });
  }
}

/**
 * What to do about a data dir ChatML cannot make or tighten, instead of the bare errno (`EEXIST: file already exists,
 * mkdir …` said nothing of --data-dir). Nothing in the dir has been touched when this is thrown at start.
 */
function unusableDataDirMessage(dataDir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "EEXIST" || code === "ENOTDIR") {
    return `the data dir ${dataDir} is a file, not a folder (${detail}). Pass --data-dir (or set CHATML_HOME) with a folder; ChatML creates it when it is missing.`;
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return `ChatML cannot write its data dir ${dataDir} (${detail}). It must be a folder you own and can write: fix its owner or permissions, or pass --data-dir (or set CHATML_HOME) with another one.`;
  }
  return `ChatML cannot use its data dir ${dataDir} (${detail}). Pass --data-dir (or set CHATML_HOME) with a folder you own and can write.`;
}

function tightenPrivateDir(dataDir: string, subdirs: string[]): void {
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  chmodSync(dataDir, DIR_MODE);
  for (const name of subdirs) mkdirSync(join(dataDir, name), { recursive: true, mode: DIR_MODE });
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    // An executable file keeps its owner's x bit (0700); nothing keeps group or other bits.
    const wanted = stat.isDirectory() ? DIR_MODE : FILE_MODE | (stat.mode & 0o100);
    if ((stat.mode & 0o777) !== wanted) chmodSync(path, wanted);
  }
}

/** Where a running server says how to reach it, for `chatml login-link` (0600, in the data dir). */
export type ServerRecord = { url: string; pid: number };

const RECORD_FILE = "server.json";

export function writeServerRecord(dataDir: string, record: ServerRecord): void {
  const path = join(dataDir, RECORD_FILE);
  writeFileSync(path, `${JSON.stringify(record)}\n`, { mode: FILE_MODE });
  chmodSync(path, FILE_MODE);
}

/** The record of the server running on this data dir, or null when there is none (never started, or stopped). */
export function readServerRecord(dataDir: string): ServerRecord | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, RECORD_FILE), "utf8")) as Partial<ServerRecord>;
    return typeof parsed.url === "string" && typeof parsed.pid === "number" ? { url: parsed.url, pid: parsed.pid } : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** Removes the record when it is still ours (a newer server on the same dir may have replaced it). */
export function removeServerRecord(dataDir: string, pid: number): void {
  if (readServerRecord(dataDir)?.pid === pid) rmSync(join(dataDir, RECORD_FILE), { force: true });
}
