import { describe, expect, it } from "vitest";
import { ContextUsageProbe, type ContextUsageProbeDeps } from "./context-usage-probe.ts";
import type { HostRequestOutcome } from "./host-requests.ts";

/** A probe whose CLI answers from a list, one answer per question, and whose reports are kept. */
function probeWith(answers: HostRequestOutcome[], isAlive = () => true) {
  const reports: Parameters<ContextUsageProbeDeps["report"]>[0][] = [];
  const pending: Array<() => void> = [];
  let asked = 0;
  const probe = new ContextUsageProbe({
    ask: () => {
      const answer = answers[asked++];
      return answer ? new Promise<HostRequestOutcome>((settle) => pending.push(() => settle(answer))) : null;
    },
    isAlive,
    report: (event) => reports.push(event),
  });
  const answerNext = async () => {
    pending.shift()?.();
    await new Promise((settle) => setTimeout(settle, 0));
  };
  return { probe, reports, answerNext, asked: () => asked };
}

const figures = { totalTokens: 100, maxTokens: 1000, percentage: 10, categories: [] };

describe("ContextUsageProbe", () => {
  it("asks nothing after a turn nobody looks at", () => {
    const { probe, asked } = probeWith([{ ok: true, response: figures }]);
    probe.turnEnded();
    probe.turnEnded();
    expect(asked()).toBe(0);
  });

  it("reports the figures when watched, and asks once more when a turn ended while it waited", async () => {
    const { probe, reports, answerNext, asked } = probeWith([{ ok: true, response: figures }, { ok: true, response: { ...figures, totalTokens: 200 } }]);
    expect(probe.watched()).toBe(true);
    probe.turnEnded();
    expect(probe.watched()).toBe(false);
    expect(asked()).toBe(1);
    await answerNext();
    expect(asked()).toBe(2);
    await answerNext();
    expect(reports.map((r) => r.usage?.totalTokens)).toEqual([100, 200]);
  });

  it("says once that a CLI which refuses cannot report, and does not ask it again", async () => {
    const { probe, reports, answerNext, asked } = probeWith([{ ok: false, error: "Unsupported control request" }]);
    probe.modelChanged();
    await answerNext();
    probe.modelChanged();
    expect(probe.watched()).toBe(false);
    expect(asked()).toBe(1);
    expect(reports).toEqual([{ type: "context.usage.updated", usage: null, unavailableReason: "This Claude Code cannot report its context use (it said: Unsupported control request)." }]);
  });

  it("stays quiet when the question failed because the CLI exited", async () => {
    const { probe, reports, answerNext } = probeWith([{ ok: false, error: "the Claude Code process exited" }], () => false);
    probe.watched();
    await answerNext();
    expect(reports).toEqual([]);
  });
});
