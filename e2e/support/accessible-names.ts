import type { CDPSession, Page } from "playwright-core";

/** Roles a person operates, which a screen reader announces by name: each needs one (DESIGN.md, every control). */
export const OPERABLE_ROLES = new Set(["button", "link", "textbox", "searchbox", "combobox", "checkbox", "radio", "switch", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "slider", "spinbutton", "listbox", "option", "treeitem"]);

export type AxNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number };

/** A control a screen reader reaches and can only call by its role. */
export function isUnnamedControl(node: AxNode): boolean {
  return !node.ignored && OPERABLE_ROLES.has(node.role?.value ?? "") && !(node.name?.value ?? "").trim();
}

/**
 * The controls on the page that Chromium's accessibility tree gives no name (what a screen reader would say is only
 * "button"), each as its role and the start of its HTML. Hidden and inert controls are not in the tree.
 *
 * Chromium is asked only for the page's nodes it names "" (`Accessibility.queryAXTree`), not for its whole tree
 * (`getFullAXTree`): on the workbench's pages of 2,102 files that was 26,000 nodes and 11 MB, 2.5–8 s a call, nearly
 * all of it carrying the named ones across. Chromium computes the same names either way.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result: document } = (await cdp.send("Runtime.evaluate", { expression: "document" })) as { result: { objectId: string } };
    const { nodes } = (await cdp.send("Accessibility.queryAXTree", { objectId: document.objectId, accessibleName: "" })) as { nodes: AxNode[] };
    const described: string[] = [];
    for (const node of nodes.filter(isUnnamedControl)) described.push(`${node.role?.value}: ${await outerHtmlStart(cdp, node)}`);
    return described;
  } finally {
    await cdp.detach();
  }
}

async function outerHtmlStart(cdp: CDPSession, node: AxNode): Promise<string> {
  const { object } = (await cdp.send("DOM.resolveNode", { backendNodeId: node.backendDOMNodeId })) as { object: { objectId: string } };
  const { result } = (await cdp.send("Runtime.callFunctionOn", { objectId: object.objectId, functionDeclaration: "function () { return this.outerHTML.slice(0, 200); }", returnByValue: true })) as { result: { value: string } };
  return result.value;
}
