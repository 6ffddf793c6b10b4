import { useId, useState, type FormEvent } from "react";
import type { WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";
import { useStoredText } from "../../lib/use-stored-text.ts";
import { selectWorkspaces, useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useAction } from "./use-action.ts";
import { useShallow } from "zustand/react/shallow";

const input = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Writes a goal for a workspace; Claude proposes a plan for it right away. */
export function NewGoalForm() {
  const workspaces = useConversationsStore(useShallow(selectWorkspaces));
  const [workspaceId, setWorkspaceId] = useState("");
  // Kept on this device until the goal is made: leaving the screen or reloading loses none of it.
  const [title, setTitle, forgetTitle] = useStoredText("chatml.new-goal.title");
  const [description, setDescription, forgetDescription] = useStoredText("chatml.new-goal.description");
  const action = useAction();
  const explanationId = useId();
  const chosen = workspaceId || workspaces[0]?.id || "";
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(async () => {
      const { goal } = await jobsApi.createGoal({ workspaceId: chosen as WorkspaceId, title, description, timezone: userTimeZone() });
      useJobsStore.getState().apply({ kind: "goal", goal: goal as never });
      forgetTitle();
      forgetDescription();
      setTitle("");
      setDescription("");
      useNavStore.getState().go({ view: "goal", id: goal.id });
    });
  };
  if (workspaces.length === 0) return <p className="text-sm text-stone-500">Add a repository first (Home → Add a repository); goals and jobs belong to one.</p>;
  return (
    <form onSubmit={onSubmit} aria-label="New goal" aria-describedby={explanationId} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
      <h2 className="text-sm font-semibold">New goal</h2>
      {/* What "Plan this goal" does, before anyone presses it: a first-time user cannot tell a goal from a job. */}
      <p id={explanationId} className="text-sm text-stone-600 dark:text-stone-400">
        Claude reads the repository and proposes one to five scheduled jobs toward the goal. Nothing runs until you approve the plan; each run
        works in a fresh worktree and becomes a session you review like any other.
      </p>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Repository</span>
        <select className={input} value={chosen} onChange={(e) => setWorkspaceId(e.target.value)}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Goal</span>
        <input className={input} required value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Raise test coverage of the parser to 90 %" />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Details (optional)</span>
        <textarea className={`${input} min-h-20 py-2`} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <Button type="submit" variant="primary" className="self-start" disabled={action.isBusy || !title.trim()}>
        Plan this goal
      </Button>
      <ErrorText message={action.error} />
    </form>
  );
}
