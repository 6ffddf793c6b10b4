import { useState, type ReactNode } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useStoredText } from "../../lib/use-stored-text.ts";

/**
 * The words of a comment, an edit or a reply being written: kept on this device under `storageKey` until saved or
 * cancelled (the diff is virtualized, so scrolling away unmounts the form), and kept through a failed save.
 * `onFailed` runs after a refused save (the error is shown).
 */
export function useCommentDraft(storageKey: string, send: (body: string) => Promise<unknown>, onDone: () => void, options: { initial?: string; onFailed?: () => void } = {}) {
  const [body, setBody, forgetBody] = useStoredText(storageKey, options.initial);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await send(body);
      forgetBody();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
      options.onFailed?.();
    } finally {
      setSaving(false);
    }
  };
  const cancel = () => {
    forgetBody();
    onDone();
  };
  return { body, setBody, error, isSaving, save, cancel };
}

/** The form around a draft's text box: its error, and the save (named `saveLabel`) and Cancel buttons. */
export function CommentDraftForm({ draft, saveLabel, children }: { draft: ReturnType<typeof useCommentDraft>; saveLabel: string; children: ReactNode }) {
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void draft.save();
      }}
    >
      {children}
      <ErrorText message={draft.error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={!draft.body.trim() || draft.isSaving}>{saveLabel}</Button>
        <Button variant="ghost" onClick={draft.cancel}>Cancel</Button>
      </div>
    </form>
  );
}
