// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_IMAGES_PER_MESSAGE, MAX_PROMPT_CHARS, type ConversationId, type MessageQueue, type SessionId } from "../../../../../shared/index.ts";
import { useConnectionStore } from "../../../stores/connection-store.ts";
import { useQueueStore } from "../../../stores/queue-store.ts";
import { Composer } from "./composer.tsx";
import { requestCompose } from "./compose-requests.ts";
import { isolateDomTests, jsonResponse } from "../../../test-support/dom-tests.ts";

const CNV = "cnv_composer01" as ConversationId;
const EMPTY_QUEUE = { queue: { conversationId: CNV, items: [] } };
/** The server as the composer reads it once images are attached: the conversation's history carries `history`. */
const serverWithHistory = (history: { count: number; base64Chars: number }) =>
  vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(String(url).includes("/history-images") ? history : EMPTY_QUEUE)));

/** A server whose answers wait until the test lets them go, so the box can be typed in while a message is on its way. */
function heldServer() {
  const waiting: Array<() => void> = [];
  const bodies: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => {
    bodies.push(init?.body ? JSON.parse(String(init.body)) : null);
    await new Promise<void>((resolve) => waiting.push(resolve));
    return jsonResponse({ ...EMPTY_QUEUE, ok: true });
  }));
  return {
    bodies,
    release: async () => {
      await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      await act(async () => waiting.splice(0).forEach((go) => go()));
    },
  };
}

const box = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Message" });
/** A paste's clipboard as a browser gives it: its plain text and its files. */
const clipboard = (text: string, files: File[] = []) => ({ files, getData: (type: string) => (type === "text/plain" ? text : "") });
const type = (text: string) => fireEvent.change(box(), { target: { value: text, selectionStart: text.length } });

function renderComposer(status: "idle" | "ready" | "running" | "waiting") {
  render(<Composer id={CNV} status={status} commands={[]} onStop={() => {}} isStopping={false} stopError={null} terminalName={null} />);
}

beforeEach(() => {
  useConnectionStore.setState({ socket: "connecting", detail: null });
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
});
isolateDomTests();

describe("Composer while a message is on its way", () => {
  it("keeps what was typed after Queue was pressed (a slow server must not wipe the next message)", async () => {
    const server = heldServer();
    renderComposer("running");
    type("Dropped message");
    fireEvent.click(screen.getByRole("button", { name: "Queue message" }));
    type("queued one");
    await server.release();
    expect(box().value).toBe("queued one");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Queue message" }).disabled).toBe(false);
    expect(server.bodies[0]).toMatchObject({ text: "Dropped message" });
  });

  it("clears what was sent and keeps only the words added after it", async () => {
    const server = heldServer();
    renderComposer("idle");
    type("Fix the tests");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    type("Fix the tests then run the linter");
    await server.release();
    expect(box().value).toBe("then run the linter");
    type("Now commit");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await server.release();
    expect(box().value).toBe("");
  });

  it("says at once that a pasted text is over what one message takes, and sends nothing until it is shorter", async () => {
    const fetch = vi.fn(async (_url: string) => jsonResponse({ ...EMPTY_QUEUE, ok: true }));
    vi.stubGlobal("fetch", fetch);
    renderComposer("idle");
    type("x".repeat(MAX_PROMPT_CHARS + 1));

    expect(screen.getByRole("alert").textContent).toBe(`The message is 500,001 characters; one message takes at most 500,000. Save the rest in a file in the folder and point Claude to it, or send it in parts.`);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(true);
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(fetch.mock.calls.filter(([url]) => String(url).includes("/messages"))).toEqual([]);
    expect(box().value).toHaveLength(MAX_PROMPT_CHARS + 1);

    type("x".repeat(MAX_PROMPT_CHARS));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(false);
  });

  it("refuses a paste that would put the message over what one takes, keeping what the box had, and says so until the box changes", () => {
    renderComposer("idle");
    type("Look at this log:\n");
    const refused = fireEvent.paste(box(), { clipboardData: clipboard("y".repeat(5_000_000)) });

    // Not cancelled, the browser would put the 5 MB in the box.
    expect(refused).toBe(false);
    expect(box().value).toBe("Look at this log:\n");
    expect(screen.getByRole("alert").textContent).toBe("The pasted text is 5,000,000 characters, so the message would be 5,000,018; one message takes at most 500,000. It was not pasted: save it in a file in the folder and point Claude to it, or paste it in parts.");
    // Typing takes the refusal away; a paste that fits is the browser's to insert.
    type("Look at this log:\n\n");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.paste(box(), { clipboardData: clipboard("y".repeat(MAX_PROMPT_CHARS + 1)) });
    expect(screen.getByRole("alert").textContent).toContain("500,001 characters");
    expect(fireEvent.paste(box(), { clipboardData: clipboard("y".repeat(MAX_PROMPT_CHARS - 19)) })).toBe(true);
    expect(screen.queryByRole("alert")).toBeNull();
    // Over the limit already (typed so), even one more character is refused, and said in words.
    type("y".repeat(MAX_PROMPT_CHARS + 1));
    fireEvent.paste(box(), { clipboardData: clipboard("!") });
    expect(screen.getByRole("alert").textContent).toMatch(/^The pasted text is 1 character, so the message would be 500,002;/);
  });

  it("keeps the text when the server refuses it, and says why", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "conflict", message: "The folder /tmp/x is gone." } }, 409)));
    renderComposer("idle");
    type("Fix the tests");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await screen.findByText(/The folder \/tmp\/x is gone/);
    expect(box().value).toBe("Fix the tests");
  });

  it("drops 'cannot reach the server' once the socket is open again, keeping the text to send; a refusal stays", async () => {
    act(() => useConnectionStore.getState().setSocket("closed", "connection lost"));
    const offline = new TypeError("Failed to fetch");
    vi.stubGlobal("fetch", vi.fn(async () => {
      throw offline;
    }));
    // An unreachable server is said to the user, not logged (lib/rpc.ts logs only faults).
    const logged = vi.spyOn(console, "warn");
    renderComposer("running");
    type("typed while offline");
    fireEvent.click(screen.getByRole("button", { name: "Queue message" }));
    await screen.findByText(/Cannot reach the ChatML server/);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(EMPTY_QUEUE)));
    act(() => useConnectionStore.getState().setSocket("open", null));
    await waitFor(() => expect(screen.queryByText(/Cannot reach the ChatML server/)).toBeNull());
    expect(box().value).toBe("typed while offline");

    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "conflict", message: "The turn budget is used up." } }, 409)));
    fireEvent.click(screen.getByRole("button", { name: "Queue message" }));
    await screen.findByText("The turn budget is used up.");
    act(() => useConnectionStore.getState().setSocket("closed", "connection lost"));
    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(screen.getByText("The turn budget is used up.")).toBeTruthy();
  });
});

describe("Composer's box while Claude is busy", () => {
  it("says Claude waits for the user's answer, not that it works, while a permission or question is asked", () => {
    renderComposer("waiting");
    expect(box().placeholder).toBe("Claude waits for your answer above — queue a message or interrupt");
    cleanup();
    renderComposer("running");
    expect(box().placeholder).toBe("Claude is working — queue a message or interrupt");
  });

  it("says the connection is lost, not that Claude works, with Stop and Interrupt off saying why; typing and Queue go on, and it is live again on reconnect", async () => {
    act(() => useConnectionStore.getState().setSocket("open", null));
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(EMPTY_QUEUE)));
    renderComposer("running");
    act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
    expect(box().placeholder).toBe("Connection lost — what you type is kept on this device");
    const reason = "Waits for the connection: nothing is known to run while it is lost";
    for (const name of ["Stop", "Interrupt and send"]) {
      const button = screen.getByRole<HTMLButtonElement>("button", { name });
      expect(button.disabled).toBe(true);
      expect(button).toHaveProperty("title", reason);
      expect(document.getElementById(button.getAttribute("aria-describedby") ?? "")?.textContent).toBe(reason);
    }
    type("typed while offline");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Queue message" }).disabled).toBe(false);

    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(box().placeholder).toBe("Claude is working — queue a message or interrupt");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Stop" }).disabled).toBe(false);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Interrupt and send" }).disabled).toBe(false);
    expect(screen.getByRole("button", { name: "Stop" }).getAttribute("aria-describedby")).toBeNull();
    expect(box().value).toBe("typed while offline");
  });
});

describe("Composer in an archived session", () => {
  const SES = "ses_composer01" as SessionId;
  const renderArchived = () =>
    render(<Composer id={CNV} status="idle" commands={[]} onStop={() => {}} isStopping={false} stopError={null} terminalName={null} archivedSessionId={SES} />);

  it("offers Unarchive and send: the session comes back first, then the message goes", async () => {
    const urls: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string) => (urls.push(String(url)), jsonResponse({ ...EMPTY_QUEUE, session: { id: SES }, messageId: "msg_1" }))));
    renderArchived();
    expect(screen.queryByRole("button", { name: "Send" })).toBeNull();
    type("Carry on");
    fireEvent.click(screen.getByRole("button", { name: "Unarchive and send" }));
    await waitFor(() => expect(box().value).toBe(""));
    expect(urls.filter((u) => !u.includes("/queue"))).toEqual([`/api/sessions/${SES}/unarchive`, `/api/conversations/${CNV}/messages`]);
  });

  it("keeps the words when the session could not be unarchived, and sends nothing", async () => {
    const urls: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string) => (urls.push(String(url)), jsonResponse({ error: { code: "not_found", message: "Session ses_composer01 was deleted." } }, 404))));
    renderArchived();
    type("Carry on");
    fireEvent.click(screen.getByRole("button", { name: "Unarchive and send" }));
    await screen.findByText(/was deleted/);
    expect(box().value).toBe("Carry on");
    expect(urls.some((u) => u.includes("/messages"))).toBe(false);
  });
});

describe("Composer drafts", () => {
  it("keeps what was typed when the conversation is left or the page hidden before the draft was saved", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(EMPTY_QUEUE)));
    renderComposer("idle");
    type("Half a thought");
    cleanup();
    expect(localStorage.getItem(`chatml.draft.${CNV}`)).toBe("Half a thought");
    renderComposer("idle");
    expect(box().value).toBe("Half a thought");
    type("Half a thought, and the rest");
    window.dispatchEvent(new Event("pagehide"));
    expect(localStorage.getItem(`chatml.draft.${CNV}`)).toBe("Half a thought, and the rest");
  });
});

describe("Composer's height", () => {
  it("fits its text again when it gets narrower (a phone turned upright), without waiting for a key", () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(EMPTY_QUEUE)));
    const observed: Array<() => void> = [];
    vi.stubGlobal("ResizeObserver", class { constructor(callback: () => void) { observed.push(callback); } observe() {} disconnect() {} });
    // jsdom lays nothing out: the box's width and the height its text needs are what the test says.
    let width = 700;
    const widthOf = vi.spyOn(HTMLTextAreaElement.prototype, "clientWidth", "get").mockImplementation(() => width);
    const heightOf = vi.spyOn(HTMLTextAreaElement.prototype, "scrollHeight", "get").mockImplementation(() => (width < 400 ? 90 : 40));
    try {
      renderComposer("idle");
      type("A message long enough to wrap onto three lines on a phone held upright");
      expect(box().style.height).toBe("42px");
      width = 350;
      act(() => observed.forEach((changed) => changed()));
      expect(box().style.height).toBe("92px");
    } finally {
      widthOf.mockRestore();
      heightOf.mockRestore();
    }
  });
});

describe("Composer's queued messages", () => {
  it("takes one back to edit: out of the queue, into the box before what was typed there", async () => {
    const queued = { id: "qmsg_edit0001", text: "Fix the tset", imageCount: 0, createdAt: 1, sendAfter: null, state: "waiting", error: null };
    useQueueStore.getState().put({ conversationId: CNV, items: [queued] } as MessageQueue);
    const fetch = vi.fn(async () => jsonResponse({ queue: { conversationId: CNV, items: [] }, message: { text: "Fix the tset", images: [] } }));
    vi.stubGlobal("fetch", fetch);
    renderComposer("running");
    type("and then commit");
    fireEvent.click(screen.getByRole("button", { name: "Edit queued message 1" }));
    await waitFor(() => expect(box().value).toBe("Fix the tset\n\nand then commit"));
    expect(String((fetch.mock.calls[0] as unknown as [string])[0])).toContain(`/queue/${queued.id}/take-back`);
    expect(screen.queryByTestId("queued-message")).toBeNull();
  });

  it("says the queue is held after a stop, and offers to send each now", async () => {
    const held = { conversationId: CNV, items: [{ id: "qmsg_held0001", text: "Then run the tests", imageCount: 0, createdAt: 1, sendAfter: null, state: "held", error: null }] } as MessageQueue;
    useQueueStore.getState().put(held);
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ queue: held })));
    renderComposer("ready");
    await waitFor(() => expect(screen.getByTestId("queued-message").textContent).toContain("Held 1"));
    expect(screen.getByText(/You stopped Claude, so these wait/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send queued message 1 now" })).toBeTruthy();
  });

  it("takes back a queued message's images beside the ones attached, which keep their names", async () => {
    const queued = { id: "qmsg_edit0002", text: "Look at these", imageCount: 1, createdAt: 1, sendAfter: null, state: "waiting", error: null };
    useQueueStore.getState().put({ conversationId: CNV, items: [queued] } as MessageQueue);
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ queue: { conversationId: CNV, items: [] }, message: { text: "Look at these", images: [{ mediaType: "image/png", data: "iVBORw==" }] } })));
    URL.createObjectURL = () => "blob:mine";
    renderComposer("running");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Image files"), { target: { files: [new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "mine.png", { type: "image/png" })] } });
    });
    await waitFor(() => expect(screen.getByRole("img", { name: "mine.png" })).toBeTruthy());

    fireEvent.click(screen.getByRole("button", { name: "Edit queued message 1" }));

    await waitFor(() => expect(screen.getAllByRole("img").map((img) => img.getAttribute("alt"))).toEqual(["image 1", "mine.png"]));
    expect(screen.getByRole<HTMLImageElement>("img", { name: "mine.png" }).src).toBe("blob:mine");
  });
});

describe("Composer's pasted files", () => {
  it("attaches a pasted image, puts a pasted text file in the box, and says why a binary file was not attached", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(EMPTY_QUEUE)));
    URL.createObjectURL = () => "blob:pasted";
    renderComposer("idle");
    const image = new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "pasted.png", { type: "image/png" });
    const pdf = new File([new Uint8Array(1024)], "report.pdf", { type: "application/pdf" });
    const notes = new File(["- buy milk\n"], "notes.md", { type: "text/markdown" });

    await act(async () => {
      fireEvent.paste(box(), { clipboardData: clipboard("", [image, pdf, notes]) });
    });

    await waitFor(() => expect(screen.getByRole("img", { name: "pasted.png" })).toBeTruthy());
    await waitFor(() => expect(box().value).toBe("`notes.md`\n```md\n- buy milk\n```"));
    expect(screen.getByRole("alert").textContent).toMatch(/^report\.pdf is not text, nor a PNG, JPEG, GIF or WebP image: its contents are binary/);
  });
});

describe("Composer's images against the conversation's history", () => {
  const pasteImages = async (count: number) => {
    URL.createObjectURL = () => "blob:pasted";
    const images = Array.from({ length: count }, (_, i) => new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], `shot-${i}.png`, { type: "image/png" }));
    await act(async () => {
      fireEvent.paste(box(), { clipboardData: clipboard("", images) });
    });
    await waitFor(() => expect(screen.getAllByRole("img")).toHaveLength(count));
  };

  it("says, as they are attached, that images past the API's count a request cannot go, and keeps Send off", async () => {
    serverWithHistory({ count: 98, base64Chars: 98_000 });
    renderComposer("idle");
    type("three more screenshots");
    await pasteImages(3);

    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("This conversation already carries 98 images, and Claude Code sends them all again with every message: with 3 more, Claude's API (at most 100 images a request) would refuse this message and every later one. Send /compact first"));
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Remove shot-0.png" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(false);
  });

  it("warns, leaving Send on, when the history's images as attached come over 32 MB", async () => {
    serverWithHistory({ count: 40, base64Chars: 31_999_990 });
    renderComposer("idle");
    await pasteImages(1);

    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^With these, this conversation's images come to 32\.0 MB as attached.*send \/compact or start a new conversation\.$/));
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(false);
  });
});

describe("Composer's Edit of a sent message", () => {
  it("puts the message before what was typed, once however often Edit is pressed", async () => {
    renderComposer("idle");
    type("a thought in progress");

    act(() => requestCompose(CNV, "Rename the module"));
    await waitFor(() => expect(box().value).toBe("Rename the module\n\na thought in progress"));
    act(() => requestCompose(CNV, "Rename the module"));
    expect(box().value).toBe("Rename the module\n\na thought in progress");

    // A box that merely starts with the same words still gets the message.
    type("Rename the modules too");
    act(() => requestCompose(CNV, "Rename the module"));
    expect(box().value).toBe("Rename the module\n\nRename the modules too");
  });

  it("keeps every image of a message put back past the limit, and says how many to remove before it can be sent", async () => {
    serverWithHistory({ count: 0, base64Chars: 0 });
    renderComposer("idle");
    const images = Array.from({ length: MAX_IMAGES_PER_MESSAGE + 2 }, (_, i) => ({ mediaType: "image/png" as const, data: `iVBORw${i}==` }));

    act(() => requestCompose(CNV, "Compare them", images));

    await waitFor(() => expect(screen.getAllByRole("img")).toHaveLength(MAX_IMAGES_PER_MESSAGE + 2));
    expect(screen.getByRole("alert").textContent).toBe(`A message holds at most ${MAX_IMAGES_PER_MESSAGE} images: remove 2 to send it.`);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Remove image 1" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove image 2" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(false);
  });
});
