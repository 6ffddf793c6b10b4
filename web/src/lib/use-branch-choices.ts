import { useEffect, useState } from "react";
import type { WorkspaceId } from "../../../shared/index.ts";
import { errorMessage } from "./http.ts";
import { workspacesApi } from "./workspaces-api.ts";

/** A repository's branches: local ones, and those only on origin (as last fetched); `isLoaded` once the list came. */
export type BranchChoices = { local: string[]; originOnly: string[]; error: string | null; isLoaded: boolean };

const NONE: BranchChoices = { local: [], originOnly: [], error: null, isLoaded: false };

/** A repository with no commits yet has no branch at all: no worktree can start from it (the server refuses one). */
export function hasNoBranch(choices: BranchChoices): boolean {
  return choices.isLoaded && choices.error === null && choices.local.length === 0 && choices.originOnly.length === 0;
}

/**
 * Loads the branches a session can start from or on, while `isWanted`; again when `folderState` changes (the
 * workspace was pointed at its new place, or its folder is back).
 */
export function useBranchChoices(workspaceId: WorkspaceId, isWanted: boolean, folderState = ""): BranchChoices {
  const [choices, setChoices] = useState<BranchChoices>(NONE);
  useEffect(() => {
    if (!isWanted) return;
    workspacesApi.branches(workspaceId).then(
      ({ branches, originOnly }) => setChoices({ local: branches, originOnly, error: null, isLoaded: true }),
      (error: unknown) => setChoices({ ...NONE, isLoaded: true, error: `The branches could not be listed (${errorMessage(error)}); the default base is used.` }),
    );
  }, [workspaceId, isWanted, folderState]);
  return choices;
}
