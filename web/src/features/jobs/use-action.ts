import { useCallback, useState } from "react";
import { errorMessage } from "../../lib/http.ts";

/** One button's async command: busy while it runs, its error kept to show. */
export function useAction() {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (command: () => Promise<unknown>) => {
    setIsBusy(true);
    setError(null);
    try {
      await command();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setIsBusy(false);
    }
  }, []);
  return { isBusy, error, run };
}
