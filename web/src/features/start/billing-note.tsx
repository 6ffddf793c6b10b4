import { useServerSetting } from "../../lib/use-server-setting.ts";

export type ConversationMode = "chat" | "interactive";
const LEGAL_PAGE = "https://code.claude.com/docs/en/legal-and-compliance";

/** The default mode of new conversations (a server setting), loaded once; null until known. */
export function useDefaultMode() {
  const { value: mode, change, error } = useServerSetting("defaultConversationMode");
  return { mode, change, error };
}

/** What each mode bills against, in one paragraph, and the default mode for new conversations. */
export function BillingNote({ mode, onChange, error }: { mode: ConversationMode | null; onChange(mode: ConversationMode): void; error: string | null }) {
  return (
    <section aria-label="Modes and billing" className="flex flex-col gap-2 rounded-lg border border-stone-200 p-3 text-sm text-stone-600 dark:border-stone-800 dark:text-stone-400">
      <p>
        With an API key (or Bedrock/Vertex) both modes bill your API account. On a Pro or Max plan, chat mode
        (<code>claude -p</code>, which ChatML streams) draws on the separate Agent SDK credit, while interactive mode runs
        the real <code>claude</code> in a terminal on your plan's own limits; ChatML mirrors it here and routes its
        approvals to every device.
      </p>
      {/* Its own line, finger-sized: on a phone an inline link in this paragraph was 16 px tall. */}
      <a href={LEGAL_PAGE} target="_blank" rel="noreferrer" className="inline-flex min-h-11 items-center self-start underline">
        Anthropic's terms for each plan
      </a>
      <label className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-stone-800 dark:text-stone-200">Mode of new conversations</span>
        <select
          aria-label="Mode of new conversations"
          value={mode ?? "chat"}
          disabled={mode === null}
          onChange={(e) => onChange(e.target.value === "interactive" ? "interactive" : "chat")}
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-2 dark:border-stone-700 dark:bg-stone-900"
        >
          <option value="chat">Chat mode (claude -p)</option>
          <option value="interactive">Interactive terminal (claude)</option>
        </select>
      </label>
      {error ? <p role="alert" className="text-red-700 dark:text-red-400">{error}</p> : null}
    </section>
  );
}
