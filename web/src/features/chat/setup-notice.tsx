import type { SessionSetup } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";

const RUNNING_TEXT = {
  fetch: "Fetching the base branch…",
  worktree: "Creating the worktree…",
  copy: "Copying files into the worktree…",
  setup: "Running the setup script…",
} as const;

/**
 * A new session's setup, seen from its conversation (where "Create session" lands): what runs now, that a message
 * sent before the worktree exists waits for it, and how it ended when it went wrong. The steps and the script's
 * output are on the session's overview, one tap away.
 */
export function SetupNotice({ sessionId }: { sessionId: string }) {
  const session = useConversationsStore((s) => s.sessions[sessionId]);
  const note = session?.setup ? setupNote(session.setup) : null;
  if (!session || !note) return null;
  const tone = note.isProblem
    ? "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
    : "border-stone-200 bg-stone-50 text-stone-700 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-300";
  return (
    <div role="status" aria-label="Session setup" className={`mx-auto mb-1 flex w-full max-w-3xl flex-wrap items-center gap-2 rounded-lg border px-3 py-1.5 text-sm ${tone}`}>
      {session.setup?.status === "running" ? <Spinner className="size-3" /> : null}
      <span className="min-w-0 flex-1">{note.text}</span>
      <ScreenLink route={{ view: "session", id: session.id }} className={buttonLook("ghost", "text-xs")}>
        Setup details
      </ScreenLink>
    </div>
  );
}

/** What the notice says about a setup; nothing once it went through. */
export function setupNote(setup: SessionSetup): { text: string; isProblem: boolean } | null {
  if (setup.status === "failed") return { text: `${setup.error ?? "The worktree could not be created."} Delete this session and create a new one.`, isProblem: true };
  if (setup.status === "ready") return setup.error ? { text: `Setup finished with a problem: ${setup.error}`, isProblem: true } : null;
  const step = setup.steps.find((s) => s.status === "running") ?? setup.steps.find((s) => s.status === "pending");
  const worktree = setup.steps.find((s) => s.name === "worktree");
  const hasFolder = worktree?.status === "done";
  const now = step ? RUNNING_TEXT[step.name] : "Setting up the session…";
  return { text: hasFolder ? `${now} Claude can start in the worktree meanwhile.` : `${now} A message you send now goes to Claude once the worktree is ready.`, isProblem: false };
}
