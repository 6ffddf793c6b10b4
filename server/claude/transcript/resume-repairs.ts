import { BoundedMap } from "../translate-state.ts";

type Entry = Record<string, unknown>;

/** Entry ids remembered (as EntryOrder remembers them), each with whether it was a repair. */
const REMEMBERED = 50_000;

/**
 * Tells the lines a resumed CLI writes to close the turn its earlier run left unfinished (killed while a tool call
 * waited, e.g. by a ChatML restart) from the lines of its own turns. They are written at the first prompt after the
 * resume, stamped then, as children of the earlier run's last line: 2.1.332 writes an interrupted `tool_result` for
 * the earlier call, 2.1.119 a meta "Continue from where you left off."; both then a `<synthetic>` assistant "No
 * response requested." that ends that turn. They belong to the earlier run, whose end was already mirrored.
 *
 * A line is a repair when it continues the earlier run's chain (its parent was never seen by this reader, being in
 * the file from before, or is a repair) and is one of those three shapes; a prompt typed after the resume, or a model's
 * answer, never is. Call {@link isRepair} for every line, in causal order (see EntryOrder).
 */
export class ResumeRepairs {
  private readonly seen = new BoundedMap<string, boolean>(REMEMBERED);

  isRepair(entry: Entry): boolean {
    const parent = typeof entry["parentUuid"] === "string" ? entry["parentUuid"] : null;
    const continuesEarlierRun = parent !== null && this.seen.get(parent) !== false;
    const isRepair = continuesEarlierRun && isRepairShape(entry);
    if (typeof entry["uuid"] === "string") this.seen.set(entry["uuid"], isRepair);
    return isRepair;
  }
}

function isRepairShape(entry: Entry): boolean {
  const message = entry["message"];
  if (!message || typeof message !== "object") return false;
  const { content, model } = message as { content?: unknown; model?: unknown };
  if (entry["type"] === "assistant") return model === "<synthetic>";
  if (entry["type"] !== "user") return false;
  if (entry["isMeta"] === true) return true;
  return Array.isArray(content) && content.length > 0 && content.every((block) => (block as { type?: unknown } | null)?.type === "tool_result");
}
