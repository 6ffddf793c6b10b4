import type { ContextCategoryKind, ContextUsage } from "../../shared/protocol/context-usage.ts";
import { CliContextUsage } from "./cli-schemas.ts";

/** The control request that asks a CLI how full its context window is. */
export const CONTEXT_USAGE_SUBTYPE = "get_context_usage";

/**
 * The CLI's `get_context_usage` answer → what ChatML shows; null when it does not fit (a build that answers with
 * another shape is treated like one that cannot say).
 */
export function parseContextUsage(response: unknown): ContextUsage | null {
  const parsed = CliContextUsage.safeParse(response);
  if (!parsed.success || parsed.data.maxTokens <= 0) return null;
  const { totalTokens, maxTokens } = parsed.data;
  const categories = (parsed.data.categories ?? [])
    .filter((category) => category.tokens > 0)
    .map((category) => ({ name: category.name, tokens: category.tokens, kind: categoryKind(category) }));
  return {
    totalTokens,
    maxTokens,
    percentage: parsed.data.percentage ?? Math.round((totalTokens / maxTokens) * 100),
    model: parsed.data.model ?? null,
    autoCompactThreshold: parsed.data.isAutoCompactEnabled === false ? null : (parsed.data.autoCompactThreshold ?? null),
    categories,
  };
}

const KINDS: ReadonlySet<string> = new Set(["used", "deferred", "buffer", "free"]);

/** 2.1.330+ names the kind; 2.1.119 does not, so its two reserved shares are known by name. */
function categoryKind(category: { name: string; kind?: string | null; isDeferred?: boolean | null }): ContextCategoryKind {
  if (category.kind && KINDS.has(category.kind)) return category.kind as ContextCategoryKind;
  if (category.isDeferred) return "deferred";
  if (/^free space$/i.test(category.name)) return "free";
  if (/buffer/i.test(category.name)) return "buffer";
  return "used";
}
