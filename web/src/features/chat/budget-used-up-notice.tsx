import { usedUpSentence, type ConversationId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useBudget } from "../budgets/index.ts";

/**
 * Above the composer while a budget limit is used up, on every device, and gone once the limit is raised (the server's
 * `budget` frame): the next message would be refused. Before, the refusal was an error under the box that said to go to
 * Session controls with no way there, and it stayed after the budget was raised on another device. A job run's budget
 * is its job's, so it says where to raise it instead of offering Session controls. The budget is read when the
 * conversation opens: after a reload the notice came only with the refusal of a message.
 */
export function BudgetUsedUpNotice({ conversationId, onRaise }: { conversationId: ConversationId; onRaise: () => void }) {
  const { budget } = useBudget(conversationId);
  const isJobRun = useConversationsStore((s) => (s.conversations[conversationId]?.jobId ?? null) !== null);
  if (!budget?.exhausted) return null;
  return (
    <div role="status" aria-label="Budget used up" className="mx-2 mb-1 flex max-w-3xl flex-wrap items-center md:mx-auto md:w-full gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
      <span className="min-w-0 flex-1">
        {usedUpSentence(budget.exhausted, budget.limits, budget.totals)} {isJobRun ? "A run's budget is set by its job (or its workspace): raise it there, then run the job again." : "Claude takes no message until it is raised."}
      </span>
      {isJobRun ? null : (
        <Button variant="ghost" className="text-xs" onClick={onRaise}>
          Raise the budget
        </Button>
      )}
    </div>
  );
}
