import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONVERSATION_COMPACTED_NOTICE, MAX_HISTORY_IMAGES } from "../../../shared/api/history-images.ts";
import { newId, type ConversationId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Part } from "../../../shared/protocol/model.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { checkHistoryImages, historyImagesOf } from "./history-images.ts";

let t: TempDb;
let conversationId: ConversationId;
let at = 0;
beforeEach(() => {
  t = openTempDb();
  conversationId = seedConversation(t.repos).conversation.id;
});
afterEach(() => t.cleanup());

/** A user message with `count` images of `bytes` each, stored as a send stores it (blobs, then the message). */
function sendImages(count: number, bytes = 300) {
  const parts: Part[] = Array.from({ length: count }, () => ({ id: newId("part"), kind: "image", blobId: t.repos.blobs.put(new Uint8Array(bytes), "image/png"), mediaType: "image/png" }));
  at += 1000;
  t.repos.events.appendBatch(conversationId, [{ type: "message.created", message: { id: newId("message"), role: "user", parentToolUseId: null, model: null, createdAt: at, parts } }], at);
}

const images = (count: number, chars = 400) => Array.from({ length: count }, () => ({ data: "A".repeat(chars) }));

describe("the images a conversation's Claude history carries", () => {
  it("counts the stored images of the user's messages and their base64 size, back to the last compaction", () => {
    sendImages(10);
    sendImages(5, 3);
    expect(historyImagesOf(t.repos, conversationId)).toEqual({ count: 15, base64Chars: 10 * 400 + 5 * 4 });

    at += 1000;
    t.repos.events.appendBatch(conversationId, [{ type: "notice", level: "info", text: CONVERSATION_COMPACTED_NOTICE }], at);
    expect(historyImagesOf(t.repos, conversationId)).toEqual({ count: 0, base64Chars: 0 });
    sendImages(2);
    expect(historyImagesOf(t.repos, conversationId)).toEqual({ count: 2, base64Chars: 800 });
  });

  it("refuses images that would take the history past what one API request takes, naming the count and the way out", () => {
    for (let i = 0; i < 9; i++) sendImages(10);
    sendImages(8);
    expect(checkHistoryImages(t.repos, conversationId, images(2))).toBeNull();

    const refused = (() => {
      try {
        checkHistoryImages(t.repos, conversationId, images(3));
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("bad_request");
    expect((refused as AppError).message).toBe(
      `This conversation already carries 98 images, and Claude Code sends them all again with every message: with 3 more, Claude's API (at most ${MAX_HISTORY_IMAGES} images a request) would refuse this message and every later one. Send /compact first (Claude Code sums the conversation up without its images), or start a new conversation for them.`,
    );
    expect(checkHistoryImages(t.repos, conversationId, [])).toBeNull();
  });

  it("warns, without refusing, when the history's images as attached come over 32 MB", () => {
    sendImages(10, 2_000_000);
    expect(checkHistoryImages(t.repos, conversationId, images(1, 1_000_000))).toBeNull();
    expect(checkHistoryImages(t.repos, conversationId, images(2, 4_000_000))).toMatch(/^With these, this conversation's images come to 34\.7 MB as attached.*refuses a request over 32 MB.*send \/compact or start a new conversation\.$/);
  });
});
