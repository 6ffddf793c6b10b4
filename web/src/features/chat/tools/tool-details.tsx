import type { ConversationId, MessageId } from "../../../../../shared/index.ts";
import type { TaskInfo } from "../../../protocol/conversation-view.ts";
import { BashDetails } from "./bash-details.tsx";
import { EditDetails, WriteDetails } from "./file-details.tsx";
import { GenericDetails, McpDetails } from "./generic-details.tsx";
import { NotebookDetails, ReadDetails, SearchDetails, WebDetails } from "./lookup-details.tsx";
import { PlanDetails, QuestionDetails } from "./plan-question-details.tsx";
import { TodoDetails } from "./todo-details.tsx";
import type { ToolViewPart } from "./tool-block.tsx";
import { DOT } from "../../../lib/dot-join.ts";

/** What every per-kind renderer gets. */
export interface DetailsProps {
  part: ToolViewPart;
  conversationId: ConversationId;
  messageId: MessageId;
}

/** The expanded body of a tool call, by kind; anything unknown gets the generic renderer, which never fails. */
export function ToolDetails({ task, ...props }: DetailsProps & { task: TaskInfo | undefined }) {
  if (props.part.isStreaming) return <pre className="tool-pre bg-stone-100 dark:bg-stone-900">{props.part.inputDraft || "…"}</pre>;
  const name = props.part.name;
  if (name === "Task" || name === "Agent") return <AgentDetails {...props} task={task} />;
  if (name.startsWith("mcp__")) return <McpDetails {...props} />;
  const Renderer = RENDERERS[name] ?? GenericDetails;
  return <Renderer {...props} />;
}

const RENDERERS: Record<string, (props: DetailsProps) => React.ReactNode> = {
  Bash: BashDetails,
  Edit: EditDetails,
  MultiEdit: EditDetails,
  Write: WriteDetails,
  Read: ReadDetails,
  Glob: SearchDetails,
  Grep: SearchDetails,
  WebFetch: WebDetails,
  WebSearch: WebDetails,
  NotebookEdit: NotebookDetails,
  TodoWrite: TodoDetails,
  ExitPlanMode: PlanDetails,
  AskUserQuestion: QuestionDetails,
};

/** The call itself: type, status, prompt. Its nested steps and its report follow it (see ToolBlock). */
function AgentDetails({ task, ...props }: DetailsProps & { task: TaskInfo | undefined }) {
  const input = props.part.input as { prompt?: unknown; subagent_type?: unknown } | null;
  return (
    <div className="space-y-2">
      <p className="px-1 text-xs text-stone-600 dark:text-stone-400">
        {typeof input?.subagent_type === "string" ? `${input.subagent_type}${DOT}` : ""}
        {task ? `sub-agent ${task.status}` : "sub-agent"}
        {task?.summary ? ` — ${task.summary}` : ""}
      </p>
      {typeof input?.prompt === "string" ? <pre className="tool-pre bg-stone-100 dark:bg-stone-900">{input.prompt}</pre> : null}
    </div>
  );
}
