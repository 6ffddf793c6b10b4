import { useState } from "react";
import type { LinearConnection } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { linearApi } from "./linear-api.ts";
import { LinearKeyForm } from "./linear-key-form.tsx";
import { useLinearConnection } from "./use-linear-connection.ts";

const KEY_HELP = "A personal API key from Linear's Settings → Security & access. It stays on this computer.";

/**
 * Connect Linear with a personal API key, see the account, move issues along with sessions, disconnect. A key Linear
 * refuses is replaced right there; Linear rate limited or down is tried again with the same key.
 */
export function LinearConnectionCard() {
  const connection = useLinearConnection({ isReadOnOpen: true });
  const readError = useLinearStore((s) => s.readError);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const run = (action: () => Promise<{ connection: LinearConnection }>, done: () => void = () => undefined) => {
    setBusy(true);
    setError(null);
    action()
      .then(({ connection: c }) => (useLinearStore.getState().setConnection(c), done()), (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const connect = (apiKey: string, done: () => void) => run(() => linearApi.connect(apiKey), done);
  return (
    <section aria-label="Linear" className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="text-sm font-semibold">Linear</h2>
      {connection?.isConnected ? (
        <div data-testid="linear-status" className="flex flex-col gap-1 text-sm">
          <p>
            {connection.isKeyRejected ? "Last signed in as " : "Signed in as "}
            <strong>{connection.name ?? "…"}</strong>
            {connection.email ? ` (${connection.email})` : null}
          </p>
          <ErrorText message={connection.problem} />
          {/* A refused key is replaced right here; Linear limited or down is not the key's fault: the same key is tried again. */}
          {connection.isKeyRejected ? (
            <LinearKeyForm isBusy={isBusy} intro="A new key replaces the stored one (Linear checks it first)." submitLabel="Connect with the new key" onConnect={connect} />
          ) : connection.problem ? (
            <Button className="self-start" disabled={isBusy} onClick={() => run(() => linearApi.connection())}>
              Try again
            </Button>
          ) : null}
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="size-5" checked={connection.isAutoStatus} disabled={isBusy} onChange={(e) => run(() => linearApi.setAutoStatus(e.target.checked))} />
            Move linked issues along: In Progress when the session starts, In Review when its PR opens, Done when merged
          </label>
          {/* Asks first: one tap forgot the stored key, and connecting again means finding or making a new one. */}
          <div className="self-start">
            <ConfirmButton label="Disconnect Linear" confirmLabel="Disconnect" name="Disconnect Linear" disabled={isBusy} onConfirm={() => run(() => linearApi.disconnect())} />
          </div>
        </div>
      ) : (
        <LinearKeyForm isBusy={isBusy} intro={KEY_HELP} submitLabel="Connect Linear" onConnect={connect} />
      )}
      <ErrorText message={error ?? readError} />
    </section>
  );
}
