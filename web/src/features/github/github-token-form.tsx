import { useState } from "react";
import type { ConnectGithubInput } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";

const FIELD = "w-full min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * A token to connect GitHub with (typed, or the `gh` CLI's), and the Enterprise API URL. Connecting again with it
 * replaces the stored token; GitHub checks the new one first, so a bad one leaves the old in place.
 */
export function GithubTokenForm({ isBusy, baseUrl: initialBaseUrl = "", intro, submitLabel, onConnect }: {
  isBusy: boolean;
  /** The Enterprise API URL to start from (a reconnect keeps the one in use). */
  baseUrl?: string;
  intro: string;
  submitLabel: string;
  onConnect: (input: ConnectGithubInput, done: () => void) => void;
}) {
  const [token, setToken] = useState("");
  const [baseUrl, setBaseUrl] = useState(initialBaseUrl);
  const base = baseUrl.trim() || undefined;
  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => (e.preventDefault(), onConnect({ token: token.trim(), baseUrl: base }, () => setToken("")))}>
      <p className="text-sm text-stone-600 dark:text-stone-400">{intro}</p>
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
          {submitLabel}
        </Button>
        <Button disabled={isBusy} onClick={() => onConnect({ importFromGh: true, baseUrl: base }, () => undefined)}>
          Use the gh CLI's token
        </Button>
      </div>
    </form>
  );
}
