import { useState } from "react";
import type { OutsideSession, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { OutsideTranscript } from "./outside-transcript.tsx";
import { dotJoin } from "../../lib/dot-join.ts";
import { dateAndTime } from "../../lib/when.ts";

const OUTSIDE_NAME = "Claude Code sessions from outside ChatML";
const OUTSIDE_HINT = "Claude Code sessions of this folder started outside ChatML: read one, or continue it in an interactive terminal";

/**
 * Claude Code sessions of this folder started outside ChatML; each can be read, or continued in an interactive terminal.
 * The list scrolls within a few rows and closes once one is continued: a long list took the terminal's whole height,
 * and xterm draws nothing while it is out of view (the continued session's terminal stayed blank).
 */
export function OutsideSessions({ sessionId, onContinue: continueIn }: { sessionId: SessionId; onContinue(id: string): void }) {
  const [sessions, setSessions] = useState<OutsideSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState<OutsideSession | null>(null);
  const onContinue = (id: string) => {
    setSessions(null);
    continueIn(id);
  };
  const load = () =>
    terminalsApi.outsideSessions(sessionId).then(
      ({ sessions: list }) => setSessions(list),
      (e: Error) => setError(e.message),
    );
  if (sessions === null) {
    return (
      <div className="shrink-0 px-2">
        {/* A short label, as the row's "+ Terminal" and "+ Claude" (the whole sentence was a long ghost button in the
            desktop's tab row); its name says it in full and contains the label, so a voice command by it still works. */}
        <Button variant="ghost" className="shrink-0 whitespace-nowrap" onClick={() => void load()} aria-label={OUTSIDE_NAME} title={OUTSIDE_HINT}>
          Sessions from outside
        </Button>
        {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
      </div>
    );
  }
  return (
    <section aria-label={OUTSIDE_NAME} className="w-full px-3 py-2 text-sm">
      {sessions.length === 0 ? <p className="text-stone-500">No Claude Code sessions in this folder.</p> : null}
      <ul data-testid="outside-sessions" className="flex max-h-40 flex-col gap-1 overflow-y-auto">
        {sessions.map((s) => (
          <li key={s.id} data-testid="outside-session" className="flex items-center gap-2">
            <span className="min-w-0 flex-1">
              <span className="block truncate">{s.title}</span>
              <span className="block text-xs text-stone-500">
                {dotJoin([dateAndTime(s.modifiedAt), formatSize(s.sizeBytes), s.branch])}
              </span>
            </span>
            <Button variant="ghost" onClick={() => setReading(s)} aria-label={`Read ${s.title}`}>Read</Button>
            <Button onClick={() => onContinue(s.id)} aria-label={`Continue ${s.title} in Claude`}>Continue</Button>
          </li>
        ))}
      </ul>
      {reading ? (
        <OutsideTranscript
          sessionId={sessionId}
          session={reading}
          onClose={() => setReading(null)}
          onContinue={() => {
            setReading(null);
            onContinue(reading.id);
          }}
        />
      ) : null}
    </section>
  );
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
