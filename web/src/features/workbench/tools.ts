import type { ComponentType, SVGProps } from "react";
import type { SessionId } from "../../../../shared/index.ts";
import { GitPanel } from "../git/git-panel.tsx";
import { TerminalsBar, TerminalsPanel } from "../terminals/terminals-panel.tsx";
import { ChangesPanel } from "./changes-panel.tsx";
import { FilesPanel } from "./files-panel.tsx";
import { ChangesIcon, FilesIcon, GitIcon, TerminalIcon } from "./workbench-icons.tsx";

/** A panel of the workbench: a tab in the side panel (or the bottom panel), a full-screen view on phones. */
export type WorkbenchTool = {
  id: string;
  label: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** The tool; in the desktop's bottom panel `onHide` folds the panel into the tool's `bar`. */
  component: ComponentType<{ sessionId: SessionId; onHide?: () => void }>;
  /** A bottom tool's one-row form while the bottom panel is folded; `onOpen` unfolds it. */
  bar?: ComponentType<{ sessionId: SessionId; onOpen: () => void }>;
  /** Only for sessions in a git repository. */
  needsGit?: boolean;
};

/** The side panel's tools, in tab order. Another feature's panel (e.g. Git) is one more line here. */
export const SIDE_TOOLS: WorkbenchTool[] = [
  { id: "changes", label: "Changes", icon: ChangesIcon, component: ChangesPanel, needsGit: true },
  { id: "files", label: "Files", icon: FilesIcon, component: FilesPanel, needsGit: true },
  { id: "git", label: "Git", icon: GitIcon, component: GitPanel, needsGit: true },
];

/** The bottom panel's tools (e.g. terminals); the bottom panel shows only when there is one. */
export const BOTTOM_TOOLS: WorkbenchTool[] = [{ id: "terminals", label: "Terminals", icon: TerminalIcon, component: TerminalsPanel, bar: TerminalsBar }];

/** The tools a session has: git-only tools are left out for plain folders. */
export function toolsFor(hasGit: boolean): { side: WorkbenchTool[]; bottom: WorkbenchTool[] } {
  const keep = (tool: WorkbenchTool) => hasGit || !tool.needsGit;
  return { side: SIDE_TOOLS.filter(keep), bottom: BOTTOM_TOOLS.filter(keep) };
}
