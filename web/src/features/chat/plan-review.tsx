import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Markdown } from "../../components/markdown.tsx";
import type { AnswerProps } from "./tool-permission.tsx";
import { useStoredAnswerText } from "./use-request-draft.ts";

/** ExitPlanMode: the plan as markdown; approve it, or keep planning with optional feedback. */
export function PlanReview({ request, answer, isBusy, error }: AnswerProps) {
  const [feedback, setFeedback] = useStoredAnswerText("planFeedback", request.id);
  const plan = request.plan ?? planFromInput(request.input);
  return (
    <div className="space-y-3">
      <div className="max-h-[50dvh] overflow-y-auto rounded-lg border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
        <Markdown text={plan || "(no plan text)"} />
      </div>
      <textarea
        aria-label="Plan feedback"
        placeholder="What should change? (optional, sent with Keep planning)"
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
        rows={2}
        className="min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" disabled={isBusy} onClick={() => void answer({ decision: "allow" })}>
          Approve plan
        </Button>
        <Button disabled={isBusy} onClick={() => void answer({ decision: "allow", switchMode: "acceptEdits" })}>
          Approve, accept edits
        </Button>
        <Button
          disabled={isBusy}
          onClick={() => void answer({ decision: "deny", ...(feedback.trim() ? { message: feedback.trim() } : {}) })}
        >
          Keep planning
        </Button>
      </div>
      <ErrorText message={error} />
    </div>
  );
}

function planFromInput(input: unknown): string {
  if (typeof input === "object" && input !== null && "plan" in input && typeof input.plan === "string") return input.plan;
  return "";
}
