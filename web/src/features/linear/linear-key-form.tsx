import { useState } from "react";
import { Button } from "../../components/button.tsx";

const FIELD = "w-full min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** A Linear API key to connect with; `done` clears the field once Linear took the key. */
export function LinearKeyForm({ isBusy, intro, submitLabel, onConnect }: { isBusy: boolean; intro: string; submitLabel: string; onConnect: (apiKey: string, done: () => void) => void }) {
  const [apiKey, setApiKey] = useState("");
  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => (e.preventDefault(), onConnect(apiKey.trim(), () => setApiKey("")))}>
      <p className="text-sm text-stone-600 dark:text-stone-400">{intro}</p>
      <label className="text-xs font-medium">
        Linear API key
        <input type="password" autoComplete="off" className={FIELD} value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
      </label>
      <Button type="submit" variant="primary" className="self-start" disabled={isBusy || apiKey.trim().length < 10}>
        {submitLabel}
      </Button>
    </form>
  );
}
