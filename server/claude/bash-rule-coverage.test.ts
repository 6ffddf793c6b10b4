import { describe, expect, it } from "vitest";
import { leftUncovered, redirectTargets, ruleMatches, splitCommandParts } from "./bash-rule-coverage.ts";

describe("splitCommandParts", () => {
  it("splits on the shell's list and pipe operators, not inside quotes or redirects", () => {
    expect(splitCommandParts("echo hi > out.txt && cat out.txt")).toEqual(["echo hi > out.txt", "cat out.txt"]);
    expect(splitCommandParts("a || b; c | d & e\nf")).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(splitCommandParts(`echo "a && b" 'c | d' e\\;f`)).toEqual([`echo "a && b" 'c | d' e\\;f`]);
    expect(splitCommandParts("make 2>&1 &> log")).toEqual(["make 2>&1 &> log"]);
  });

  it("keeps a substitution's, a subshell's and a heredoc's own separators inside their part", () => {
    expect(splitCommandParts("echo $(date; ls | wc -l) && echo done")).toEqual(["echo $(date; ls | wc -l)", "echo done"]);
    expect(splitCommandParts("echo `date; ls` ; (cd src && make) | tee log")).toEqual(["echo `date; ls`", "(cd src && make)", "tee log"]);
    expect(splitCommandParts("echo $((1 + 2)); true")).toEqual(["echo $((1 + 2))", "true"]);
    const heredoc = "cat > notes.md <<'EOF'\nrm -rf x; echo hi | tee y\nEOF\ngit add notes.md";
    expect(splitCommandParts(heredoc)).toEqual(["cat > notes.md <<'EOF'\nrm -rf x; echo hi | tee y\nEOF", "git add notes.md"]);
    expect(splitCommandParts("cat <<-END\n\tline; other\n\tEND\necho after")).toEqual(["cat <<-END\n\tline; other\n\tEND", "echo after"]);
    expect(splitCommandParts("tr a-z A-Z <<< 'x; y'; echo z")).toEqual(["tr a-z A-Z <<< 'x; y'", "echo z"]);
  });
});

describe("ruleMatches", () => {
  it("reads exact, `prefix *`, legacy `prefix:*` and content-less rules as Claude Code does", () => {
    expect(ruleMatches("npm test", "npm test")).toBe(true);
    expect(ruleMatches("npm test", "npm test --watch")).toBe(false);
    expect(ruleMatches("npm *", "npm run build")).toBe(true);
    expect(ruleMatches("npm *", "npm")).toBe(true);
    expect(ruleMatches("npm *", "npmx")).toBe(false);
    expect(ruleMatches("git diff:*", "git diff HEAD")).toBe(true);
    expect(ruleMatches(undefined, "anything")).toBe(true);
  });
});

describe("redirectTargets", () => {
  it("names files written by redirect, not descriptors, /dev/null or quoted arrows", () => {
    expect(redirectTargets("echo hi > out.txt")).toEqual(["out.txt"]);
    expect(redirectTargets("echo hi >>log 2> err.txt")).toEqual(["log", "err.txt"]);
    expect(redirectTargets("make 2>&1 >/dev/null")).toEqual([]);
    expect(redirectTargets(`echo "a > b" 'c>d'`)).toEqual([]);
  });
});

describe("leftUncovered", () => {
  it("names what the CLI's own suggestion for a compound command leaves to another prompt", () => {
    // The rule Claude Code 2.1.330 suggests for this command (transcript b_bash_allow).
    expect(leftUncovered("echo hello-from-bash > bash-out.txt && cat bash-out.txt", ["echo hello-from-bash *"])).toEqual(["“cat bash-out.txt”", "writing bash-out.txt"]);
  });

  it("names no piece of a heredoc's body or a substitution as a command of its own", () => {
    expect(leftUncovered("cat > a.txt <<EOF\nmake; deploy > b.txt\nEOF", ["cat *"])).toEqual(["writing a.txt"]);
    expect(leftUncovered("echo $(git rev-parse HEAD; date) && npm test", ["echo *"])).toEqual(["“npm test”"]);
  });

  it("is empty when the rules cover every part", () => {
    expect(leftUncovered("npm test && npm run lint", ["npm test", "npm run *"])).toEqual([]);
    expect(leftUncovered("ls -la", ["ls *"])).toEqual([]);
  });
});
