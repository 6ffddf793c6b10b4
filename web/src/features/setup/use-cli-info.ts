import { useCallback, useEffect, useState } from "react";
import { api } from "../../lib/api.ts";
import type { CliInfo } from "../../lib/cli-guidance.ts";
import { errorMessage } from "../../lib/http.ts";

/** `claudeBin`: the Claude Code path set in Settings (null: found automatically), which decides what a missing CLI means. */
type State = { cli: CliInfo | null; claudeBin: string | null; error: string | null; isChecking: boolean };

/** The server's CLI facts; `recheck` asks the server to look for the CLI and its sign-in again. */
export function useCliInfo(): State & { recheck: () => void } {
  const [state, setState] = useState<State>({ cli: null, claudeBin: null, error: null, isChecking: true });

  // A recheck answers the CLI alone: the setting read with the first answer stays.
  const apply = useCallback((request: Promise<{ cli: CliInfo; settings?: { claudeBin: string | null } }>) => {
    request.then(
      (answer) => setState((s) => ({ cli: answer.cli, claudeBin: answer.settings ? answer.settings.claudeBin : s.claudeBin, error: null, isChecking: false })),
      (e: unknown) => setState((s) => ({ ...s, error: errorMessage(e), isChecking: false })),
    );
  }, []);

  useEffect(() => apply(api.info()), [apply]);
  const recheck = useCallback(() => {
    setState((s) => ({ ...s, isChecking: true }));
    apply(api.checkCli());
  }, [apply]);
  return { ...state, recheck };
}
