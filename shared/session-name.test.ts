import { describe, expect, it } from "vitest";
import { sessionNameFrom, slugName } from "./session-name.ts";

describe("slugName", () => {
  it("makes lower-case words joined by dashes, accents dropped, within the length", () => {
    expect(slugName("Fix the login page!")).toBe("fix-the-login-page");
    expect(slugName("Café Crème")).toBe("cafe-creme");
    expect(slugName("feature/JIRA-12_thing")).toBe("feature-jira-12-thing");
    expect(slugName("a-".repeat(40), 10)).toBe("a-a-a-a-a");
    expect(slugName("!!!")).toBe("session");
  });

  it("keeps a typed name that is already valid, and slugs one that is not", () => {
    expect(sessionNameFrom(" parser-v2.1_rc ")).toBe("parser-v2.1_rc");
    expect(sessionNameFrom("a..b")).toBe("a-b");
    expect(sessionNameFrom("x.lock")).toBe("x-lock");
    expect(sessionNameFrom("Ship It")).toBe("ship-it");
    expect(sessionNameFrom("y".repeat(80))).toHaveLength(60);
  });

  it("cuts a long name after a whole word, never mid-word", () => {
    const long = "Investigate the flaky login test on CI and run it a few times to see how things behave";
    const name = sessionNameFrom(long);
    expect(name).toBe("investigate-the-flaky-login-test-on-ci-and-run-it-a-few");
    expect(name.length).toBeLessThanOrEqual(60);
    expect(slugName("one two three", 7)).toBe("one-two");
    expect(slugName("one two three", 8)).toBe("one-two");
    expect(slugName("abcdefghij klm", 5)).toBe("abcde");
  });
});
