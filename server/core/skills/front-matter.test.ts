import { describe, expect, it } from "vitest";
import { formatFrontMatter, parseFrontMatter } from "./front-matter.ts";

describe("parseFrontMatter", () => {
  it("reads key: value fields and the body", () => {
    const parsed = parseFrontMatter('---\ndescription: Greets someone\nargument-hint: "<name: who>"\nallowed-tools:\n  - Bash\n---\nHello $ARGUMENTS\n');
    expect(parsed).toEqual({ fields: { description: "Greets someone", "argument-hint": "<name: who>", "allowed-tools": "" }, body: "Hello $ARGUMENTS\n", problem: null });
  });

  it("reads a value written over several lines as a folded (>) or literal (|) block, as Claude Code does", () => {
    const parsed = parseFrontMatter("---\nname: deploy\ndescription: >-\n  Deploys the app to staging\n  and checks health\n\n  Never production.\nnotes: |\n  line one\n  line two\nargument-hint: <env>\n---\nDeploy to $ARGUMENTS\n");
    expect(parsed).toEqual({
      fields: { name: "deploy", description: "Deploys the app to staging and checks health\nNever production.", notes: "line one\nline two", "argument-hint": "<env>" },
      body: "Deploy to $ARGUMENTS\n",
      problem: null,
    });
  });

  it("treats a file without front matter as all body", () => {
    expect(parseFrontMatter("Just do it.\n")).toEqual({ fields: {}, body: "Just do it.\n", problem: null });
  });

  it("reports an unclosed fence and a line that is not key: value, keeping the text", () => {
    expect(parseFrontMatter("---\ndescription: x\nbody text").problem).toMatch(/not closed/);
    const broken = parseFrontMatter("---\ndescription: ok\nthis is not yaml\n---\nBody");
    expect(broken.problem).toMatch(/not valid YAML/);
    expect(broken.body).toBe("Body");
  });

  it("reports front matter that is not YAML, however much of it reads as key: value, and keeps none of its fields (as Claude Code)", () => {
    for (const frontMatter of ["name: x\ndescription: [never closed", "name: x\ndescription: a: b", "name: x\n\tdescription: tab-indented", 'name: "x\ndescription: y']) {
      const parsed = parseFrontMatter(`---\n${frontMatter}\n---\nBody\n`);
      expect(parsed.problem, frontMatter).toMatch(/^The front matter is not valid YAML \(.+\), so Claude Code ignores all of it/);
      expect(parsed).toMatchObject({ fields: {}, body: "Body\n" });
    }
  });

  it("round-trips what formatFrontMatter writes, quoting values that need it", () => {
    const text = formatFrontMatter({ description: "Fix: the thing", "argument-hint": "<file>", name: "" }, "Body $ARGUMENTS");
    expect(text).toBe('---\ndescription: "Fix: the thing"\nargument-hint: <file>\n---\nBody $ARGUMENTS\n');
    expect(parseFrontMatter(text).fields).toEqual({ description: "Fix: the thing", "argument-hint": "<file>" });
  });
});
