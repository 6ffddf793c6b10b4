// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { permission } from "../../protocol/test-fixtures.ts";
import { QuestionForm } from "./question-form.tsx";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const request = permission("q1", {
  kind: "question",
  toolName: "AskUserQuestion",
  questions: [{ question: "Which color?", header: null, options: [{ label: "Red", description: null }, { label: "Blue", description: null }], multiSelect: false }],
});
const form = () => render(<QuestionForm request={request} answer={async () => {}} isBusy={false} error={null} />);

describe("a question's picks", () => {
  it("survive a reload of the page until the question is answered", () => {
    form();
    fireEvent.click(screen.getByRole("radio", { name: "Blue" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Other answer: Which color?" }), { target: { value: "or teal" } });
    cleanup();
    form();
    expect((screen.getByRole("radio", { name: "Blue" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("textbox", { name: "Other answer: Which color?" }) as HTMLInputElement).value).toBe("or teal");
  });

  it("belong to their request only", () => {
    form();
    fireEvent.click(screen.getByRole("radio", { name: "Red" }));
    cleanup();
    render(<QuestionForm request={{ ...request, id: permission("q2").id }} answer={async () => {}} isBusy={false} error={null} />);
    expect((screen.getByRole("radio", { name: "Red" }) as HTMLInputElement).checked).toBe(false);
  });
});

describe("a question's name", () => {
  it("reads its header and its question as two phrases, as they look", () => {
    const headed = permission("q3", {
      kind: "question",
      toolName: "AskUserQuestion",
      questions: [{ question: "Which color?", header: "Color", options: [{ label: "Red", description: null }], multiSelect: false }],
    });
    render(<QuestionForm request={headed} answer={async () => {}} isBusy={false} error={null} />);
    // The header is a chip set apart by its margin only: without a separator a screen reader said "ColorWhich color?".
    expect(screen.getByRole("group", { name: "Color: Which color?" })).toBeTruthy();
  });
});
