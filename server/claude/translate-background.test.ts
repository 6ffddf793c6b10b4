import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../shared/protocol/events.ts";
import { CliTranslator } from "./translate.ts";
import { ENDED_UNREPORTED } from "./translate-system.ts";
import { cliLines, sequentialIds } from "./fixtures/load-transcripts.ts";

/*
 * Background Bash (`run_in_background: true`) as the pinned CLIs report it, from recordings against the fake API
 * (`@@bgbash`, e2e/transcripts/bgbash-*): `stop` = ChatML sent `stop_task` while it ran, `done` = it ended by itself.
 */

type TaskEvent = Extract<DomainEvent, { type: "task.updated" }>;

function replay(name: string) {
  const translator = new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio" });
  const tasks: TaskEvent[] = [];
  const pendingAfter: boolean[] = [];
  for (const { msg } of cliLines(name)) {
    for (const event of translator.translate(msg)) if (event.type === "task.updated") tasks.push(event);
    if (msg.type === "result") pendingAfter.push(translator.hasPendingWork);
  }
  return { translator, tasks, pendingAfter };
}

const line = (fields: Record<string, unknown>) => ({ type: "system", session_id: "s", uuid: crypto.randomUUID(), ...fields });

describe.each(["2.1.119", "2.1.330", "2.1.332"])("background Bash on %s", (version) => {
  it("shows the command as a running background task, then stopped when ChatML's stop_task ended it", () => {
    const { tasks, pendingAfter, translator } = replay(`e2e/bgbash-stop.${version}`);
    expect(tasks[0]).toMatchObject({ status: "running", description: "Tick in the background", isBackground: true, toolUseId: expect.stringMatching(/^toolu_/) });
    expect(tasks.at(-1)).toMatchObject({ taskId: tasks[0]?.taskId, status: "stopped", isBackground: true });
    // The turn ended while the command ran: the CLI still owed work (idle sleep must leave it running).
    expect(pendingAfter[0]).toBe(true);
    expect(translator.hasPendingWork).toBe(false);
    expect(translator.stats).toEqual({ unknownTypes: {}, invalid: 0 });
  });

  it("says how a command that finished by itself ended", () => {
    const { tasks, translator } = replay(`e2e/bgbash-done.${version}`);
    expect(tasks.at(-1)).toMatchObject({ status: "completed", summary: 'Background command "Tick in the background" completed (exit code 0)', isBackground: true });
    expect(translator.hasPendingWork).toBe(false);
  });
});

describe("background_tasks_changed", () => {
  it("counts a listed task as pending work before its task_started, and stops a running task that left the list unreported", () => {
    const translator = new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio" });
    const listed = line({ subtype: "background_tasks_changed", tasks: [{ task_id: "b1", task_type: "local_bash", description: "Tick" }] });
    expect(translator.translate(listed)).toEqual([]);
    expect(translator.hasPendingWork).toBe(true);
    translator.translate(line({ subtype: "task_started", task_id: "b1", tool_use_id: "toolu_1", description: "Tick", task_type: "local_bash" }));
    const emptied = translator.translate(line({ subtype: "background_tasks_changed", tasks: [] }));
    expect(emptied).toMatchObject([{ type: "task.updated", taskId: "b1", status: "stopped", summary: ENDED_UNREPORTED, isBackground: true }]);
    expect(translator.hasPendingWork).toBe(false);
    expect(translator.stats).toEqual({ unknownTypes: {}, invalid: 0 });
  });

  it("leaves a task that reported its end alone, and a list that does not fit its schema counts as invalid", () => {
    const translator = new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio" });
    translator.translate(line({ subtype: "background_tasks_changed", tasks: [{ task_id: "b1" }] }));
    translator.translate(line({ subtype: "task_started", task_id: "b1", description: "Tick", task_type: "local_bash" }));
    translator.translate(line({ subtype: "task_notification", task_id: "b1", status: "completed", summary: "done" }));
    expect(translator.translate(line({ subtype: "background_tasks_changed", tasks: [] }))).toEqual([]);
    expect(translator.translate(line({ subtype: "background_tasks_changed", tasks: "nope" }))).toEqual([]);
    expect(translator.stats.invalid).toBe(1);
  });

  it("ends the tasks still running when the process exits, so none stays shown as running", () => {
    const translator = new CliTranslator({ ids: sequentialIds(), now: () => 0, transport: "stdio" });
    translator.translate(line({ subtype: "task_started", task_id: "b1", description: "Tick", task_type: "local_bash" }));
    const events = translator.translateExit({ code: null, signal: "SIGKILL", stderrTail: "" }, false, "killed by SIGKILL");
    expect(events.map((e) => e.type)).toEqual(["task.updated", "process.exited"]);
    expect(events[0]).toMatchObject({ taskId: "b1", status: "stopped", summary: "Ended with the Claude Code process." });
    expect(translator.hasPendingWork).toBe(false);
  });
});
