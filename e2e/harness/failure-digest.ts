/**
 * A failure artifact (failure-artifacts.ts) cut to what tells a flake's cause at a glance: the test, its first error's
 * opening lines, and what each open page showed (its address and the start of its text). CI keeps only the tail of a
 * run's output, and the artifacts stay on its machine: `scripts/show-e2e-failures.ts` prints these digests last, so
 * the tail says on which screen a failed wait stood.
 */

/** How many lines of the first error are kept: its message and the test line it came from. */
const ERROR_LINES = 8;
/** How much of each page's text is kept, on one line. */
const PAGE_TEXT_CHARS = 400;

/** The artifact's sections (`--- the first error ---`, `--- the pages open when it failed ---`…), the title first. */
function sectionsOf(artifact: string): string[] {
  return artifact.split(/\n\n(?=--- )/);
}

function sectionBody(sections: string[], heading: string): string | null {
  const section = sections.find((s) => s.startsWith(`--- ${heading} ---`));
  return section === undefined ? null : section.slice(section.indexOf("\n") + 1);
}

/** One page's block (`page 1: <url>\nscreenshot: …\n<text>`) as its address and the start of its text, on two lines. */
function pageDigest(block: string): string {
  const [address = "", , ...text] = block.split("\n");
  const oneLine = text.join(" · ").replace(/\s+/g, " ").trim();
  return `${address}\n    ${oneLine.length > PAGE_TEXT_CHARS ? `${oneLine.slice(0, PAGE_TEXT_CHARS)}…` : oneLine || "(no text)"}`;
}

/**
 * The digest of one failure artifact's text. Sections it lacks are left out (a hook's failure has no pages).
 * @example failureDigest(readFileSync(".artifacts/e2e-failures/x.txt", "utf8"))
 */
export function failureDigest(artifact: string): string {
  const sections = sectionsOf(artifact.trim());
  const title = sections[0]?.split("\n")[0] ?? "(an unnamed failure)";
  const error = sectionBody(sections, "the first error")?.split("\n").slice(0, ERROR_LINES).join("\n");
  const pages = sectionBody(sections, "the pages open when it failed");
  const pageLines = pages === null ? [] : pages.split(/\n\n(?=page \d+: )/).map(pageDigest);
  return [`× ${title}`, ...(error ? [error] : []), ...(pageLines.length > 0 ? ["pages when it failed:", ...pageLines] : [])].join("\n");
}
