// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import type { Conversation, Session, Workspace } from "../../../shared/index.ts";
import { routesInside, useConversationsStore } from "./conversations-store.ts";
import { useNavStore } from "./nav-store.ts";
import { closeRemovedScreens, deleteHere, deletingFromHere } from "./removed-screens.ts";
import { useUiStore } from "./ui-store.ts";

const WORKSPACE = { id: "wsp_gone00000001", name: "repo" } as unknown as Workspace;
const SESSION = { id: "ses_gone00000001", workspaceId: WORKSPACE.id, name: "osaka", title: "Fix login" } as unknown as Session;
const CONVERSATION = { id: "cnv_gone00000001", sessionId: SESSION.id, title: "Task" } as unknown as Conversation;
const lists = { workspaces: { [WORKSPACE.id]: WORKSPACE }, sessions: { [SESSION.id]: SESSION }, conversations: { [CONVERSATION.id]: CONVERSATION } };

beforeEach(() => {
  localStorage.clear();
  useUiStore.getState().showNotice(null);
  useUiStore.getState().focusHeading(false);
  useConversationsStore.setState(lists);
});

describe("closeRemovedScreens", () => {
  it("leaves a conversation whose session was deleted elsewhere and says so, instead of a silent Home", () => {
    useNavStore.getState().go({ view: "conversation", id: CONVERSATION.id, messageId: null });
    closeRemovedScreens(useConversationsStore.getState(), routesInside(useConversationsStore.getState(), "session", SESSION.id));
    expect(useNavStore.getState().hash).toBe("");
    expect(useUiStore.getState().notice).toBe("The session “Fix login” you had open was deleted.");
  });

  it("names the workspace when the workspace went, and the conversation when only it went", () => {
    useNavStore.getState().go({ view: "session", id: SESSION.id });
    closeRemovedScreens(lists, routesInside(useConversationsStore.getState(), "workspace", WORKSPACE.id));
    expect(useUiStore.getState().notice).toBe("The workspace “repo” you had open was deleted.");
    useNavStore.getState().go({ view: "conversation", id: CONVERSATION.id, messageId: null });
    closeRemovedScreens(lists, [`#/c/${CONVERSATION.id}`]);
    expect(useUiStore.getState().notice).toBe("The conversation “Task” you had open was deleted.");
  });

  it("closes a deleted thing's tab without a word while another screen is on show", () => {
    useNavStore.getState().go({ view: "session", id: SESSION.id });
    useNavStore.getState().go({ view: "jobs" });
    closeRemovedScreens(lists, routesInside(useConversationsStore.getState(), "session", SESSION.id));
    expect(useNavStore.getState().tabs).not.toContain(`#/s/${SESSION.id}`);
    expect(useNavStore.getState().hash).toBe("#/jobs");
    expect(useUiStore.getState().notice).toBeNull();
  });

  it("closes the screen of what this page deleted itself without saying it was deleted, and says it again for a later one", () => {
    useNavStore.getState().go({ view: "workspace", id: WORKSPACE.id });
    deletingFromHere(`#/w/${WORKSPACE.id}`);
    closeRemovedScreens(lists, routesInside(useConversationsStore.getState(), "workspace", WORKSPACE.id));
    expect(useNavStore.getState().tabs).not.toContain(`#/w/${WORKSPACE.id}`);
    expect(useUiStore.getState().notice).toBeNull();
    useNavStore.getState().go({ view: "workspace", id: WORKSPACE.id });
    closeRemovedScreens(lists, routesInside(useConversationsStore.getState(), "workspace", WORKSPACE.id));
    expect(useUiStore.getState().notice).toBe("The workspace “repo” you had open was deleted.");
  });

  it("closes a conversation this page deleted without a word and gives the next screen's heading the keyboard", async () => {
    useNavStore.getState().go({ view: "conversation", id: CONVERSATION.id, messageId: null });
    await deleteHere(`#/c/${CONVERSATION.id}`, async () => closeRemovedScreens(lists, [`#/c/${CONVERSATION.id}`]));
    expect(useNavStore.getState().tabs).not.toContain(`#/c/${CONVERSATION.id}`);
    expect(useUiStore.getState().notice).toBeNull();
    expect(useUiStore.getState().isHeadingFocusAsked).toBe(true);
  });

  it("forgets a deletion of its own that failed: a later removal of the same thing is news again", async () => {
    await expect(deleteHere(`#/c/${CONVERSATION.id}`, () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    useNavStore.getState().go({ view: "conversation", id: CONVERSATION.id, messageId: null });
    closeRemovedScreens(lists, [`#/c/${CONVERSATION.id}`]);
    expect(useUiStore.getState().notice).toBe("The conversation “Task” you had open was deleted.");
  });

  it("asks for no focus when the screen on show stays", () => {
    useNavStore.getState().go({ view: "jobs" });
    closeRemovedScreens(lists, [`#/c/${CONVERSATION.id}`]);
    expect(useUiStore.getState().isHeadingFocusAsked).toBe(false);
  });
});
