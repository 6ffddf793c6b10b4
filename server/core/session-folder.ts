import { existsSync } from "node:fs";
import { AppError } from "../../shared/protocol/errors.ts";

/** What a session shows, and what work that needs its folder is told, once the folder was deleted outside ChatML. */
export function folderGoneText(path: string): string {
  return `The folder ${path} is gone (deleted outside ChatML). Delete this session to clean up.`;
}

/** Refuses work that needs the folder `path` when it is gone (a conflict that says so and how to clean up). */
export function requireFolder(path: string): void {
  if (!existsSync(path)) throw new AppError("conflict", folderGoneText(path));
}
