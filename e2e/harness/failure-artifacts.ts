/**
 * Vitest setup file of the e2e suite: when a test fails, what it said and what the ChatML servers of its file printed
 * are kept in `.artifacts/e2e-failures/<file> -- <test>.txt`. A failure that happens once in many runs can then be read
 * after the fact, whichever reporter the run used (a failure seen only on a terminal that scrolled away is lost).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterEach } from "vitest";
import { REPO_ROOT, startedServers } from "./chatml.ts";

const FAILURES_DIR = join(REPO_ROOT, ".artifacts", "e2e-failures");

afterEach(({ task }) => {
  if (task.result?.state !== "fail") return;
  const errors = (task.result.errors ?? []).map((error) => [error.message, error.diff, error.stack].filter(Boolean).join("\n"));
  const servers = startedServers.map((server) => `--- chatml on port ${server.port} printed ---\n${server.output()}`);
  const file = `${basename(task.file.name)} -- ${task.name}`.replace(/[^\w. -]+/g, "_").slice(0, 180);
  mkdirSync(FAILURES_DIR, { recursive: true });
  writeFileSync(join(FAILURES_DIR, `${file}.txt`), stripVTControlCharacters([`${task.file.name} > ${task.name}`, ...errors, ...servers].join("\n\n")));
});
