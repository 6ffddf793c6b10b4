import { describe, expect, it } from "vitest";
import { turnError } from "./turn-error.ts";

describe("turnError", () => {
  it("names an API error's status once (a run said 'API error 400: API Error: 400 Bad request')", () => {
    expect(turnError({ errors: [], resultText: "API Error: 400 Bad request (fake)", subtype: "success", apiErrorStatus: 400 })).toBe("API Error: 400 Bad request (fake)");
  });

  it("puts the status first when the CLI's words do not name it", () => {
    expect(turnError({ errors: [], resultText: "Overloaded", subtype: "success", apiErrorStatus: 529 })).toBe("API error 529: Overloaded");
    expect(turnError({ errors: ["API Error: 500 Internal"], resultText: null, subtype: "error_during_execution", apiErrorStatus: 529 })).toBe("API error 529: API Error: 500 Internal");
  });

  it("falls back from the errors to the result text to the subtype", () => {
    expect(turnError({ errors: ["a", "b"], resultText: "text", subtype: "error_max_turns", apiErrorStatus: null })).toBe("a; b");
    expect(turnError({ errors: [], resultText: null, subtype: "error_max_turns", apiErrorStatus: null })).toBe("error_max_turns");
  });
});
