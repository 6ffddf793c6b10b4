import { useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Session, SessionId, UpdateSessionInput } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { SelectField } from "./select-field.tsx";
import { PRIORITY_LABELS, TASK_STATUS_LABELS } from "./session-labels.tsx";

/** Title, priority, task status, environment set and pin; each change is saved at once and reaches every device. */
export function SessionMetaForm({ session }: { session: Session }) {
  const envSetNames = useConversationsStore(useShallow((s) => Object.keys(s.workspaces[session.workspaceId]?.envSets ?? {})));
  const [title, setTitle] = useState(session.title ?? "");
  // Renamed on another device: the box follows unless this device has typed something else meanwhile.
  const [shownTitle, setShownTitle] = useState(session.title);
  if (session.title !== shownTitle) {
    setShownTitle(session.title);
    if (title === (shownTitle ?? "")) setTitle(session.title ?? "");
  }
  const [error, setError] = useState<string | null>(null);
  const save = (input: UpdateSessionInput) =>
    workspacesApi.updateSession(session.id as SessionId, input).then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  return (
    <section aria-label="Details" className="grid grid-cols-1 gap-3 rounded-xl border border-stone-200 p-4 sm:grid-cols-2 dark:border-stone-800">
      <form
        className="flex items-end gap-2 sm:col-span-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim()) void save({ title: title.trim() });
          else setError("Type a title first: a session's title cannot be empty.");
        }}
      >
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">Title</span>
          <input aria-label="Session title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Written from the first prompt" className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900" />
        </label>
        <Button type="submit">Rename</Button>
      </form>
      <SelectField label="Priority" value={session.priority} options={PRIORITY_LABELS} onChange={(priority) => void save({ priority })} />
      <SelectField label="Task status" value={session.taskStatus} options={TASK_STATUS_LABELS} onChange={(taskStatus) => void save({ taskStatus })} />
      {envSetNames.length > 0 ? (
        <div className="flex flex-col gap-1 sm:col-span-2">
          <SelectField
            label="Environment set"
            value={session.envSet ?? ""}
            options={{ "": "None", ...Object.fromEntries(envSetNames.map((name) => [name, name])) }}
            onChange={(envSet) => void save({ envSet: envSet || null })}
          />
          <p className="text-xs text-stone-500">Claude processes started after a change get the new variables; running ones keep theirs until restarted.</p>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <Button onClick={() => void save({ isPinned: !session.isPinned })} aria-pressed={session.isPinned}>
          {session.isPinned ? "Unpin" : "Pin"}
        </Button>
      </div>
      <ErrorText message={error} className="sm:col-span-2" />
    </section>
  );
}
