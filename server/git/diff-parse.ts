import type { ChangedFile } from "../../shared/api/workbench.ts";

/** One record of `git diff --raw -z`: modes, status letter and path(s). */
export type RawEntry = { oldMode: string; newMode: string; status: string; path: string; oldPath: string | null };
/** +/- counts per path from `git diff --numstat -z`; null counts for binary files; `oldPath` for a rename or copy. */
export type NumstatEntry = { path: string; oldPath: string | null; additions: number | null; deletions: number | null };

/**
 * Parses `git diff --raw -z` output. Records are `:oldmode newmode oldsha newsha STATUS\0path\0`, with a second path
 * for renames and copies (`R100\0old\0new\0`).
 */
export function parseRawZ(text: string): RawEntry[] {
  const fields = text.split("\0");
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const head = fields[i];
    if (!head?.startsWith(":")) continue;
    const [oldMode = "", newMode = "", , , status = "M"] = head.slice(1).split(" ");
    const letter = status.charAt(0);
    if (letter === "R" || letter === "C") {
      entries.push({ oldMode, newMode, status: letter, oldPath: fields[i + 1] ?? "", path: fields[i + 2] ?? "" });
      i += 2;
    } else {
      entries.push({ oldMode, newMode, status: letter, oldPath: null, path: fields[i + 1] ?? "" });
      i += 1;
    }
  }
  return entries;
}

/** Parses `git diff --numstat -z`: `add\tdel\tpath\0`, or `add\tdel\t\0old\0new\0` for renames; `-` means binary. */
export function parseNumstatZ(text: string): NumstatEntry[] {
  const fields = text.split("\0");
  const entries: NumstatEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field) continue;
    const [add = "", del = "", ...rest] = field.split("\t");
    let path = rest.join("\t");
    let oldPath: string | null = null;
    if (path === "") {
      oldPath = fields[i + 1] ?? "";
      path = fields[i + 2] ?? "";
      i += 2;
    }
    entries.push({ path, oldPath, additions: add === "-" ? null : Number(add), deletions: del === "-" ? null : Number(del) });
  }
  return entries;
}

/** Index/worktree flags per path from `git status --porcelain=v1 -z --no-renames`. */
export type StatusFlags = { isStaged: boolean; isUnstaged: boolean; isUntracked: boolean };

/** Parses `git status --porcelain=v1 -z --no-renames` into flags per path. */
export function parseStatusZ(text: string): Map<string, StatusFlags> {
  const flags = new Map<string, StatusFlags>();
  for (const entry of text.split("\0")) {
    if (entry.length < 4) continue;
    const x = entry.charAt(0);
    const y = entry.charAt(1);
    const isUntracked = x === "?" && y === "?";
    flags.set(entry.slice(3), { isUntracked, isStaged: !isUntracked && x !== " " && x !== "!", isUnstaged: isUntracked || (y !== " " && y !== "!") });
  }
  return flags;
}

const CHANGE_BY_LETTER: Record<string, ChangedFile["change"]> = {
  A: "added",
  D: "deleted",
  R: "renamed",
  C: "copied",
  T: "type-changed",
};

/** Joins raw records, counts and status flags into the Changes listing. */
export function joinChanges(raw: RawEntry[], counts: NumstatEntry[], flags: Map<string, StatusFlags>): ChangedFile[] {
  const byPath = new Map(counts.map((c) => [c.path, c]));
  return raw.map((entry) => {
    const count = byPath.get(entry.path);
    const flag = flags.get(entry.path) ?? flags.get(entry.oldPath ?? "") ?? { isStaged: false, isUnstaged: false, isUntracked: false };
    const isBinary = count !== undefined && count.additions === null;
    return {
      path: entry.path,
      oldPath: entry.oldPath,
      change: CHANGE_BY_LETTER[entry.status] ?? "modified",
      additions: isBinary ? null : (count?.additions ?? 0),
      deletions: isBinary ? null : (count?.deletions ?? 0),
      isBinary,
      isTooLarge: false,
      oldMode: entry.oldMode === "000000" ? null : entry.oldMode,
      newMode: entry.newMode === "000000" ? null : entry.newMode,
      ...flag,
    };
  });
}
