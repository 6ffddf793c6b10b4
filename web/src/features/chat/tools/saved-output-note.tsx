import type { ConversationId, SessionId, ToolResult } from "../../../../../shared/index.ts";
import { useConversationsStore } from "../../../stores/conversations-store.ts";
import { formatBytes } from "../../../lib/format-bytes.ts";
import { useCopy } from "../../../lib/use-copied-moment.ts";
import { CopiedStatus } from "../../../components/copied-status.tsx";
import { ErrorText } from "../../../components/error-text.tsx";
import { useWorkbenchStore } from "../../../stores/workbench-store.ts";

type SavedOutput = NonNullable<ToolResult["savedOutput"]>;

/**
 * Claude Code cut this output (the model saw only its head) and saved the whole of it to a file: say so, how big it
 * really is, and where it is; open it in the workbench editor when it lies inside the session's folder.
 */
export function SavedOutputNote({ saved, shownChars, conversationId }: { saved: SavedOutput; shownChars: number; conversationId: ConversationId }) {
  // "Path copied" said for good and a failed copy said nothing (no clipboard on a plain-HTTP LAN address): now for a
  // moment, and why not.
  const { isCopied, problem, copy } = useCopy();
  const session = useConversationsStore((s) => {
    const sessionId = s.conversations[conversationId]?.sessionId;
    return sessionId ? s.sessions[sessionId] : undefined;
  });
  const inside = session ? relativeInside(session.cwd, saved.path) : null;
  return (
    <div data-testid="saved-output" role="note" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
      <p>
        <span className="font-medium">Output cut by Claude Code</span>: shown are the first {shownChars.toLocaleString()} characters
        {saved.bytes !== null ? ` of ${formatBytes(saved.bytes)}` : ""}. The whole output was saved to
      </p>
      <p className="font-mono break-all">{saved.path}</p>
      <div className="flex flex-wrap gap-2">
        {inside !== null && session ? (
          <button type="button" onClick={() => useWorkbenchStore.getState().openDoc(session.id as SessionId, { kind: "file", path: inside })} className="min-h-11 font-medium underline mouse:min-h-8">
            Open in editor
          </button>
        ) : null}
        <button type="button" aria-label="Copy path" onClick={() => copy(saved.path)} className="min-h-11 font-medium underline mouse:min-h-8">
          {isCopied ? "Path copied" : "Copy path"}
        </button>
        <CopiedStatus isCopied={isCopied} />
      </div>
      <ErrorText message={problem} className="text-xs" />
    </div>
  );
}

/** `path` relative to `root` when it lies inside it, else null. */
export function relativeInside(root: string, path: string): string | null {
  const base = root.endsWith("/") ? root : `${root}/`;
  return path.startsWith(base) && path.length > base.length ? path.slice(base.length) : null;
}
