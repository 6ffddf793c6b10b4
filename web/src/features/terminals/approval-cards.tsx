import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { waitingReason, type PendingApproval, type SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ToolInputPreview } from "../chat/tool-permission.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { lowerFirst } from "../../lib/lower-first.ts";

/**
 * What a tool call would do, all of it: a question's questions, a plan, a Bash command, an edit's or a write's changes
 * as diffs, any other input whole (Allow here allows exactly what is shown).
 */
function RequestedAction({ approval }: { approval: PendingApproval }) {
  const text = plainText(approval);
  if (text === null) return <div className="mt-1"><ToolInputPreview toolName={approval.toolName} input={approval.input} /></div>;
  return <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-white/70 p-2 font-mono text-xs dark:bg-black/30">{text}</pre>;
}

/** A request that is best read as text (its questions, its plan, its command), or null. */
function plainText({ toolName, input }: PendingApproval): string | null {
  if (Array.isArray(input.questions)) return input.questions.map((q: { question?: unknown }) => String(q.question ?? "")).join("\n");
  if (typeof input.plan === "string") return input.plan;
  if (toolName === "Bash" && typeof input.command === "string") return input.command;
  return null;
}

/**
 * The permission prompts of this session's interactive `claude` terminals, answerable from any device. `isOverlay`
 * lays them over the terminal instead of above it: on a short screen (a phone sideways) a card in the layout left the
 * terminal 2 rows and resized the PTY under the TUI's own prompt.
 */
export function ApprovalCards({ sessionId, isOverlay = false }: { sessionId: SessionId; isOverlay?: boolean }) {
  const approvals = useTerminalsStore(useShallow((s) => s.approvals.filter((a) => a.sessionId === sessionId)));
  useEffect(() => {
    terminalsApi.approvals().then(
      ({ approvals: list }) => useTerminalsStore.getState().setApprovals(list as PendingApproval[]),
      (error: Error) => console.warn("[approvals] could not load:", error.message),
    );
  }, []);
  if (approvals.length === 0) return null;
  return (
    <ul aria-label="Permission requests" className={`flex flex-col gap-2 p-2 ${isOverlay ? "absolute inset-x-0 top-0 z-20 max-h-full overflow-y-auto" : ""}`}>
      {approvals.map((approval) => (
        <ApprovalCard key={approval.id} approval={approval} />
      ))}
    </ul>
  );
}

function ApprovalCard({ approval }: { approval: PendingApproval }) {
  const [error, setError] = useState<string | null>(null);
  const answer = (behavior: "allow" | "deny") => terminalsApi.answerApproval(approval.id, behavior).catch((e: Error) => setError(e.message));
  const description = typeof approval.input.description === "string" ? approval.input.description : null;
  // A question or a plan needs the user's choice, not a bare Allow.
  const needsAnswer = approval.toolName === "AskUserQuestion" || approval.toolName === "ExitPlanMode";
  return (
    <li data-testid="approval-card" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
      <p className="font-medium">Claude {lowerFirst(waitingReason({ kind: approval.toolName === "AskUserQuestion" ? "question" : approval.toolName === "ExitPlanMode" ? "plan" : "tool", toolName: approval.toolName }))}</p>
      {description ? <p className="text-stone-600 dark:text-stone-400">{description}</p> : null}
      <RequestedAction approval={approval} />
      {needsAnswer ? <AnswerInConversation approval={approval} /> : (
        <>
          <p className="mt-1 text-xs text-stone-500">Unanswered here, the prompt in the terminal decides.</p>
          {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
          <div className="mt-2 flex gap-2">
            <Button variant="primary" onClick={() => void answer("allow")} aria-label={`Allow ${approval.toolName}`}>Allow</Button>
            <Button variant="danger" onClick={() => void answer("deny")} aria-label={`Deny ${approval.toolName}`}>Deny</Button>
          </div>
        </>
      )}
    </li>
  );
}

/**
 * A question or a plan is answered with its choices, which the conversation's card has: a way there, so a phone (whose
 * terminal is too narrow for the TUI's menu) need not work the menu with the arrow keys.
 */
function AnswerInConversation({ approval }: { approval: PendingApproval }) {
  const conversationId = useTerminalsStore((s) => s.bySession[approval.sessionId]?.find((t) => t.id === approval.terminalId)?.conversationId ?? null);
  const open = () => {
    if (!conversationId) return;
    useWorkbenchStore.getState().patch(approval.sessionId, { phoneView: "chat" });
    useUiStore.getState().select(conversationId);
  };
  return (
    <>
      <p className="mt-1 text-xs text-stone-500">Answer it in the terminal or in its conversation, where the card has the choices.</p>
      {conversationId ? (
        <div className="mt-2 flex gap-2">
          <Button variant="primary" onClick={open}>Answer in the conversation</Button>
        </div>
      ) : null}
    </>
  );
}

