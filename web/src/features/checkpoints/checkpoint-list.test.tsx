// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Checkpoint, CheckpointListing, ConversationId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { CheckpointList } from "./checkpoint-list.tsx";

isolateDomTests();

const CNV = "cnv_checkpoints1" as ConversationId;
const checkpoint = (n: number): Checkpoint => ({ id: `chk_${n}`, conversationId: CNV, messageId: `msg_${n}`, kind: "turn", label: `message ${n}`, createdAt: n });

describe("the checkpoint list", () => {
  it("shows the checkpoint of a turn another device started while the list was open", async () => {
    const stored = [checkpoint(1)];
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ checkpoints: [...stored], undo: null, isGitFolder: true })));
    const { rerender } = render(<CheckpointList id={CNV} isBusy={false} />);
    await screen.findByRole("button", { name: "Rewind files to before “message 1”" });

    stored.push(checkpoint(2));
    rerender(<CheckpointList id={CNV} isBusy={true} />);
    expect(await screen.findByRole("button", { name: "Rewind files to before “message 2”" })).toBeTruthy();
  });

  it("shows a refused rewind in its confirm box, and a failed preview on its checkpoint's row, not below the list", async () => {
    const refusal = "Another conversation in this folder is working; stop or finish its turn first.";
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url.endsWith("/checkpoints")) return jsonResponse({ checkpoints: [checkpoint(1), checkpoint(2), checkpoint(3)], undo: null, isGitFolder: true });
        if (url.includes("/chk_2/preview")) return jsonResponse({ error: { code: "not_found", message: "That checkpoint is gone." } }, 404);
        if (url.endsWith("/preview")) return jsonResponse({ preview: { checkpoint: checkpoint(1), files: [{ path: "a.txt", change: "restored" }], patch: "", isTruncated: false } });
        if (url.endsWith("/rewind") && init?.method === "POST") return jsonResponse({ error: { code: "conflict", message: refusal } }, 409);
        throw new Error(`unexpected ${url}`);
      }),
    );
    render(<CheckpointList id={CNV} isBusy={false} />);
    fireEvent.click(await screen.findByRole("button", { name: "Rewind files to before “message 1”" }));
    const confirm = await screen.findByRole("alertdialog", { name: "Confirm rewind" });
    fireEvent.click(within(confirm).getByRole("button", { name: "Rewind files" }));
    expect((await within(confirm).findByRole("alert")).textContent).toBe(refusal);
    expect(screen.getAllByRole("alert")).toHaveLength(1);

    fireEvent.click(screen.getByRole("button", { name: "Rewind files to before “message 2”" }));
    const row = screen.getByRole("button", { name: "Rewind files to before “message 2”" }).closest("li") as HTMLElement;
    expect((await within(row).findByRole("alert")).textContent).toBe("That checkpoint is gone.");
    expect(within(confirm).queryByRole("alert")).toBeNull();
  });

  it("says a folder that is not a git repository takes no checkpoints, and how to have them", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ checkpoints: [], undo: null, isGitFolder: false })));
    render(<CheckpointList id={CNV} isBusy={false} />);
    expect((await screen.findByRole("note")).textContent).toBe("This folder is not a git repository, so no checkpoints are taken and its files cannot be rewound. Run git init in it to have them from the next message.");
    expect(screen.queryByText(/taken before every message/)).toBeNull();
  });

  it("names the point saved before a rewind by what rewinding to it does, not 'to before Before rewinding…'", async () => {
    const saved: Checkpoint = { ...checkpoint(2), kind: "before-rewind", messageId: null, label: "Before rewinding to “message 1”" };
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ checkpoints: [checkpoint(1), saved], undo: null, isGitFolder: true })));
    render(<CheckpointList id={CNV} isBusy={false} />);
    expect(await screen.findByRole("button", { name: "Rewind files to how they were before rewinding to “message 1”" })).toBeTruthy();
  });

  it("offers 'Undo rewind' as the server says, after a reload or on another device, and drops it when the timeline moves on", async () => {
    const saved: Checkpoint = { ...checkpoint(2), kind: "before-rewind", messageId: null, label: "Before rewinding to “message 1”" };
    let listing: CheckpointListing = { checkpoints: [checkpoint(1), saved], undo: saved, isGitFolder: true };
    const rewound: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith("/rewind") && init?.method === "POST") {
        rewound.push(url);
        listing = { checkpoints: [...listing.checkpoints, { ...saved, id: "chk_3", label: "Before undoing a rewind" }], undo: null, isGitFolder: true };
        return jsonResponse({ undo: listing.checkpoints.at(-1), files: [] });
      }
      return jsonResponse(listing);
    }));
    const { rerender } = render(<CheckpointList id={CNV} isBusy={false} changes={4} />);
    fireEvent.click(await screen.findByRole("button", { name: "Undo rewind" }));
    await screen.findByRole("button", { name: "Rewind files to how they were before undoing a rewind" });
    expect(rewound).toEqual([expect.stringContaining("/chk_2/rewind")]);
    expect(screen.queryByRole("button", { name: "Undo rewind" })).toBeNull();

    listing = { checkpoints: [checkpoint(1), saved], undo: saved, isGitFolder: true };
    rerender(<CheckpointList id={CNV} isBusy={false} changes={5} />);
    await screen.findByRole("button", { name: "Undo rewind" });
    listing = { checkpoints: [checkpoint(1), saved, checkpoint(3)], undo: null, isGitFolder: true };
    rerender(<CheckpointList id={CNV} isBusy={false} changes={6} />);
    await screen.findByRole("button", { name: "Rewind files to before “message 3”" });
    expect(screen.queryByRole("button", { name: "Undo rewind" })).toBeNull();
  });
});
