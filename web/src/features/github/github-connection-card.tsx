import { useEffect, useState } from "react";
import type { GithubConnection } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { githubApi } from "./github-api.ts";

const FIELD = "w-full min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Connect GitHub with a token (or the `gh` CLI's), see the account, missing scopes and rate limit; disconnect. */
export function GithubConnectionCard() {
  const [connection, setConnection] = useState<GithubConnection | null>(null);
  const [token, setToken] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => {
    githubApi.connection().then(({ connection: c }) => setConnection(c), (e: unknown) => setError(errorMessage(e)));
  }, []);
  const run = (action: () => Promise<{ connection: GithubConnection }>) => {
    setBusy(true);
    setError(null);
    action()
      .then(({ connection: c }) => (setConnection(c), setToken("")), (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const base = baseUrl.trim() || undefined;
  return (
    <section aria-label="GitHub" className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="text-sm font-semibold">GitHub</h2>
      {connection?.isConnected ? (
        <div data-testid="github-status" className="flex flex-col gap-1 text-sm">
          <p>
            Signed in as <strong>{connection.login ?? "…"}</strong> ({connection.source === "gh" ? "token from the gh CLI" : "personal access token"}) on {connection.baseUrl}
          </p>
          {connection.missingScopes.length > 0 ? <p className="text-amber-800 dark:text-amber-300">The token lacks: {connection.missingScopes.join(", ")}</p> : null}
          {connection.rateLimit ? (
            <p className="text-stone-500">
              API rate limit: {connection.rateLimit.remaining} of {connection.rateLimit.limit} left
            </p>
          ) : null}
          <ErrorText message={connection.problem} />
          <Button variant="ghost" className="self-start" disabled={isBusy} onClick={() => run(() => githubApi.disconnect())}>
            Disconnect GitHub
          </Button>
        </div>
      ) : (
        <form className="flex flex-col gap-2" onSubmit={(e) => (e.preventDefault(), run(() => githubApi.connect({ token: token.trim(), baseUrl: base })))}>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            A fine-grained personal access token with read and write access to pull requests, contents, checks and actions of your repositories.
          </p>
          <label className="text-xs font-medium">
            Personal access token
            <input type="password" autoComplete="off" className={FIELD} value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
          <label className="text-xs font-medium">
            GitHub Enterprise API URL (optional)
            <input type="url" className={FIELD} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://github.example.com/api/v3" />
          </label>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="primary" disabled={isBusy || token.trim().length < 10}>
              Connect
            </Button>
            <Button disabled={isBusy} onClick={() => run(() => githubApi.connect({ importFromGh: true, baseUrl: base }))}>
              Use the gh CLI's token
            </Button>
          </div>
        </form>
      )}
      <ErrorText message={error} />
    </section>
  );
}
