import { useCallback, useEffect, useState } from "react";
import type { SaveSkillInput, Skill, WorkspaceId } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { skillsApi } from "../../lib/skills-api.ts";

/** The skills of one workspace, with switching and saving; errors are kept for display, nothing is lost. */
export function useSkills(workspaceId: WorkspaceId | null) {
  // Kept per workspace: a list asked for the workspace picked before answers into its own place, never over this one.
  const [lists, setLists] = useState<Record<string, Skill[]>>({});
  const skills = workspaceId ? (lists[workspaceId] ?? null) : null;
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    if (!workspaceId) return;
    skillsApi.list(workspaceId).then(
      (next) => (setLists((all) => ({ ...all, [workspaceId]: next })), setError(null)),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [workspaceId]);
  useEffect(reload, [reload]);
  const setEnabled = async (skill: Skill, isEnabled: boolean) => {
    if (!workspaceId) return;
    setLists((all) => ({ ...all, [workspaceId]: (all[workspaceId] ?? []).map((s) => (s.id === skill.id ? { ...s, isEnabled } : s)) }));
    try {
      await skillsApi.setEnabled(workspaceId, skill.id, isEnabled);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
      reload();
    }
  };
  const save = async (input: SaveSkillInput): Promise<Skill> => {
    const saved = await skillsApi.save(input);
    reload();
    return saved;
  };
  /** Deletes the file; a refusal (e.g. already gone on another device) rejects for the confirmation to show. */
  const remove = async (skill: Skill): Promise<void> => {
    if (!workspaceId) return;
    try {
      await skillsApi.remove(workspaceId, skill.id);
    } finally {
      reload();
    }
  };
  return { skills, error, setEnabled, save, remove, reload };
}

export const SOURCE_LABELS: Record<Skill["source"], string> = {
  builtin: "Built-in",
  "project-command": "Project command",
  "user-command": "Your command",
  "project-skill": "Project skill",
  "user-skill": "Your skill",
};
