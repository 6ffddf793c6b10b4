import type { EffortLevel } from "../../../shared/index.ts";

/** The CLI's effort levels (`--effort`), as pickers name them; a plain list so the first load needs no schema (ADR 0250). */
export const EFFORT_CHOICES: readonly { value: EffortLevel; label: string }[] = [
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
  { value: "xhigh", label: "Extra high" },
  { value: "max", label: "Max" },
];

/** What a higher level costs, said once for every picker. */
export const EFFORT_HINT = "How hard Claude thinks before it answers: higher is slower and uses more tokens.";

/** A level as a status line says it: "High effort". */
export function effortName(level: EffortLevel): string {
  return `${EFFORT_CHOICES.find((choice) => choice.value === level)?.label ?? level} effort`;
}
