import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { AppError } from "../../../shared/protocol/errors.ts";
import { absoluteFolder } from "./workspace-health.ts";

export type FolderEntry = { name: string; path: string; isGitRepo: boolean };
/** `omitted`: sub-folders past the first {@link MAX_ENTRIES}, which are not listed (the picker says so). */
export type FolderListing = { path: string; parent: string | null; entries: FolderEntry[]; omitted: number };

export const MAX_ENTRIES = 500;

/** Lists the sub-folders of a folder on the server, for picking a workspace from any device. Never file contents. */
export function listFolders(path: string | undefined): FolderListing {
  const folder = absoluteFolder(path ?? homedir());
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new AppError("bad_request", `${folder} is not a folder.`);
    names = readdirSync(folder);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", `Cannot read ${folder}.`, { cause: String(error) });
  }
  const folders = names
    .filter((name) => !name.startsWith("."))
    .map((name) => join(folder, name))
    .filter(isReadableDirectory)
    .sort((a, b) => a.localeCompare(b));
  const entries = folders
    .slice(0, MAX_ENTRIES)
    .map((entryPath) => ({ name: entryPath.slice(folder.length).replace(/^\/+/, ""), path: entryPath, isGitRepo: existsSync(join(entryPath, ".git")) }));
  const parent = dirname(folder);
  return { path: folder, parent: parent === folder ? null : parent, entries, omitted: folders.length - entries.length };
}

function isReadableDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // Broken symlinks and folders we may not stat are simply not offered.
    return false;
  }
}
