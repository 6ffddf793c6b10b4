import { Markdown } from "../../../components/markdown.tsx";
import type { DetailsProps } from "./tool-details.tsx";
import { Labelled } from "./tool-output.tsx";
import { field, isDict, str, type Dict } from "./tool-summary.ts";
import { DOT } from "../../../lib/dot-join.ts";

/** ExitPlanMode: the plan as the document it is, and what the user decided (approved, or their feedback). */
export function PlanDetails({ part }: DetailsProps) {
  const input = isDict(part.input) ? part.input : {};
  const structured = isDict(part.result?.structured) ? part.result.structured : {};
  const plan = str(structured.plan) ?? field(input, "plan");
  const filePath = field(structured, "file_path");
  return (
    <div className="space-y-2">
      <Labelled label="Plan">
        <div className="rounded-md bg-stone-100 px-3 py-2 text-sm dark:bg-stone-900">
          {plan ? <Markdown text={plan} /> : <p className="text-stone-500">(no plan text)</p>}
        </div>
      </Labelled>
      <PlanOutcome part={part} filePath={filePath} />
    </div>
  );
}

function PlanOutcome({ part, filePath }: { part: DetailsProps["part"]; filePath: string | null }) {
  const result = part.result;
  if (!result) return <p className="px-1 text-xs text-stone-500">Waiting for your decision.</p>;
  if (!result.isError) {
    return (
      <p data-testid="plan-outcome" className="px-1 text-xs text-emerald-700 dark:text-emerald-400">
        Approved{filePath ? <>{DOT}saved to <span className="font-mono break-all">{filePath}</span></> : null}
      </p>
    );
  }
  return (
    <Labelled label="Kept planning — your feedback">
      <p data-testid="plan-outcome" className="rounded-md bg-stone-100 px-3 py-2 text-sm whitespace-pre-wrap dark:bg-stone-900">{planFeedback(result.text)}</p>
    </Labelled>
  );
}

/** The CLI wraps the user's feedback in its own sentence; keep only what the user wrote when it is recognisable. */
export function planFeedback(text: string): string {
  const match = /the user said:\s*([\s\S]*)$/i.exec(text);
  return (match?.[1] ?? text).trim();
}

type AskedQuestion = { question: string; header: string | null; options: { label: string; description: string | null }[] };

/** AskUserQuestion: each question with its options, the chosen ones marked, and any answer typed in. */
export function QuestionDetails({ part }: DetailsProps) {
  const questions = askedQuestions(part.input);
  const answers = givenAnswers(part.result?.structured, part.result?.text ?? "");
  return (
    <div className="space-y-3 px-1">
      {questions.map((q, i) => {
        const answer = answers[q.question] ?? null;
        const chosen = new Set((answer ?? "").split(/,\s*/).filter(Boolean));
        const typed = answer !== null && !q.options.some((o) => chosen.has(o.label)) ? answer : null;
        return (
          <div key={i} data-testid="asked-question" className="space-y-1">
            {q.header ? <p className="text-[11px] font-semibold uppercase tracking-wide text-stone-500">{q.header}</p> : null}
            <p className="text-sm font-medium">{q.question}</p>
            <ul className="space-y-0.5 text-sm">
              {q.options.map((o) => (
                <li key={o.label} className={chosen.has(o.label) ? "font-medium text-accent" : "text-stone-600 dark:text-stone-400"}>
                  <span aria-hidden="true">{chosen.has(o.label) ? "● " : "○ "}</span>
                  {o.label}
                  {chosen.has(o.label) ? <span className="sr-only"> (your answer)</span> : null}
                  {o.description ? <span className="text-xs text-stone-500"> — {o.description}</span> : null}
                </li>
              ))}
            </ul>
            <p className="text-xs text-stone-600 dark:text-stone-400">
              {answer === null ? (part.result ? "Not answered." : "Waiting for your answer.") : typed ? <>Your answer: <span className="font-medium">{typed}</span></> : null}
            </p>
          </div>
        );
      })}
    </div>
  );
}

function askedQuestions(input: unknown): AskedQuestion[] {
  const raw = isDict(input) && Array.isArray(input.questions) ? input.questions.filter(isDict) : [];
  return raw.map((q: Dict) => ({
    question: str(q.question) ?? "",
    header: str(q.header),
    options: (Array.isArray(q.options) ? q.options.filter(isDict) : []).map((o) => ({ label: str(o.label) ?? "", description: str(o.description) })),
  }));
}

/** Answers by question text: from the structured result, else from the CLI's sentence (`"Q"="A"`). */
export function givenAnswers(structured: unknown, text: string): Record<string, string> {
  if (isDict(structured) && isDict(structured.answers)) {
    const out: Record<string, string> = {};
    for (const [q, a] of Object.entries(structured.answers)) if (typeof a === "string") out[q] = a;
    return out;
  }
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/"([^"]+)"="([^"]*)"/g)) out[m[1] ?? ""] = m[2] ?? "";
  return out;
}
