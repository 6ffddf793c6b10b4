import { afterEach, describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../shared/ids.ts";
import { refreshingGitSoon } from "./refresh-git-soon.ts";

const SESSION = "ses_refreshsoon0001" as SessionId;

afterEach(() => vi.restoreAllMocks());

describe("refreshingGitSoon: a save or a restore starts a git refresh and never waits for it or fails with it", () => {
  it("asks for the session's refresh and returns before it ends", () => {
    const asked: SessionId[] = [];
    refreshingGitSoon(async (id) => void asked.push(id))(SESSION, "a save");
    expect(asked).toEqual([SESSION]);
  });

  it("a refresh that fails is logged with what it followed, not thrown", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const failed = Promise.reject(new Error("git is gone"));
    expect(() => refreshingGitSoon(() => failed)(SESSION, "a restore")).not.toThrow();
    await failed.catch(() => undefined);
    await new Promise((settled) => setImmediate(settled));
    expect(warn).toHaveBeenCalledWith("[workbench] git refresh after a restore failed:", "git is gone");
  });
});
