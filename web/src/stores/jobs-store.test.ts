import { afterEach, describe, expect, it } from "vitest";
import type { Run } from "../../../shared/index.ts";
import { useJobsStore } from "./jobs-store.ts";

const run = (id: string, workspaceId: string) => ({ id, jobId: `job_${id}`, workspaceId, queuedAt: 1 }) as unknown as Run;

afterEach(() => useJobsStore.setState({ goals: {}, jobs: {}, runs: {}, runTotals: {} }));

describe("the jobs store", () => {
  it("drops a deleted workspace's runs with it (no frame comes for each run, ADR 0261), and keeps other workspaces'", () => {
    useJobsStore.setState({ runs: { a: run("a", "wsp_gone"), b: run("b", "wsp_kept") } });
    useJobsStore.getState().apply({ kind: "removed", entity: "workspace", id: "wsp_gone" });
    expect(Object.keys(useJobsStore.getState().runs)).toEqual(["b"]);
  });
});
