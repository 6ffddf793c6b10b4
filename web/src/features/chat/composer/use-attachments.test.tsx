// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredImage } from "./draft-images.ts";
import { MAX_IMAGES_PER_MESSAGE, MAX_MESSAGE_IMAGES_BYTES, SendMessageInput } from "../../../../../shared/index.ts";
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

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const png = (name: string) => new File([new Uint8Array(PNG_SIGNATURE)], name, { type: "image/png" });
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
  it("takes an image for what its bytes are, and refuses a file that is no image whatever its name", async () => {
    const { result } = renderHook(() => useAttachments("cnv_kind"));
    await finishReads();
    const jpegNamedPng = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])], "photo.png", { type: "image/png" });
    const renamedText = new File(["these are notes, not a picture"], "notes.png", { type: "image/png" });
    await act(() => result.current.add([jpegNamedPng, renamedText]));
    expect(result.current.items.map((i) => [i.name, i.mediaType])).toEqual([["photo.png", "image/jpeg"]]);
    expect(result.current.error).toBe("notes.png is not a PNG, JPEG, GIF or WebP image: its contents are not one, whatever its name says.");
  });

  it("lets a refusal go once a message is sent or another conversation shows, where it stayed under the composer", async () => {
    const { result, rerender } = renderHook(({ id }) => useAttachments(id), { initialProps: { id: "cnv_refused" } });
    await finishReads();
    await act(() => result.current.add([new File(["%PDF-1.4"], "doc.pdf", { type: "application/pdf" })]));
    expect(result.current.error).toBe("doc.pdf is not a PNG, JPEG, GIF or WebP image.");
    act(() => result.current.clearSent([]));
    expect(result.current.error).toBeNull();

    await act(() => result.current.add([new File(["notes"], "notes.txt", { type: "text/plain" })]));
    expect(result.current.error).toContain("notes.txt");
    rerender({ id: "cnv_other" });
    expect(result.current.error).toBeNull();
  });

  it("refuses at once an image Claude's API would refuse (over 5 MB once encoded), naming the limit; the API refuses it too", async () => {
    const { result } = renderHook(() => useAttachments("cnv_large"));
    await finishReads();
    const bytes = new Uint8Array(3 * 1024 * 1024 + 800 * 1024);
    bytes.set(PNG_SIGNATURE);
    await act(() => result.current.add([new File([bytes], "screenshot.png", { type: "image/png" }), png("small.png")]));
    expect(result.current.items.map((i) => i.name)).toEqual(["small.png"]);
    expect(result.current.error).toBe("screenshot.png is 3.78 MB: Claude's API refuses an image over 5 MB once encoded, so an image file can be at most 3.75 MB. Save it smaller (a lower resolution, or as JPEG) and attach it again.");
    const data = Buffer.from(bytes).toString("base64");
    expect(data.length).toBeGreaterThan(5 * 1024 * 1024);
    const sent = SendMessageInput.safeParse({ commandId: "cmd_large0000001", text: "", images: [{ mediaType: "image/png", data }] });
    expect(sent.error?.issues[0]?.message).toMatch(/^The image is 3\.78 MB: Claude's API refuses an image over 5 MB once encoded/);
  });

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

  it("refuses an image past the message's limit, saying which, and keeps the ones it has", async () => {
    const { result } = renderHook(() => useAttachments("cnv_a"));
    await finishReads();
    const files = Array.from({ length: MAX_IMAGES_PER_MESSAGE + 1 }, (_, i) => png(`shot-${i + 1}.png`));

    await act(() => result.current.add(files));

    expect(result.current.items.map((i) => i.name)).toEqual(files.slice(0, MAX_IMAGES_PER_MESSAGE).map((f) => f.name));
    expect(result.current.error).toBe(`A message holds at most ${MAX_IMAGES_PER_MESSAGE} images: shot-${MAX_IMAGES_PER_MESSAGE + 1}.png was not added.`);
    expect(result.current.limitProblem).toBeNull();
  });

  it("refuses an image that would take the message's images over what one request to Claude's API carries, naming the limit; the API refuses it too", async () => {
    const { result } = renderHook(() => useAttachments("cnv_together"));
    await finishReads();
    // Each within the one-image limit (3.75 MB); the fifth takes them over the 15 MB a message's images may take.
    const bytes = new Uint8Array(3.5 * 1024 * 1024);
    bytes.set(PNG_SIGNATURE);
    const files = Array.from({ length: 5 }, (_, i) => new File([bytes], `page-${i + 1}.png`, { type: "image/png" }));

    await act(() => result.current.add(files));

    expect(result.current.items.map((i) => i.name)).toEqual(["page-1.png", "page-2.png", "page-3.png", "page-4.png"]);
    expect(result.current.error).toBe(
      "The images come to 17.50 MB: Claude's API refuses a request over 32 MB, which also carries the conversation, so one message's images can be at most 15.00 MB together. Send some in a message of their own, or save them smaller. page-5.png was not added.",
    );
    expect(result.current.limitProblem).toBeNull();
    const data = Buffer.from(bytes).toString("base64");
    const sent = SendMessageInput.safeParse({ commandId: "cmd_together0001", text: "", images: files.map(() => ({ mediaType: "image/png", data })) });
    expect(sent.error?.issues.map((issue) => issue.message)).toEqual([expect.stringMatching(/^The images come to 17\.50 MB: .* at most 15\.00 MB together\./)]);
  });

  it("puts a message's images before the attached ones, which keep their names and previews, and drops none past the limit", async () => {
    const { result } = renderHook(() => useAttachments("cnv_a"));
    await finishReads();
    await act(() => result.current.add([png("mine.png")]));
    const mine = result.current.items[0];

    act(() => result.current.prepend(Array.from({ length: MAX_IMAGES_PER_MESSAGE }, () => ({ mediaType: "image/png" as const, data: "iVBORw==" }))));
    act(() => result.current.prepend([{ mediaType: "image/png", data: "R0lGOD==" }]));

    const names = result.current.items.map((i) => i.name);
    expect(names).toHaveLength(MAX_IMAGES_PER_MESSAGE + 2);
    expect(new Set(names).size).toBe(names.length);
    expect(result.current.items.at(-1)).toBe(mine);
    expect(result.current.limitProblem).toBe(`A message holds at most ${MAX_IMAGES_PER_MESSAGE} images: remove 2 to send it.`);
    await waitFor(() => expect(drafts.stored.get("cnv_a")).toHaveLength(MAX_IMAGES_PER_MESSAGE + 2));
  });

  it("says when a message's images put back beside the attached ones are too large together to send", async () => {
    const { result } = renderHook(() => useAttachments("cnv_put_back"));
    await finishReads();
    const large = "A".repeat((MAX_MESSAGE_IMAGES_BYTES / 3) * 4 * 0.6);

    act(() => result.current.prepend([{ mediaType: "image/png", data: large }]));
    expect(result.current.limitProblem).toBeNull();
    act(() => result.current.prepend([{ mediaType: "image/png", data: large }]));

    expect(result.current.items).toHaveLength(2);
    expect(result.current.limitProblem).toMatch(/^The images come to 18\.00 MB: .* at most 15\.00 MB together\./);
  });

  it("frees a picked image's preview once it is removed or sent", async () => {
    let made = 0;
    URL.createObjectURL = () => `blob:preview-${++made}`;
    const revoked: string[] = [];
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    const { result, unmount } = renderHook(() => useAttachments("cnv_a"));
    await finishReads();
    await act(() => result.current.add([png("one.png"), png("two.png"), png("three.png")]));
    const [one, two] = result.current.items;

    act(() => result.current.remove(one?.key ?? ""));
    expect(revoked).toEqual(["blob:preview-1"]);
    act(() => result.current.clearSent(two ? [two] : []));
    expect(revoked).toEqual(["blob:preview-1", "blob:preview-2"]);
    unmount();
    expect(revoked).toEqual(["blob:preview-1", "blob:preview-2", "blob:preview-3"]);
  });
});
