import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../harness/index.ts";
import { type AxNode, isUnnamedControl, unnamedControls } from "./accessible-names.ts";

/** The check as it was: the whole accessibility tree, every operable node named "" (the reference for the new one). */
async function unnamedInWholeTree(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
    const described: string[] = [];
    for (const node of nodes.filter(isUnnamedControl)) {
      const { object } = (await cdp.send("DOM.resolveNode", { backendNodeId: node.backendDOMNodeId })) as { object: { objectId: string } };
      const { result } = (await cdp.send("Runtime.callFunctionOn", { objectId: object.objectId, functionDeclaration: "function () { return this.outerHTML.slice(0, 200); }", returnByValue: true })) as { result: { value: string } };
      described.push(`${node.role?.value}: ${result.value}`);
    }
    return described;
  } finally {
    await cdp.detach();
  }
}

const NAMED = `
  <button>Save</button><button aria-label="Close"><svg aria-hidden="true"></svg></button>
  <span id="l">Branch</span><input aria-labelledby="l"><label>Title <input type="text"></label>
  <a href="#a"><img alt="Home" src="data:,"></a><button title="Filter"></button><input type="search" placeholder="Find">
  <div role="tab" tabindex="0">Files</div><select aria-label="Base"><option>main</option></select>
  <div role="tree" aria-label="Files"><div role="treeitem" aria-selected="false">src</div></div>
  <ul>${Array.from({ length: 300 }, (_, i) => `<li><button aria-label="f${i}.txt, untracked"><span>f${i}.txt</span></button></li>`).join("")}</ul>`;

/** Nameless controls a screen reader would reach, and nameless ones it would not (hidden, inert, aria-hidden). */
const NAMELESS = `
  <button id="icon"><svg></svg></button><button aria-label="   "></button><a href="#x"></a><input type="checkbox">
  <textarea></textarea><input type="range"><div role="switch" tabindex="0" aria-checked="false"></div>
  <div role="textbox" contenteditable="true"></div><div role="listbox"><div role="option"></div></div>
  <div id="host"></div>
  <button style="display:none"></button><button hidden></button><div aria-hidden="true"><button></button></div>
  <section inert><input></section><button style="visibility:hidden"></button>
  <script>document.getElementById("host").attachShadow({ mode: "open" }).innerHTML = "<button></button>";</script>`;

describe("unnamedControls", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("finds nothing where every control has a name", async () => {
    await page.setContent(`<main>${NAMED}</main>`);
    expect(await unnamedControls(page)).toEqual([]);
    expect(await unnamedInWholeTree(page)).toEqual([]);
  });

  it("names the same nameless controls the whole accessibility tree does, in open shadow roots too, and none hidden or inert", async () => {
    await page.setContent(`<main>${NAMED}${NAMELESS}</main>`);
    const found = await unnamedControls(page);
    expect([...found].sort()).toEqual([...(await unnamedInWholeTree(page))].sort());
    expect(found.map((control) => control.split(":")[0]).sort()).toEqual(["button", "button", "button", "checkbox", "link", "listbox", "option", "slider", "switch", "textbox", "textbox"]);
    expect(found).toContain('button: <button id="icon"><svg></svg></button>');
  });
});
