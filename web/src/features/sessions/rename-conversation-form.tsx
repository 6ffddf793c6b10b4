import { useState } from "react";
import type { Conversation, ConversationId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";

/**
 * Renames a conversation in place. A title the server refuses (empty, too long) keeps the words in the box with the
 * reason, where the browser's prompt() closed and lost them.
 */
export function RenameConversationForm({ conversation, onDone }: { conversation: Conversation; onDone: () => void }) {
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const save = () => {
    if (!title.trim()) return setError("Type a title first: a conversation's title cannot be empty.");
    setSaving(true);
    workspacesApi
      .renameConversation(conversation.id as ConversationId, title.trim())
      .then(onDone, (e: unknown) => setError(errorMessage(e)))
      .finally(() => setSaving(false));
  };
  return (
    <form
      className="flex basis-full flex-wrap items-center gap-2 py-1"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <input
        aria-label={`New title for ${conversation.title}`}
        value={title}
        autoFocus
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onDone()}
        className="min-h-11 min-w-0 flex-1 basis-48 rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <Button type="submit" variant="primary" disabled={isSaving}>Save</Button>
      <Button variant="ghost" onClick={onDone}>Cancel</Button>
      <ErrorText message={error} className="basis-full" />
    </form>
  );
}
