import { Database } from "bun:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { substringMatcher, wordMatcher } from "./search-scan.ts";

const TEXTS = [
  "The flaky login test times out on CI",
  "the café opens at nine",
  "naïve cafe\u0301 crème brûlée",
  "Αθήνα και Θεσσαλονίκη",
  "Москва ёлка ЁЖИК",
  "Øresund łódź Straße STRASSE ẞ İstanbul",
  "call foo(bar) now; a-b and x_y, it's 3.14",
  "deploying deployed deploy",
  "catalog logins",
  "emoji 🎉 then go(🎉) done 🎉x",
  "我们需要修复登录测试的问题 ok",
  "Fixed the React 组件 test (renders twice)",
  "ﬁne ＡＢＣ Ⅻ ①",
  "x\u200dy zero\u00a0width",
  "е\u0308лка كَتَبَ ab\u20d0c ǖber ơn ẚx",
];
const QUERIES = [
  ["login"], ["log"], ["logins"], ["cafe"], ["café"], ["CAFÉ"], ["creme", "brulee"], ["naive"], ["αθηνα"], ["θεσσ"], ["ёлка"], ["елка"], ["ежик"],
  ["øresund"], ["oresund"], ["lodz"], ["łódź"], ["strasse"], ["straße"], ["ß"], ["istanbul"], ["foo(bar)"], ["foo", "bar"], ["a-b"], ["b-and"],
  ["x_y"], ["it's"], ["3.14"], ["14"], ["deploy"], ["deploy", "deployed"], ["talog"], ["(renders"], ["react", "test"], ["ok"], ["fine"], ["ﬁne"],
  ["ａｂｃ"], ["abc"], ["ⅻ"], ["y"], ["width"], ["flaky", "nine"], ["the", "log"], ["("], ["times", "ci"], ["(测试)"], ["elka"], ["елка"], ["كتب"], ["ك"], ["abc"], ["ab"], ["uber"], ["on"], ["ax"], ["ẚ"],
];

const db = new Database(":memory:");
db.run("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
TEXTS.forEach((text, i) => db.run("INSERT INTO t (rowid, text) VALUES (?, ?)", [i, text]));
afterAll(() => db.close());

const ftsQuery = (words: string[], isPrefix: boolean) => words.map((w, i) => `"${w.replace(/"/g, "")}"${isPrefix && i === words.length - 1 ? "*" : ""}`).join(" ");
const indexFinds = (words: string[], isPrefix = true) => new Set(db.query<{ rowid: number }, [string]>("SELECT rowid FROM t WHERE t MATCH ?").all(ftsQuery(words, isPrefix)).map((row) => row.rowid));

describe("scanning text the index has not reached", () => {
  it("finds, for every query, exactly the texts FTS5's word index finds (prefix and whole word)", () => {
    const disagreements = QUERIES.flatMap((words) =>
      [false, true].flatMap((isWholeLast) => {
        const matches = wordMatcher(words, { isWholeLast });
        const scanned = TEXTS.flatMap((text, i) => (matches(text) ? [i] : []));
        const indexed = [...indexFinds(words, !isWholeLast)].sort((a, b) => a - b);
        return scanned.join() === indexed.join() ? [] : [{ words, isWholeLast, scanned, indexed }];
      }),
    );
    expect(disagreements).toEqual([]);
  });

  it("finds, for the trigram path, exactly what LIKE finds", () => {
    for (const words of [["组件"], ["登录测试"], ["🎉"], ["go(🎉)"], ["REACT", "组件"], ["%"], ["_"], ["straße"], ["STRAßE"], ["ёлка"], ["Ёлка"]]) {
      const like = words.map(() => "text LIKE ? ESCAPE '\\'").join(" AND ");
      const params = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const expected = db.query<{ rowid: number }, string[]>(`SELECT rowid FROM t WHERE ${like}`).all(...params).map((row) => row.rowid);
      const matches = substringMatcher(words);
      expect([words, TEXTS.flatMap((text, i) => (matches(text) ? [i] : []))]).toEqual([words, expected]);
    }
  });
});
