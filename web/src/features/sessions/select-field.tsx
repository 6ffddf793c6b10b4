/** A labelled native select over a record of labels (44 px tall). */
export function SelectField<T extends string>({ label, value, options, onChange, className = "" }: { label: string; value: T; options: Record<T, string>; onChange: (value: T) => void; className?: string }) {
  return (
    <label className={`flex flex-col gap-1 text-sm ${className}`}>
      <span className="font-medium">{label}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900"
      >
        {(Object.entries(options) as [T, string][]).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
