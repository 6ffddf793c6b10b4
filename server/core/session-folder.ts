import { AppError } from "../../shared/protocol/errors.ts";

/** What a session shows, and what work that needs its folder is told, once the folder was deleted outside ChatML. */
export function folderGoneText(path: string): string {
  return `The folder ${path} is gone (deleted outside ChatML). Delete this session to clean up.`;
}

/** The refusal for work that needs the folder `path` when it is gone. */
export function folderGoneError(path: string): AppError {
  return new AppError("conflict", folderGoneText(path));
}
