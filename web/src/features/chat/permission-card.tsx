import type { ReactNode } from "react";
import type { ConversationId, PermissionRequest } from "../../../../shared/index.ts";
import { PlanReview } from "./plan-review.tsx";
import { QuestionForm } from "./question-form.tsx";
import { ToolPermission } from "./tool-permission.tsx";
import { useAnswerPermission } from "./use-answer-permission.ts";

/** A request waiting for the user: a tool to approve, questions to answer, or a plan to review. */
export function PermissionCard({ conversationId, request }: { conversationId: ConversationId; request: PermissionRequest }) {
  const answering = useAnswerPermission(conversationId, request.id);
  const title =
    request.kind === "question"
      ? "Claude has a question"
      : request.kind === "plan"
        ? "Claude proposes a plan"
        : `Allow ${request.toolName}?`;
  return (
    <CardFrame title={title} agentId={request.agentId}>
      {request.kind === "question" ? (
        <QuestionForm request={request} {...answering} />
      ) : request.kind === "plan" ? (
        <PlanReview request={request} {...answering} />
      ) : (
        <ToolPermission request={request} {...answering} />
      )}
    </CardFrame>
  );
}

function CardFrame({ title, agentId, children }: { title: string; agentId: string | null; children: ReactNode }) {
  return (
    <section
      data-testid="permission-card"
      aria-label={title}
      className="space-y-3 rounded-xl border-2 border-amber-400 bg-amber-50 p-3 shadow-sm dark:border-amber-600 dark:bg-amber-950/30"
    >
      <h2 className="flex items-center gap-2 text-sm font-semibold">
        <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" />
        {title}
        {agentId ? <span className="text-xs font-normal text-stone-500">(sub-agent)</span> : null}
      </h2>
      {children}
    </section>
  );
}
