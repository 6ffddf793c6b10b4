import { useEffect, useState } from "react";
import type { JobLogPage } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { errorMessage } from "../../lib/http.ts";
import { ansiSpans } from "./ansi.ts";
import { githubApi } from "./github-api.ts";

/** A job's log fetched on demand: the last page first (where failures are), earlier pages on request, colours kept. */
export function JobLog({ sessionId, jobId, name }: { sessionId: string; jobId: number; name: string }) {
  const [pages, setPages] = useState<JobLogPage[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    githubApi.jobLog(sessionId, jobId).then(({ log }) => setPages([log]), (e: unknown) => setError(errorMessage(e)));
  }, [sessionId, jobId]);
  const first = pages[0];
  const loadEarlier = () => {
    if (!first) return;
    const from = Math.max(0, first.fromLine - 500);
    githubApi.jobLog(sessionId, jobId, from).then(({ log }) => setPages([{ ...log, lines: log.lines.slice(0, first.fromLine - from) }, ...pages]), (e: unknown) => setError(errorMessage(e)));
  };
  if (error) return <ErrorText message={error} />;
  if (!first) return <Spinner label={`Loading the log of ${name}`} />;
  return (
    <div className="flex flex-col gap-1">
      {first.failedStep ? <p className="text-xs text-red-700 dark:text-red-400">Failed step: {first.failedStep}</p> : null}
      {first.fromLine > 0 ? (
        <Button variant="ghost" className="self-start" onClick={loadEarlier}>
          Show earlier lines ({first.fromLine} more)
        </Button>
      ) : null}
      <pre aria-label={`Log of ${name}`} data-testid="job-log" className="max-h-96 overflow-auto rounded-lg bg-stone-950 p-2 text-[11px] leading-4 text-stone-200">
        {pages.flatMap((page) => page.lines.map((line, i) => <LogLine key={page.fromLine + i} line={line} />))}
      </pre>
    </div>
  );
}

function LogLine({ line }: { line: string }) {
  const text = line.replace(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z /, "");
  return (
    <div>
      {ansiSpans(text).map((span, i) => (
        <span key={i} className={span.className}>
          {span.text}
        </span>
      ))}
    </div>
  );
}
