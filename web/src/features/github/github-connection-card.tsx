import { useEffect, useState } from "react";
import type { ConnectGithubInput, GithubConnection } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { onServerFrame } from "../../lib/socket.ts";
import { githubApi } from "./github-api.ts";
import { GithubTokenForm } from "./github-token-form.tsx";

/** The API URL of github.com (the server's default); an Enterprise URL is shown in the form. */
const DEFAULT_GITHUB_API = "https://api.github.com";

const TOKEN_HELP = "A fine-grained personal access token with read and write access to pull requests, contents, checks and actions of your repositories.";

/**
 * Connect GitHub with a token (or the `gh` CLI's), see the account, missing scopes and rate limit; disconnect. When
 * GitHub refuses the stored token (revoked, expired) or it lacks a scope, a new one can be entered right there,
 * replacing it; when GitHub is rate limited or down, the same token is tried again.
 */
export function GithubConnectionCard() {
  const [connection, setConnection] = useState<GithubConnection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => {
    const load = () => githubApi.connection().then(({ connection: c }) => setConnection(c), (e: unknown) => setError(errorMessage(e)));
    load();
    // Connected or disconnected on another device: this one shows it too.
    return onServerFrame((frame) => frame.type === "integrations.changed" && frame.service === "github" && void load());
  }, []);
  const run = (action: () => Promise<{ connection: GithubConnection }>, done: () => void = () => undefined) => {
    setBusy(true);
    setError(null);
    action()
      .then(({ connection: c }) => (setConnection(c), done()), (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const connect = (input: ConnectGithubInput, done: () => void) => run(() => githubApi.connect(input), done);
  // A refused token or one without the scopes ChatML needs is replaced right here; GitHub rate limited or down is not
  // the token's fault: the same token is tried again.
  const needsNewToken = connection !== null && (connection.isTokenRejected || connection.missingScopes.length > 0);
  return (
    <section aria-label="GitHub" className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="text-sm font-semibold">GitHub</h2>
      {connection?.isConnected ? (
        <div data-testid="github-status" className="flex flex-col gap-1 text-sm">
          <p>
            {connection.isTokenRejected ? (connection.login ? <>Last signed in as <strong>{connection.login}</strong></> : "Not signed in") : <>Signed in as <strong>{connection.login ?? "…"}</strong></>} (
            {connection.source === "gh" ? "token from the gh CLI" : "personal access token"}) on {connection.baseUrl}
          </p>
          {connection.missingScopes.length > 0 ? <p className="text-amber-800 dark:text-amber-300">The token lacks: {connection.missingScopes.join(", ")}</p> : null}
          {connection.rateLimit ? (
            <p className="text-stone-500">
              API rate limit: {connection.rateLimit.remaining} of {connection.rateLimit.limit} left
            </p>
          ) : null}
          <ErrorText message={connection.problem} />
          {connection.problem && !connection.isTokenRejected ? (
            <Button className="self-start" disabled={isBusy} onClick={() => run(() => githubApi.connection())}>
              Try again
            </Button>
          ) : null}
          {needsNewToken ? (
            <GithubTokenForm
              isBusy={isBusy}
              baseUrl={connection.baseUrl === DEFAULT_GITHUB_API ? "" : connection.baseUrl}
              intro={`A new token replaces the stored one (GitHub checks it first). ${TOKEN_HELP}`}
              submitLabel="Connect with the new token"
              onConnect={connect}
            />
          ) : null}
          {/* Asks first: one tap forgot the stored token, and connecting again means finding or making a new one. */}
          <div className="self-start">
            <ConfirmButton label="Disconnect GitHub" confirmLabel="Disconnect" name="Disconnect GitHub" disabled={isBusy} onConfirm={() => run(() => githubApi.disconnect())} />
          </div>
        </div>
      ) : (
        <GithubTokenForm isBusy={isBusy} intro={TOKEN_HELP} submitLabel="Connect" onConnect={connect} />
      )}
      <ErrorText message={error} />
    </section>
  );
}
