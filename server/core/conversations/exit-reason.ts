import type { CliExitInfo } from "../../claude/contracts.ts";

/** A short human reason for a CLI exit, shown next to the "exited" status. */
export function exitReason(info: CliExitInfo, isExpected: boolean): string {
  if (isExpected) return "Stopped";
  if (info.signal) return `Claude Code was killed (${info.signal})`;
  const lastLine = info.stderrTail.trim().split("\n").filter(Boolean).at(-1);
  const detail = lastLine ? `: ${lastLine.slice(0, 300)}` : "";
  if (info.code === 0) return `Claude Code ended${detail}`;
  return `Claude Code exited with code ${info.code ?? "unknown"}${detail}`;
}
