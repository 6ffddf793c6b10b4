import { useEffect, useState } from "react";
import type { ConversationId, JobId, Run } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { jobsApi } from "../../lib/jobs-api.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";

/** The run this conversation belongs to: from the store when it holds it, else read once from the server. */
export function useRunOfConversation(conversationId: ConversationId, jobId: string | null): Run | undefined {
  const stored = useJobsStore((s) => Object.values(s.runs).find((run) => run.conversationId === conversationId));
  const [fetched, setFetched] = useState<Run | undefined>(undefined);
  const shouldFetch = !stored && jobId !== null;
  useEffect(() => {
    if (!shouldFetch || !jobId) return;
    let isCurrent = true;
    jobsApi
      .runsOfConversation(jobId as JobId, conversationId)
      .then((answer) => isCurrent && setFetched((answer.runs as Run[])[0]))
      // Without the run the row still offers the job; the run screen is one tap from the job's history.
      .catch((error: unknown) => console.warn("chatml: the run of a conversation could not be read", error));
    return () => {
      isCurrent = false;
    };
  }, [shouldFetch, jobId, conversationId]);
  return stored ?? fetched;
}

/** "Run again": starts the job now and opens the new run, or says why it could not. */
export function useRunAgain(jobId: string | null): { runAgain: () => Promise<void>; isBusy: boolean; problem: string | null } {
  const go = useNavStore((s) => s.go);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const runAgain = async () => {
    if (!jobId) return;
    setIsBusy(true);
    try {
      const answer = await jobsApi.runNow(jobId as JobId);
      setProblem(null);
      go({ view: "run", id: answer.run.id });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setIsBusy(false);
    }
  };
  return { runAgain, isBusy, problem };
}
