import { useEffect, useState } from "react";
import type { LinearConnection } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { linearApi } from "./linear-api.ts";
import { useLinearConnection } from "./use-linear-connection.ts";

const FIELD = "w-full min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Connect Linear with a personal API key, see the account, move issues along with sessions, disconnect. */
export function LinearConnectionCard() {
  const connection = useLinearConnection();
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => {
    linearApi.connection().then(({ connection: c }) => useLinearStore.getState().setConnection(c), (e: unknown) => setError(errorMessage(e)));
  }, []);
  const run = (action: () => Promise<{ connection: LinearConnection }>) => {
    setBusy(true);
    setError(null);
    action()
      .then(({ connection: c }) => (useLinearStore.getState().setConnection(c), setApiKey("")), (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <section aria-label="Linear" className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="text-sm font-semibold">Linear</h2>
      {connection?.isConnected ? (
        <div data-testid="linear-status" className="flex flex-col gap-1 text-sm">
          <p>
            Signed in as <strong>{connection.name ?? "…"}</strong>
            {connection.email ? ` (${connection.email})` : null}
          </p>
          <ErrorText message={connection.problem} />
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="size-5" checked={connection.isAutoStatus} disabled={isBusy} onChange={(e) => run(() => linearApi.setAutoStatus(e.target.checked))} />
            Move linked issues along: In Progress when the session starts, In Review when its PR opens, Done when merged
          </label>
          <Button variant="ghost" className="self-start" disabled={isBusy} onClick={() => run(() => linearApi.disconnect())}>
            Disconnect Linear
          </Button>
        </div>
      ) : (
        <form className="flex flex-col gap-2" onSubmit={(e) => (e.preventDefault(), run(() => linearApi.connect(apiKey.trim())))}>
          <p className="text-sm text-stone-600 dark:text-stone-400">A personal API key from Linear's Settings → Security &amp; access. It stays on this computer.</p>
          <label className="text-xs font-medium">
            Linear API key
            <input type="password" autoComplete="off" className={FIELD} value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
          </label>
          <Button type="submit" variant="primary" className="self-start" disabled={isBusy || apiKey.trim().length < 10}>
            Connect Linear
          </Button>
        </form>
      )}
      <ErrorText message={error} />
    </section>
  );
}
