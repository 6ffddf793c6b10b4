// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredImage } from "./draft-images.ts";
import { useAttachments } from "./use-attachments.ts";
import { isolateDomTests } from "../../../test-support/dom-tests.ts";

/** The stored drafts, read only when the test lets the read finish (as a slow IndexedDB does). */
const drafts = vi.hoisted(() => ({ stored: new Map<string, StoredImage[]>(), reads: [] as Array<() => void>, saves: [] as Array<[string, string[]]>, held: null as Array<() => void> | null }));
vi.mock("./draft-images.ts", () => ({
  loadDraftImages: (conversationId: string) => new Promise((resolve) => drafts.reads.push(() => resolve(drafts.stored.get(conversationId) ?? []))),
  saveDraftImages: async (conversationId: string, images: StoredImage[]) => {
    drafts.saves.push([conversationId, images.map((i) => i.name)]);
    if (drafts.held) await new Promise<void>((resolve) => drafts.held?.push(resolve));
    drafts.stored.set(conversationId, images);
  },
}));

const png = (name: string) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: "image/png" });
const stored = (name: string): StoredImage => ({ key: `key-${name}`, name, mediaType: "image/png", data: "iVBORw==" });
const finishReads = () => act(async () => drafts.reads.splice(0).forEach((read) => read()));

isolateDomTests();
beforeEach(() => {
  drafts.stored.clear();
  drafts.reads.length = 0;
  drafts.saves.length = 0;
  drafts.held = null;
  URL.createObjectURL = () => "blob:preview";
});

describe("useAttachments", () => {
  it("keeps an image attached before the stored ones were read, beside them, and saves both", async () => {
    drafts.stored.set("cnv_a", [stored("before-reload.png")]);
    const { result } = renderHook(() => useAttachments("cnv_a"));
    await act(() => result.current.add([png("just-now.png")]));
    expect(result.current.items.map((i) => i.name)).toEqual(["just-now.png"]);

    await finishReads();

    expect(result.current.items.map((i) => i.name)).toEqual(["before-reload.png", "just-now.png"]);
    await waitFor(() => expect(drafts.stored.get("cnv_a")?.map((i) => i.name)).toEqual(["before-reload.png", "just-now.png"]));
  });

  it("never carries one conversation's images into another", async () => {
    drafts.stored.set("cnv_b", [stored("b.png")]);
    const { result, rerender } = renderHook(({ id }) => useAttachments(id), { initialProps: { id: "cnv_a" } });
    await finishReads();
    await act(() => result.current.add([png("a.png")]));

    rerender({ id: "cnv_b" });
    expect(result.current.items).toEqual([]);
    await finishReads();

    expect(result.current.items.map((i) => i.name)).toEqual(["b.png"]);
    expect(drafts.stored.get("cnv_a")?.map((i) => i.name)).toEqual(["a.png"]);
    expect(drafts.saves.filter(([id]) => id === "cnv_b").flatMap(([, names]) => names)).not.toContain("a.png");
  });

  it("stores an image before it shows, so a reload right after it appears keeps it", async () => {
    const { result } = renderHook(() => useAttachments("cnv_a"));
    await finishReads();
    drafts.held = [];
    let added: Promise<void> | undefined;
    act(() => {
      added = result.current.add([png("shot.png")]);
    });
    await waitFor(() => expect(drafts.held?.length).toBe(1));
    expect(result.current.items).toEqual([]);
    await act(async () => {
      drafts.held?.splice(0).forEach((go) => go());
      await added;
    });
    expect(drafts.stored.get("cnv_a")?.map((i) => i.name)).toEqual(["shot.png"]);
    expect(result.current.items.map((i) => i.name)).toEqual(["shot.png"]);
  });
});
