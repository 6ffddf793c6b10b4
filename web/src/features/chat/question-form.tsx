import { useId, type FormEvent } from "react";
import type { Question } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import type { AnswerProps } from "./tool-permission.tsx";
import { useStoredPicks, type Picks } from "./use-request-draft.ts";


/** AskUserQuestion: each question with its options (radio or checkboxes) and a free "Other" answer. */
export function QuestionForm({ request, answer, isBusy, error }: AnswerProps) {
  const questions = request.questions ?? [];
  const [picks, setPicks] = useStoredPicks(request.id);
  const answers = toAnswers(questions, picks);
  const isComplete = questions.every((q) => answers[q.question]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (isComplete) void answer({ decision: "allow", answers });
  };
  const update = (q: Question, next: Partial<Picks[string]>) =>
    setPicks((p) => ({ ...p, [q.question]: { labels: [], other: "", ...p[q.question], ...next } }));

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {questions.map((q) => (
        <QuestionField key={q.question} question={q} pick={picks[q.question]} onChange={(next) => update(q, next)} />
      ))}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={isBusy || !isComplete}>
          Submit answers
        </Button>
        {/* A question is declined, not denied: the word other devices' notes use for it too. */}
        <Button variant="danger" disabled={isBusy} aria-label="Decline to answer" onClick={() => void answer({ decision: "deny" })}>
          Decline
        </Button>
      </div>
      <ErrorText message={error} />
    </form>
  );
}

interface FieldProps {
  question: Question;
  pick: Picks[string] | undefined;
  onChange: (next: Partial<Picks[string]>) => void;
}

function QuestionField({ question, pick, onChange }: FieldProps) {
  const name = useId();
  const labels = pick?.labels ?? [];
  const toggle = (label: string, isChecked: boolean) => {
    if (!question.multiSelect) return onChange({ labels: isChecked ? [label] : [] });
    onChange({ labels: isChecked ? [...labels, label] : labels.filter((l) => l !== label) });
  };
  return (
    // Named here, not by its legend: the header chip is set apart by its margin only, so a screen reader read the
    // legend as "ColorWhich color?".
    <fieldset aria-label={question.header ? `${question.header}: ${question.question}` : undefined} className="space-y-1.5">
      <legend className="mb-1 text-sm">
        {question.header ? <span className="mr-2 rounded bg-stone-200 px-1.5 py-0.5 text-xs font-semibold dark:bg-stone-800">{question.header}</span> : null}
        <span className="font-medium">{question.question}</span>
      </legend>
      {question.options.map((o) => (
        <label key={o.label} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-200 bg-white px-3 py-2 dark:border-stone-800 dark:bg-stone-900">
          <input
            type={question.multiSelect ? "checkbox" : "radio"}
            name={name}
            checked={labels.includes(o.label)}
            onChange={(e) => toggle(o.label, e.target.checked)}
            className="mt-1 size-4"
          />
          <span className="text-sm">
            <span className="font-medium">{o.label}</span>
            {o.description ? <span className="block text-xs text-stone-500 dark:text-stone-400">{o.description}</span> : null}
          </span>
        </label>
      ))}
      <input
        aria-label={`Other answer: ${question.question}`}
        placeholder="Other…"
        value={pick?.other ?? ""}
        onChange={(e) => onChange({ other: e.target.value })}
        className="min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
    </fieldset>
  );
}

/** Answers keyed by question text; multi-select labels joined with ", " (the CLI's convention). */
function toAnswers(questions: Question[], picks: Picks): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const pick = picks[q.question];
    const parts = [...(pick?.labels ?? []), pick?.other.trim() ?? ""].filter(Boolean);
    if (parts.length > 0) answers[q.question] = parts.join(", ");
  }
  return answers;
}
