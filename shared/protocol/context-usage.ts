import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";

/** How a share of the context window counts: in use, loaded on demand, kept free for compaction, or free. */
export const ContextCategoryKind = lazySchema(() => z.enum(["used", "deferred", "buffer", "free"]));
export type ContextCategoryKind = z.infer<typeof ContextCategoryKind>;

/** One share of the context window as the CLI names it (System prompt, System tools, Messages, Free space, …). */
export const ContextCategory = lazySchema(() => z.object({ name: z.string(), tokens: z.number(), kind: ContextCategoryKind }));
export type ContextCategory = z.infer<typeof ContextCategory>;

/** How full the context window is, as the CLI's `get_context_usage` answers after a turn. */
export const ContextUsage = lazySchema(() => z.object({
  totalTokens: z.number(),
  maxTokens: z.number(),
  /** 0–100, as the CLI rounds it. */
  percentage: z.number(),
  model: z.string().nullable(),
  /** When the CLI compacts the conversation on its own (tokens), or null when auto-compact is off or unknown. */
  autoCompactThreshold: z.number().nullable(),
  categories: z.array(ContextCategory),
}));
export type ContextUsage = z.infer<typeof ContextUsage>;
