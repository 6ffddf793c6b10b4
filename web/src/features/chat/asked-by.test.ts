import { describe, expect, it } from "vitest";
import type { TaskInfo } from "../../protocol/conversation-view.ts";
import { askedBy } from "./asked-by.ts";

const task = (taskId: string, description: string | null, isBackground: boolean): TaskInfo => ({
  taskId, toolUseId: `toolu_${taskId}`, status: "running", description, summary: null, lastToolName: null, isBackground,
});

describe("askedBy", () => {
  const tasks = { toolu_bg: task("bg", "Watch the build", true), toolu_fg: task("fg", "Fix the test", false), toolu_x: task("x", null, true) };

  it("names the agent that asked, and whether it runs in the background", () => {
    expect(askedBy("bg", tasks)).toBe("background agent “Watch the build”");
    expect(askedBy("fg", tasks)).toBe("sub-agent “Fix the test”");
    expect(askedBy("x", tasks)).toBe("background agent");
  });

  it("says only 'sub-agent' for an agent it has not heard of, and nothing for the main conversation", () => {
    expect(askedBy("unknown", tasks)).toBe("sub-agent");
    expect(askedBy(null, tasks)).toBeNull();
  });
});
