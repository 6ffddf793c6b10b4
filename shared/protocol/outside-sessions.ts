import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";

/** A Claude Code session found in `~/.claude/projects/<folder>/`, e.g. one the user ran in their own terminal. */
export const OutsideSession = lazySchema(() => z.object({
  /** Claude Code's session id (the transcript's file name), what `--resume` takes. */
  id: z.string(),
  folder: z.string(),
  title: z.string(),
  branch: z.string().nullable(),
  modifiedAt: z.number(),
  sizeBytes: z.number(),
}));
export type OutsideSession = z.infer<typeof OutsideSession>;
