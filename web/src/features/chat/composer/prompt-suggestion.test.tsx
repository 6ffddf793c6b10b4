// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PromptSuggestion } from "./prompt-suggestion.tsx";

afterEach(cleanup);

function renderChip(draft = "", isHidden = false) {
  const used: string[] = [];
  const sent: string[] = [];
  const props = { suggestion: "Now add a test for the greeting", isHidden, onUse: (t: string) => used.push(t), onSend: (t: string) => sent.push(t) };
  const view = render(<PromptSuggestion {...props} draft={draft} />);
  return { used, sent, rerender: (next: string) => view.rerender(<PromptSuggestion {...props} draft={next} />) };
}

describe("PromptSuggestion", () => {
  it("tapping the chip puts the suggestion in the box; its arrow sends it; both say so to a screen reader", () => {
    const { used } = renderChip();
    expect(screen.getByRole("group", { name: "Suggested next message" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Use suggestion: Now add a test for the greeting" }));
    expect(used).toEqual(["Now add a test for the greeting"]);
    expect(screen.queryByRole("group", { name: "Suggested next message" })).toBeNull();
    cleanup();
    const { sent } = renderChip();
    fireEvent.click(screen.getByRole("button", { name: "Send suggestion: Now add a test for the greeting" }));
    expect(sent).toEqual(["Now add a test for the greeting"]);
  });

  it("goes away for good once the user types, even if the box is emptied again", () => {
    const { rerender } = renderChip();
    rerender("I want");
    expect(screen.queryByRole("group")).toBeNull();
    rerender("");
    expect(screen.queryByRole("group")).toBeNull();
  });

  it("is not offered while hidden (Claude works, images are attached, or a terminal runs the conversation)", () => {
    renderChip("", true);
    expect(screen.queryByRole("group")).toBeNull();
  });
});
