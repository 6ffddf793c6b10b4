import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { MATCH_END, MATCH_START } from "./search-marks.ts";
import { SearchRepo, toFtsQuery } from "./search-repo.ts";
import { assistantMessage, openTempDb, seedConversation, textPart, type TempDb } from "./test-support.ts";

let t: TempDb;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => t.cleanup());

describe("full-text search over messages (FTS5, kept by the projection's writes)", () => {
  it("finds user and assistant text with marked snippets, follows part updates, and survives a reopen", async () => {
    const { conversation } = seedConversation(t.repos);
    const part = textPart("The flaky login test times out on CI");
    const message = assistantMessage([part]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 10);
    const user = { ...assistantMessage([textPart("please look at the database migration")]), role: "user" as const };
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: user }], 11);
    const [hit] = (await t.repos.search.search("login", 10));
    expect(hit).toMatchObject({ conversationId: conversation.id, messageId: message.id, role: "assistant", conversationTitle: conversation.title, jobId: null, conversationCreatedAt: conversation.createdAt });
    expect(hit?.snippet).toContain(`${MATCH_START}login${MATCH_END}`);
    expect((await t.repos.search.search("migr", 10)).map((h) => h.messageId)).toEqual([user.id]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.part.updated", messageId: message.id, part: { ...part, text: "now about logout" } }], 12);
    expect(await t.repos.search.search("login", 10)).toEqual([]);
    t = t.reopen();
    expect(await t.repos.search.search("logout", 10)).toHaveLength(1);
  });

  it("puts messages with the whole word first, before longer words it begins, however many of those are newer", async () => {
    const { conversation } = seedConversation(t.repos);
    const exact = { ...assistantMessage([textPart("we deploy tonight at nine")]), createdAt: 1 };
    const longer = Array.from({ length: 40 }, (_, i) => ({ ...assistantMessage([textPart(`we deploying tonight at ${i}`)]), createdAt: 100 + i }));
    t.repos.events.appendBatch(conversation.id, [exact, ...longer].map((message) => ({ type: "message.created" as const, message })), 1);

    const hits = (await t.repos.search.search("deploy", 30));

    expect(hits[0]?.messageId).toBe(exact.id);
    expect(hits).toHaveLength(30);
    expect(hits[1]?.messageId).toBe(longer.at(-1)?.id);
  });

  it("treats operators and quotes in the query as plain words", async () => {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([{ id: newId("part"), kind: "text", text: "use NOT operator: a-b" }]) }], 1);
    for (const q of ['"', "NOT", "a-b", "col:x", "(", "*"]) await expect(t.repos.search.search(q, 5)).resolves.toBeInstanceOf(Array);
    expect(await t.repos.search.search("a-b", 5)).toHaveLength(1);
    expect(toFtsQuery(' fix  "login" ')).toBe('"fix" "login"*');
  });

  it("finds Chinese and Japanese inside a run of characters, and emoji", async () => {
    const { conversation } = seedConversation(t.repos);
    const zh = assistantMessage([textPart("我们需要修复登录测试的问题")]);
    const ja = assistantMessage([textPart("テストが失敗しました。ログを確認してください")]);
    const emoji = assistantMessage([textPart("Shipped it 🎉 finally")]);
    t.repos.events.appendBatch(conversation.id, [zh, ja, emoji].map((message) => ({ type: "message.created" as const, message })), 1);
    expect((await t.repos.search.search("登录测试", 10)).map((h) => h.messageId)).toEqual([zh.id]);
    expect((await t.repos.search.search("失敗", 10)).map((h) => h.messageId)).toEqual([ja.id]);
    expect((await t.repos.search.search("🎉", 10)).map((h) => h.messageId)).toEqual([emoji.id]);
    expect((await t.repos.search.search("登录测试", 10))[0]?.snippet).toContain(`${MATCH_START}登录测试${MATCH_END}`);
    expect(await t.repos.search.search("café 🎉", 10)).toEqual([]);
  });

  it("marks each word of a mixed query where it was found, whatever its case, and a word inside another only once", async () => {
    const { conversation } = seedConversation(t.repos);
    const message = assistantMessage([textPart("Fixed the React 组件 test (renders twice)")]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);

    const [hit] = (await t.repos.search.search("react 组件 re (", 10));

    expect(hit?.messageId).toBe(message.id);
    expect(hit?.snippet).toBe(`Fixed the ${MATCH_START}React${MATCH_END} ${MATCH_START}组件${MATCH_END} test ${MATCH_START}(${MATCH_END}${MATCH_START}re${MATCH_END}nders twice)`);
  });
});

describe("marks in a search result", () => {
  const marked = (snippet: string | undefined) => snippet?.replaceAll(MATCH_START, "[").replaceAll(MATCH_END, "]");

  it("marks a match ending in punctuation up to its last character, as typed, in every script", async () => {
    const { conversation } = seedConversation(t.repos);
    const texts = ["call foo(bar) now", "the value (x) is set", 'say "quoted(thing)" ok', "emoji 🎉 then go(🎉) done", "修复 (测试) 完成", "Café(s) crème"];
    t.repos.events.appendBatch(conversation.id, texts.map((text) => ({ type: "message.created" as const, message: assistantMessage([textPart(text)]) })), 1);
    const snippetFor = async (query: string) => marked((await t.repos.search.search(query, 10))[0]?.snippet);

    expect(await snippetFor("foo(bar)")).toBe("call [foo(bar)] now");
    expect(await snippetFor("(x)")).toBe("the value [(x)] is set");
    expect(await snippetFor('"quoted(thing)"')).toBe('say "[quoted(thing)]" ok');
    expect(await snippetFor("go(🎉)")).toBe("emoji 🎉 then [go(🎉)] done");
    expect(await snippetFor("(测试)")).toBe("修复 [(测试)] 完成");
    expect(await snippetFor("café(s)")).toBe("[Café(s)] crème");
  });

  it("keeps FTS5's marks where the typed word is not in the text as typed (accents folded, a prefix)", async () => {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([textPart("the café opens at nine")]) }], 1);
    expect(marked((await t.repos.search.search("cafe", 10))[0]?.snippet)).toBe("the [café] opens at nine");
    expect(marked((await t.repos.search.search("ope", 10))[0]?.snippet)).toBe("the café [opens] at nine");
  });
});

describe("deferred indexing", () => {
  it("stores a part without tokenizing it; the indexer catches up, and a search never misses a stored part", async () => {
    const { conversation } = seedConversation(t.repos);
    const message = assistantMessage([textPart("deferred tokens here")]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
    expect(t.repos.search.pendingCount()).toBe(1);
    expect(t.repos.search.indexPending()).toBe(1);
    expect(t.repos.search.pendingCount()).toBe(0);
    expect(t.repos.search.indexPending()).toBe(0);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.part.updated", messageId: message.id, part: { ...(message.parts[0] as ReturnType<typeof textPart>), text: "changed words" } }], 2);
    expect(t.repos.search.pendingCount()).toBe(1);
    expect(await t.repos.search.search("changed", 10)).toHaveLength(1);
    expect(await t.repos.search.search("deferred", 10)).toEqual([]);
  });

  it("leaves a part that is still streaming to the settled-only indexer, but a search still finds its text", async () => {
    const { conversation } = seedConversation(t.repos);
    const part = textPart("half an answer");
    const message = assistantMessage([]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.part.updated", messageId: message.id, part: { ...part, streamState: "streaming" } }], 2);
    expect(t.repos.search.indexPending(10, { isSettledOnly: true })).toBe(0);
    expect(t.repos.search.pendingCount()).toBe(1);
    expect(await t.repos.search.search("half", 10)).toHaveLength(1);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.part.updated", messageId: message.id, part: { ...part, text: "a whole answer" } }], 3);
    expect(t.repos.search.indexPending(10, { isSettledOnly: true })).toBe(1);
    expect(await t.repos.search.search("whole", 10)).toHaveLength(1);
  });

  it("tokenizes past the first part only as much text as a step allows", () => {
    const { conversation } = seedConversation(t.repos);
    const long = "word ".repeat(2000);
    const messages = [long, long, "short"].map((text) => assistantMessage([textPart(text)]));
    t.repos.events.appendBatch(conversation.id, messages.map((message) => ({ type: "message.created" as const, message })), 1);
    expect(t.repos.search.indexPending(10, { maxChars: 100 })).toBe(1);
    expect(t.repos.search.indexPending(10, { maxChars: 15_000 })).toBe(2);
    expect(t.repos.search.pendingCount()).toBe(0);
  });

  it("keeps what was not indexed yet across a crash (reopen) and indexes it then", async () => {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([textPart("survives the crash")]) }], 1);
    t = t.reopen();
    expect(t.repos.search.pendingCount()).toBe(1);
    expect(await t.repos.search.search("survives", 10)).toHaveLength(1);
  });
});


describe("a search with a backlog the indexer has not reached (ADR 0197)", () => {
  const longAnswer = (i: number) => `answer ${i} ${"several plain words of a long answer ".repeat(1_700)}`;
  const ftsRows = (table: string) => t.db.sqlite.query<{ rowid: number }, []>(`SELECT rowid FROM ${table} ORDER BY rowid`).all().map((row) => row.rowid);

  it("finds a message stored a moment ago without indexing anything, and lets the loop go while it scans", async () => {
    // The whole scan takes ~6–11 ms here, about one slice (8 ms): with slices of 0 ms it lets go after every batch on
    // a machine of any speed (CI fc111: a quick scan never let go).
    const search = new SearchRepo(t.db, 0);
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, Array.from({ length: 60 }, (_, i) => ({ type: "message.created" as const, message: assistantMessage([textPart(longAnswer(i))]) })), 1);
    const fresh = assistantMessage([textPart("the café reopened just now")]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: fresh }], 2);
    let loopRanDuringSearch = false;
    setImmediate(() => (loopRanDuringSearch = true));

    const hits = await search.search("cafe reop", 10);

    expect(hits.map((hit) => hit.messageId)).toEqual([fresh.id]);
    expect(hits[0]?.snippet).toBe(`the ${MATCH_START}café${MATCH_END} ${MATCH_START}reopened${MATCH_END} just now`);
    expect(t.repos.search.pendingCount()).toBe(61);
    expect(loopRanDuringSearch).toBe(true);
  });

  it("finds a part exactly once however far the indexer got, and an updated part by its new text only", async () => {
    const { conversation } = seedConversation(t.repos);
    const parts = [textPart("first deploy note"), textPart("second deploy note"), textPart("third deploy note")];
    const message = assistantMessage(parts);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
    expect(t.repos.search.indexPending(1, { isOneIndexAPart: true })).toBe(1);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.part.updated", messageId: message.id, part: { ...parts[1]!, text: "second rollback note" } }], 2);
    t.repos.search.indexPending(2);
    for (const [query, expected] of [["deploy", 2], ["rollback", 1], ["note", 3]] as const) expect(await t.repos.search.search(query, 10)).toHaveLength(expected);
  });

  it("indexes every part once in each index across a restart between a part's two steps, and loses none", async () => {
    const { conversation } = seedConversation(t.repos);
    const message = assistantMessage([textPart(longAnswer(1)), textPart(longAnswer(2))]);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message }], 1);
    expect(t.repos.search.indexPending(10, { maxChars: 1, isOneIndexAPart: true })).toBe(1);
    expect([ftsRows("message_search").length, ftsRows("message_search_trigram").length]).toEqual([1, 0]);
    t = t.reopen();
    while (t.repos.search.indexPending(10, { maxChars: 1, isOneIndexAPart: true }) > 0);
    const partRows = t.db.sqlite.query<{ rowid: number }, []>("SELECT rowid FROM parts WHERE kind = 'text' ORDER BY rowid").all().map((row) => row.rowid);
    expect(ftsRows("message_search")).toEqual(partRows);
    expect(ftsRows("message_search_trigram")).toEqual(partRows);
    expect(t.repos.search.pendingCount()).toBe(0);
    expect(await t.repos.search.search("answer", 10)).toHaveLength(2);
  });

  it("names the hit's session by its title and when it was made, as Home does, before and after the indexer reaches it", async () => {
    const { session, conversation } = seedConversation(t.repos);
    const titled = t.repos.sessions.update(session.id, { title: "Job: Check files · 2026-12-07 09:00" });
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([textPart("the parser fails")]) }], 1);
    const place = { sessionName: "main", sessionTitle: "Job: Check files · 2026-12-07 09:00", sessionJobId: null, sessionCreatedAt: titled.createdAt };
    expect(await t.repos.search.search("parser", 10)).toEqual([expect.objectContaining(place)]);
    t.repos.search.indexPending();
    expect(await t.repos.search.search("parser", 10)).toEqual([expect.objectContaining(place)]);
  });

  it("a hit reads the same, in the same place, before and after the indexer reaches it", async () => {
    const { conversation } = seedConversation(t.repos);
    const texts = ["the café opens at nine", "call foo(bar) now", "we deploying tonight", "修复 (测试) 完成", "Café(s) crème"];
    t.repos.events.appendBatch(conversation.id, texts.map((text) => ({ type: "message.created" as const, message: assistantMessage([textPart(text)]) })), 1);
    const queries = ["cafe", "ope", "foo(bar)", "deploy", "(测试)", "café(s)", "at nine"];
    const hits = async () => Promise.all(queries.map((q) => t.repos.search.search(q, 10)));
    const before = await hits();
    t.repos.search.indexPending();
    expect(await hits()).toEqual(before);
  });

  it("orders hits alike the same whether or not the indexer has reached them: whole word first, then newest", async () => {
    const { conversation } = seedConversation(t.repos);
    // bm25 ranked the short old message first among the indexed ones, and text not indexed yet came before all of them.
    const texts = ["deploy", "we will deploy the service to production after the review tonight", "deploy the fix, deploy the docs", "deploying now", "deployment plan"];
    const messages = texts.map((text, i) => ({ ...assistantMessage([textPart(text)]), createdAt: 100 + i }));
    // Two parts of one message (one moment) that a search without spaces finds both: the one stored last first.
    const twoParts = { ...assistantMessage([textPart("修复 登录"), textPart("修复 测试")]), createdAt: 200 };
    t.repos.events.appendBatch(conversation.id, [...messages, twoParts].map((message) => ({ type: "message.created" as const, message })), 1);
    const order = async () => ({
      words: (await t.repos.search.search("deploy", 10)).map((hit) => texts[messages.findIndex((m) => m.id === hit.messageId)]),
      unspaced: (await t.repos.search.search("修复", 10)).map((hit) => hit.snippet),
    });
    const expected = {
      words: [texts[2], texts[1], texts[0], texts[4], texts[3]],
      unspaced: [`${MATCH_START}修复${MATCH_END} 测试`, `${MATCH_START}修复${MATCH_END} 登录`],
    };
    expect(await order()).toEqual(expected);
    // The two oldest parts in the word index alone; then in both, with the next one; then up to the first of the two
    // parts of one message; then everything.
    t.repos.search.indexPending(2, { isOneIndexAPart: true });
    expect(await order()).toEqual(expected);
    t.repos.search.indexPending(3);
    expect(await order()).toEqual(expected);
    t.repos.search.indexPending(3);
    expect(t.repos.search.pendingCount()).toBe(1);
    expect(await order()).toEqual(expected);
    t.repos.search.indexPending();
    expect(t.repos.search.pendingCount()).toBe(0);
    expect(await order()).toEqual(expected);
  });
});

describe("the search without spaces reads the text it shows (ADR 0237)", () => {
  it("orders and limits the matches by row id, then reads the text of the hits kept only", async () => {
    const { conversation } = seedConversation(t.repos);
    const long = "長".repeat(4000);
    const messages = Array.from({ length: 40 }, (_, i) => ({ ...assistantMessage([textPart(`第${i}次 修复了部署 ${long}`)]), createdAt: 100 + i }));
    t.repos.events.appendBatch(conversation.id, messages.map((message) => ({ type: "message.created" as const, message })), 1);
    while (t.repos.search.indexPending() > 0);
    const statements: string[] = [];
    let textsRead = 0;
    // The real database, watched: which statements the search runs, and how many rows of text they hand over.
    const watched = new Proxy(t.db, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== "function") return value;
        if (key !== "get" && key !== "all") return value.bind(target);
        return (sql: string, params?: unknown) => {
          const out = (value as (sql: string, params?: unknown) => unknown).call(target, sql, params);
          statements.push(sql);
          if (/ms\.text AS text/.test(sql)) textsRead += Array.isArray(out) ? out.length : out ? 1 : 0;
          return out;
        };
      },
    });

    const hits = await new SearchRepo(watched).search("修复了", 5);

    expect(hits.map((h) => h.messageId)).toEqual(messages.slice(-5).reverse().map((m) => m.id));
    expect(textsRead).toBe(5);
    // The statement that orders the matches never reads a part's text (column 0 of the trigram table): SQLite would
    // carry each match's whole text into its sorter, as the one query that did both did.
    const sorting = statements.filter((sql) => /ORDER BY/.test(sql));
    expect(sorting).toHaveLength(1);
    const program = t.db.all<{ opcode: string; p2: number }>(`EXPLAIN ${sorting[0]}`);
    expect(program.some((op) => op.opcode === "SorterOpen" || op.opcode === "OpenEphemeral")).toBe(true);
    expect(program.filter((op) => op.opcode === "VColumn" && op.p2 === 0)).toEqual([]);
  });
});
