import { describe, expect, it } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { sessionLabelUnder } from "./session-header.tsx";

const session = (title: string | null) => ({ name: "edit-things", title }) as unknown as Session;

describe("sessionLabelUnder", () => {
  it("names the session by its title, by its workspace when the conversation above has that same title (a generated name meant nothing), or by its name while untitled", () => {
    expect(sessionLabelUnder(session("Fix the login page"), "Review", "widgets")).toBe("Fix the login page");
    expect(sessionLabelUnder(session("ENG-1: Add the gadget"), "ENG-1: Add the gadget", "widgets")).toBe("widgets");
    expect(sessionLabelUnder(session("Please edit"), "Please edit", null)).toBe("edit-things");
    expect(sessionLabelUnder(session(null), "Task", "widgets")).toBe("edit-things");
  });
});
