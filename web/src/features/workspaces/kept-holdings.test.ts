import { describe, expect, it } from "vitest";
import { HOLDING_KINDS, type WorkspaceHoldings } from "../../../../shared/index.ts";
import { keptSentence } from "./kept-holdings.ts";

const NONE = Object.fromEntries(HOLDING_KINDS.map((kind) => [kind, 0])) as WorkspaceHoldings;

describe("keptSentence", () => {
  it("says plainly that nothing is kept, with no count of zero", () => {
    expect(keptSentence(NONE)).toBe("Nothing is kept: it has no conversations, jobs or settings. It leaves the list; add the folder again to use it.");
  });

  it("names what is kept, kind by kind", () => {
    expect(keptSentence({ ...NONE, jobs: 2, mcpServers: 1 })).toBe("2 jobs and 1 MCP server are kept; restore the workspace from “Removed workspaces” (or add the folder again) to use them again.");
    expect(keptSentence({ ...NONE, conversations: 3, sessions: 2, goals: 1, budgets: 1 })).toBe(
      "3 conversations in 2 sessions, 1 goal and 1 default budget are kept; restore the workspace from “Removed workspaces” (or add the folder again) to use them again.",
    );
    expect(keptSentence({ ...NONE, skillSettings: 1 })).toBe("1 skill setting is kept; restore the workspace from “Removed workspaces” (or add the folder again) to use it again.");
    expect(keptSentence({ ...NONE, sessions: 1 })).toMatch(/^1 session is kept;/);
    expect(keptSentence({ ...NONE, conversations: 1, sessions: 1 })).toMatch(/^1 conversation in 1 session is kept; .* to use it again\.$/);
  });

  it("names every kind a workspace can own", () => {
    for (const kind of HOLDING_KINDS) expect(keptSentence({ ...NONE, [kind]: 2 }), kind).toMatch(/^2 [a-zA-Z ]+s(?: in 0 sessions)? are kept;/);
  });
});
