import { useEffect, useState } from "react";
import type { Message, OutsideSession, Part, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { dotJoin } from "../../lib/dot-join.ts";

type Page = { messages: Message[]; olderCursor: number | null };

/**
 * An outside Claude Code session's transcript, read-only: its last turns first, older ones a page at a time, so a
 * 100 MB transcript opens as fast as a small one; Continue starts it in an interactive terminal.
 */
export function OutsideTranscript({ sessionId, session, onClose, onContinue }: { sessionId: SessionId; session: OutsideSession; onClose(): void; onContinue(): void }) {
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  // The last turns; older pages are added in front of them.
  useEffect(() => {
    let isLive = true;
    terminalsApi.outsideTranscript(sessionId, session.id, null).then(
      (next) => isLive && setPage({ messages: next.messages as Message[], olderCursor: next.olderCursor }),
      (e: Error) => isLive && setError(e.message),
    );
    return () => {
      isLive = false;
    };
  }, [sessionId, session.id]);
  const loadOlder = (before: number) => {
    setIsLoading(true);
    terminalsApi
      .outsideTranscript(sessionId, session.id, before)
      .then(
        (next) => setPage((shown) => ({ messages: [...(next.messages as Message[]), ...(shown?.messages ?? [])], olderCursor: next.olderCursor })),
        (e: Error) => setError(e.message),
      )
      .finally(() => setIsLoading(false));
  };
  return (
    <ModalSheet title={session.title} onClose={onClose}>
      <div data-testid="outside-transcript" className="flex max-h-[70dvh] flex-col gap-2 overflow-y-auto text-sm md:max-h-[75vh]">
        {page?.olderCursor != null ? (
          <Button variant="ghost" disabled={isLoading} onClick={() => loadOlder(page.olderCursor!)}>Show older turns</Button>
        ) : null}
        {page === null && !error ? <p className="text-stone-500">Reading the transcript…</p> : null}
        {page?.messages.length === 0 ? <p className="text-stone-500">Nothing to show in this transcript.</p> : null}
        {page?.messages.map((message) => <ReadOnlyMessage key={message.id} message={message} />)}
        {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={onContinue} aria-label="Continue this session in Claude">Continue in Claude</Button>
        <Button onClick={onClose}>Close</Button>
      </div>
    </ModalSheet>
  );
}

function ReadOnlyMessage({ message }: { message: Message }) {
  const isUser = message.role === "user";
  return (
    <article aria-label={isUser ? "Prompt" : "Answer"} className={isUser ? "self-end rounded-lg bg-orange-100 px-3 py-2 dark:bg-orange-950" : "px-1"}>
      {message.parts.map((part) => <ReadOnlyPart key={part.id} part={part} />)}
    </article>
  );
}

function ReadOnlyPart({ part }: { part: Part }) {
  if (part.kind === "text") return <Markdown text={part.text} />;
  if (part.kind === "thinking") return <p className="text-xs italic text-stone-500">Thought for a moment</p>;
  if (part.kind === "image") return <p className="text-xs text-stone-500">[image]</p>;
  const result = part.result?.text.trim() ?? "";
  return (
    <details className="my-1 rounded border border-stone-200 px-2 py-1 text-xs dark:border-stone-800">
      <summary className="min-h-11 cursor-pointer content-center">
        {dotJoin([part.name, part.status])}
      </summary>
      <pre className="overflow-x-auto whitespace-pre-wrap break-all">{JSON.stringify(part.input, null, 2).slice(0, 2000)}</pre>
      {result ? <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all text-stone-600 dark:text-stone-400">{result.slice(0, 4000)}</pre> : null}
    </details>
  );
}
