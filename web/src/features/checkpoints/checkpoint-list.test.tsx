// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Checkpoint, ConversationId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { CheckpointList } from "./checkpoint-list.tsx";

isolateDomTests();

const CNV = "cnv_checkpoints1" as ConversationId;
const checkpoint = (n: number): Checkpoint => ({ id: `chk_${n}`, conversationId: CNV, messageId: `msg_${n}`, kind: "turn", label: `message ${n}`, createdAt: n });

describe("the checkpoint list", () => {
  it("shows the checkpoint of a turn another device started while the list was open", async () => {
    const stored = [checkpoint(1)];
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ checkpoints: [...stored] })));
    const { rerender } = render(<CheckpointList id={CNV} isBusy={false} />);
    await screen.findByRole("button", { name: "Rewind files to before message 1" });

    stored.push(checkpoint(2));
    rerender(<CheckpointList id={CNV} isBusy={true} />);
    expect(await screen.findByRole("button", { name: "Rewind files to before message 2" })).toBeTruthy();
  });
});
