// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { CommandCatalog, ConversationId } from "../../../../../shared/index.ts";
import type { ConversationView } from "../../../protocol/conversation-view.ts";
import { isolateDomTests, jsonResponse } from "../../../test-support/dom-tests.ts";
import { useCommandCatalog } from "./use-command-catalog.ts";

isolateDomTests();

const catalog = (names: string[]): CommandCatalog => ({ cliVersion: "2.1.332", commands: names.map((name) => ({ name, description: "", argumentHint: "" })), models: [] });

describe("useCommandCatalog", () => {
  it("reads the catalog again when the page is shown again: a skill switched off on another device meanwhile is no longer offered", async () => {
    let names = ["ship", "tdd"];
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ catalog: catalog(names) })));
    const view = { capabilities: null, cliSession: null } as unknown as ConversationView;
    const { result } = renderHook(() => useCommandCatalog("cnv_catalog00001" as ConversationId, view));
    await waitFor(() => expect(result.current.commands.map((c) => c.name)).toEqual(["ship", "tdd"]));
    names = ["tdd"];
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    await waitFor(() => expect(result.current.commands.map((c) => c.name)).toEqual(["tdd"]));
  });
});
