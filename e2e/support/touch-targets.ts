import type { Page } from "playwright-core";

/** A control smaller than a finger on a phone. */
export type SmallTarget = { what: string; width: number; height: number };

/** Why a control may stay below 44 px; each entry is matched by a CSS selector inside the page. */
export type Allowance = { selector: string; why: string };

/** The smallest comfortable touch target (Apple HIG, WCAG 2.5.5): 44 × 44 CSS px. */
export const MIN_TARGET = 44;

const CONTROLS = "button, a[href], select, textarea, summary, input:not([type=hidden]), [role=button], [role=tab], [role=link], [role=checkbox], [role=switch], [role=menuitem], [role=option]";

/**
 * Every visible control on the page (also those scrolled out of view) smaller than {@link MIN_TARGET} in width or
 * height, unless an allowance covers it. Controls inside a closed `<details>` or behind `inert` are not visible.
 */
export async function smallTargets(page: Page, allowances: readonly Allowance[] = []): Promise<SmallTarget[]> {
  return page.evaluate(
    ({ controls, min, allowed }) => {
      const describe = (el: Element): string => {
        const label = el instanceof HTMLInputElement ? el.labels?.[0]?.textContent : null;
        const name = el.getAttribute("aria-label") ?? (label ?? el.textContent ?? "").trim().slice(0, 40);
        const id = el.closest("[data-testid]")?.getAttribute("data-testid");
        return `<${el.tagName.toLowerCase()}> "${name}"${id ? ` in [data-testid=${id}]` : ""}`;
      };
      const isShown = (el: HTMLElement): boolean => {
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none" || el.closest("[inert]")) return false;
        const rect = el.getBoundingClientRect();
        return rect.width > 0 && rect.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      };
      // A checkbox or radio is tapped through its label: the label is the target.
      const targetOf = (el: HTMLElement): HTMLElement => (el instanceof HTMLInputElement && el.labels?.[0] ? el.labels[0] : el);
      return [...document.querySelectorAll<HTMLElement>(controls)]
        .filter((el) => isShown(el) && !allowed.some((selector) => el.matches(selector)))
        .map((el) => ({ el, rect: targetOf(el).getBoundingClientRect() }))
        .filter(({ rect }) => rect.width < min - 0.5 || rect.height < min - 0.5)
        .map(({ el, rect }) => ({ what: describe(el), width: Math.round(rect.width), height: Math.round(rect.height) }));
    },
    { controls: CONTROLS, min: MIN_TARGET, allowed: allowances.map((a) => a.selector) },
  );
}
