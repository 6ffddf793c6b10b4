import { useId, useRef, type ReactNode } from "react";
import { useEscapeLayer } from "../lib/escape-layers.ts";
import { keepTabInside, useModalFocus } from "../lib/focus-layer.ts";

/**
 * A modal dialog named by its title: a bottom sheet on phones, a centred card on wider screens. Escape (as the
 * topmost layer) and a tap outside close it. It holds the keyboard while open (useModalFocus): its card takes focus,
 * Tab stays inside, and the control that opened it has focus again once it closes.
 */
export function ModalSheet({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  useEscapeLayer(true, onClose);
  const card = useRef<HTMLDivElement>(null);
  useModalFocus(card);
  return (
    <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="fixed inset-0 z-50 flex items-end justify-center bg-black/40 md:items-center" onClick={onClose}>
      <div
        ref={card}
        tabIndex={-1}
        onKeyDown={keepTabInside}
        className="flex w-full max-w-md flex-col gap-3 rounded-t-2xl bg-stone-50 p-4 pb-[max(1rem,env(safe-area-inset-bottom))] outline-none md:rounded-2xl dark:bg-stone-900"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
