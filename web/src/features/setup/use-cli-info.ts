import { useCallback, useEffect, useState } from "react";
import { api } from "../../lib/api.ts";
import type { CliInfo } from "../../lib/cli-guidance.ts";
import { errorMessage } from "../../lib/http.ts";

type State = { cli: CliInfo | null; error: string | null; isChecking: boolean };

/** The server's CLI facts; `recheck` asks the server to look for the CLI and its sign-in again. */
export function useCliInfo(): State & { recheck: () => void } {
  const [state, setState] = useState<State>({ cli: null, error: null, isChecking: true });

  const apply = useCallback((request: Promise<{ cli: CliInfo }>) => {
    request.then(
      (answer) => setState({ cli: answer.cli, error: null, isChecking: false }),
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
