import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { listFolders, MAX_ENTRIES } from "./folder-browser.ts";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it("lists the first folders of a crowded one and says how many more it left out (files and hidden folders are not counted)", () => {
  const root = mkdtempSync(join(tmpdir(), "chatml-folder-browser-"));
  made.push(root);
  for (let i = 0; i < MAX_ENTRIES + 3; i++) mkdirSync(join(root, `project-${String(i).padStart(4, "0")}`));
  mkdirSync(join(root, ".cache"));
  writeFileSync(join(root, "notes.txt"), "not a folder");

  const listing = listFolders(root);
  expect(listing.entries).toHaveLength(MAX_ENTRIES);
  expect(listing.entries[0]?.name).toBe("project-0000");
  expect(listing.omitted).toBe(3);
  expect(listFolders(join(root, "project-0000")).omitted).toBe(0);
});
