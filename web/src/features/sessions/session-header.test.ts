import { describe, expect, it } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { sessionLabelUnder } from "./session-header.tsx";

const session = (title: string | null) => ({ name: "edit-things", title }) as unknown as Session;

describe("sessionLabelUnder", () => {
  it("names the session by its title, or by its name when the conversation above has that same title", () => {
    expect(sessionLabelUnder(session("Fix the login page"), "Review")).toBe("Fix the login page");
    expect(sessionLabelUnder(session("Please edit"), "Please edit")).toBe("edit-things");
    expect(sessionLabelUnder(session(null), "Task")).toBe("edit-things");
  });
});
