import type { Suggestion } from "./use-suggestions.ts";

interface SuggestionListProps {
  id: string;
  label: string;
  items: Suggestion[];
  active: number;
  onPick: (item: Suggestion) => void;
}

/** The autocomplete popup above the composer (a listbox; arrows move, Enter/Tab picks). */
export function SuggestionList({ id, label, items, active, onPick }: SuggestionListProps) {
  if (items.length === 0) return null;
  return (
    <ul id={id} role="listbox" aria-label={label} className="absolute inset-x-0 bottom-full mb-1 max-h-64 overflow-y-auto rounded-xl border border-stone-200 bg-white p-1 shadow-lg dark:border-stone-700 dark:bg-stone-900">
      {items.map((item, i) => (
        <li
          key={item.label}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(item);
          }}
          className={`flex min-h-11 cursor-pointer flex-col justify-center rounded-lg px-3 py-1 text-sm ${i === active ? "bg-stone-100 dark:bg-stone-800" : ""}`}
        >
          <span className="font-mono">{item.label}</span>
          {item.detail ? <span className="truncate text-xs text-stone-500">{item.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
