import { describe, expect, it } from "vitest";
import { openDatabase } from "./db.ts";
import { SessionRepo } from "./session-repo.ts";
import { WorkspaceRepo } from "./workspace-repo.ts";
import { DecodedRows } from "./decoded-rows.ts";

type Row = { id: string; name: string; tags: string };

function counting() {
  let decodes = 0;
  const rows = new DecodedRows<Row, { name: string; tags: string[] }>((row) => {
    decodes += 1;
    return { name: row.name, tags: JSON.parse(row.tags) as string[] };
  }, 2);
  return { rows, decodes: () => decodes };
}

describe("DecodedRows", () => {
  it("decodes a row once while it reads back the same, and again when any column differs", () => {
    const { rows, decodes } = counting();
    const first = rows.of({ id: "a", name: "x", tags: '["t"]' });
    expect(rows.of({ id: "a", name: "x", tags: '["t"]' })).toBe(first);
    expect(decodes()).toBe(1);
    const renamed = rows.of({ id: "a", name: "y", tags: '["t"]' });
    expect(renamed).toEqual({ name: "y", tags: ["t"] });
    expect(rows.of({ id: "a", name: "y", tags: '["t","u"]' }).tags).toEqual(["t", "u"]);
    expect(decodes()).toBe(3);
  });

  it("freezes what it shares, nested values too", () => {
    const { rows } = counting();
    const value = rows.of({ id: "a", name: "x", tags: '["t"]' });
    expect(() => value.tags.push("u")).toThrow(TypeError);
    expect(() => Object.assign(value, { name: "z" })).toThrow(TypeError);
  });

  it("keeps only its capacity, dropping the row read least recently", () => {
    const { rows, decodes } = counting();
    rows.of({ id: "a", name: "a", tags: "[]" });
    rows.of({ id: "b", name: "b", tags: "[]" });
    rows.of({ id: "a", name: "a", tags: "[]" });
    rows.of({ id: "c", name: "c", tags: "[]" });
    expect(decodes()).toBe(3);
    rows.of({ id: "a", name: "a", tags: "[]" });
    expect(decodes()).toBe(3);
    rows.of({ id: "b", name: "b", tags: "[]" });
    expect(decodes()).toBe(4);
  });
});

describe("SessionRepo reads through DecodedRows", () => {
  it("serves a changed session after every kind of write, including a quiet one and SQL from elsewhere", () => {
    const db = openDatabase(":memory:");
    const workspace = new WorkspaceRepo(db).create({ path: "/tmp/decoded-rows-repo" });
    const sessions = new SessionRepo(db);
    const session = sessions.create({ workspaceId: workspace.id, name: "s", cwd: "/tmp/decoded-rows-repo" });
    expect(sessions.get(session.id)).toBe(sessions.get(session.id));
    const git = { branch: "main", headSha: null, headSubject: null, ahead: 0, behind: 0, files: [{ path: "a.ts", status: "M", additions: 1, deletions: 0 }], checkedAt: 1, operation: null, conflicts: [], resolvedConflicts: [], upstream: null, hasOrigin: true, mergedPullRequest: null };
    sessions.update(session.id, { git }, { isQuiet: true });
    expect(sessions.get(session.id)?.git?.files).toEqual(git.files);
    db.run("UPDATE sessions SET git = $git WHERE id = $id", { id: session.id, git: JSON.stringify({ ...git, files: [] }) });
    expect(sessions.get(session.id)?.git?.files).toEqual([]);
    db.run("UPDATE sessions SET git = '{\"broken\": 1}' WHERE id = $id", { id: session.id });
    expect(() => sessions.get(session.id)).toThrow(/stored session .* is malformed: git\./);
  });
});
