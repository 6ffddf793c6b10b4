// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useNavStore } from "../../stores/nav-store.ts";
import { UserText, userTextPreview } from "./user-text.tsx";

afterEach(() => {
  cleanup();
  useNavStore.setState({ hash: "" });
});

const log = Array.from({ length: 400 }, (_, i) => `line ${i + 1}: TypeError at frame ${i}`).join("\n");

describe("userTextPreview", () => {
  it("leaves a short message whole, and one a few lines over the preview too", () => {
    expect(userTextPreview("Fix the failing test in src/math.js")).toBeNull();
    expect(userTextPreview(Array.from({ length: 14 }, (_, i) => `step ${i}`).join("\n"))).toBeNull();
  });

  it("keeps the first lines of a long paste", () => {
    const preview = userTextPreview(log);
    expect(preview?.split("\n")).toHaveLength(12);
    expect(preview?.startsWith("line 1: TypeError")).toBe(true);
  });

  it("cuts one long line at its start, and long lines at a line end", () => {
    expect(userTextPreview("x".repeat(5_000))).toHaveLength(1_200);
    const wide = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(300, "-")).join("\n");
    const preview = userTextPreview(wide) ?? "";
    expect(preview.length).toBeLessThanOrEqual(1_200);
    expect(preview.endsWith("-")).toBe(true);
    expect(wide.startsWith(preview)).toBe(true);
  });
});

describe("UserText", () => {
  it("shows a long message's start and the rest on request", () => {
    render(<UserText text={log} messageId="msg_1" />);
    expect(screen.queryByText(/line 400:/)).toBeNull();
    const more = screen.getByRole("button", { name: "Show all 400 lines" });
    expect(more.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(more);
    expect(screen.getByText(/line 400:/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show less" }));
    expect(screen.queryByText(/line 400:/)).toBeNull();
  });

  it("opens a long message a link points at, and still lets it be folded", () => {
    useNavStore.setState({ hash: "#/c/cnv_1/m/msg_1" });
    render(<UserText text={log} messageId="msg_1" />);
    expect(screen.getByText(/line 400:/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show less" }));
    expect(screen.queryByText(/line 400:/)).toBeNull();
  });

  it("shows a short message whole, with no button", () => {
    render(<UserText text="Fix the failing test" messageId="msg_2" />);
    expect(screen.getByText("Fix the failing test")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
