import { useRef, type ReactNode } from "react";
import { toolDisplayName, type ConversationId, type PermissionRequest } from "../../../../shared/index.ts";
import { askedBy } from "./asked-by.ts";
import type { TaskInfo } from "../../protocol/conversation-view.ts";
import { PlanReview } from "./plan-review.tsx";
import { QuestionForm } from "./question-form.tsx";
import { ToolPermission } from "./tool-permission.tsx";
import { useAnswerPermission } from "./use-answer-permission.ts";
import { useFocusAfterAnswer } from "./use-focus-after-answer.ts";

interface PermissionCardProps {
  conversationId: ConversationId;
  request: PermissionRequest;
  /** "2 of 3" when several wait. */
  position?: string | null;
  isFirst?: boolean;
  hasKeyboard?: boolean;
  /** The conversation's agents, to name the one that asked. */
  tasks?: Record<string, TaskInfo>;
}

/** A request waiting for the user: a tool to approve, questions to answer, or a plan to review. */
export function PermissionCard({ conversationId, request, position = null, isFirst = true, hasKeyboard = false, tasks = {} }: PermissionCardProps) {
  const answering = useAnswerPermission(conversationId, request.id);
  const card = useRef<HTMLElement>(null);
  useFocusAfterAnswer(card, hasKeyboard);
  const title = request.kind === "question" ? "Claude has a question" : request.kind === "plan" ? "Claude proposes a plan" : `Allow ${toolDisplayName(request.toolName)}?`;
  return (
    <section
      ref={card}
      tabIndex={-1}
      data-testid="permission-card"
      data-first-card={isFirst}
      aria-label={title}
      className="space-y-3 rounded-xl border-2 border-amber-400 bg-amber-50 p-3 shadow-sm dark:border-amber-600 dark:bg-amber-950/30"
    >
      <CardTitle title={title} asker={askedBy(request.agentId, tasks)} position={position} />
      {request.kind === "question" ? (
        <QuestionForm request={request} {...answering} />
      ) : request.kind === "plan" ? (
        <PlanReview request={request} {...answering} />
      ) : (
        <ToolPermission request={request} {...answering} showKeys={hasKeyboard && isFirst} />
      )}
    </section>
  );
}

function CardTitle({ title, asker, position }: { title: string; asker: string | null; position: string | null }): ReactNode {
  return (
    <h2 className="flex items-center gap-2 text-sm font-semibold">
      <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" />
      {title}
      {asker ? <span data-testid="asked-by" className="min-w-0 truncate text-xs font-normal text-stone-500">(asked by {asker})</span> : null}
      {position ? <span className="ml-auto text-xs font-normal text-stone-500">{position}</span> : null}
    </h2>
  );
}
