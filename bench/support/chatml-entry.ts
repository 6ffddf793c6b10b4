import { existsSync } from "node:fs";
import { join } from "node:path";
import type * as BundleModule from "../../bin/bundle.ts";

/**
 * What `bin/chatml.ts` of the checkout at `root` runs with this environment: its prebuilt bundle or its sources
 * (ADR 0042). A checkout from before the bundle has no bin/bundle.ts and always runs its sources.
 */
export async function chatmlEntry(root: string, env: Record<string, string | undefined> = process.env): Promise<"bundle" | "sources"> {
  const path = join(root, "bin", "bundle.ts");
  if (!existsSync(path)) return "sources";
  const { chooseEntry } = (await import(path)) as typeof BundleModule;
  return chooseEntry(root, env).kind;
}

/**
 * Whether `root` starts as a checkout does (a `.git` beside `bin/`): it compares its bundle with its ~500 inputs before
 * importing it, ~4–5 ms of CPU a `git archive` or an installed package does not spend (bench/startup-steps.ts).
 */
export function isCheckout(root: string): boolean {
  return existsSync(join(root, ".git"));
}
