import { useId, useRef, type ReactNode } from "react";
import { useEscapeLayer } from "../lib/escape-layers.ts";
import { keepTabInside, useModalFocus } from "../lib/focus-layer.ts";

/**
 * A modal dialog named by its title: a bottom sheet on phones, a centred card on wider screens. Escape (as the
 * topmost layer) and a tap outside close it. It holds the keyboard while open (ModalLayer).
 */
export function ModalSheet({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  return (
    <ModalLayer
      labelledBy={titleId}
      onClose={onClose}
      layerClassName="items-end md:items-center"
      cardClassName="max-w-md gap-3 rounded-t-2xl pb-[max(1rem,env(safe-area-inset-bottom))] md:rounded-2xl"
    >
      <h2 id={titleId} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </ModalLayer>
  );
}

/**
 * A modal's backdrop and card, named by the element `labelledBy` points to. Escape (as the topmost layer) and a tap
 * on the backdrop close it; it holds the keyboard while open (useModalFocus): its card takes focus, Tab stays inside,
 * and the control that opened it has focus again once it closes. The classes place the card (a sheet, a full screen).
 */
export function ModalLayer({ labelledBy, onClose, layerClassName, cardClassName, children }: { labelledBy: string; onClose: () => void; layerClassName: string; cardClassName: string; children: ReactNode }) {
  useEscapeLayer(true, onClose);
  const card = useRef<HTMLDivElement>(null);
  useModalFocus(card);
  return (
    <div role="dialog" aria-modal="true" aria-labelledby={labelledBy} className={`fixed inset-0 z-50 flex justify-center bg-black/40 ${layerClassName}`} onClick={onClose}>
      <div ref={card} tabIndex={-1} onKeyDown={keepTabInside} className={`flex w-full flex-col bg-stone-50 p-4 outline-none dark:bg-stone-900 ${cardClassName}`} onClick={(e) => e.stopPropagation()}>
        {children}
      </div>
    </div>
  );
}
