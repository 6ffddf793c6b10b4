/** A link that downloads a file, sized as a button (44 px tall on touch screens). */
export function DownloadLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className="inline-flex min-h-11 items-center rounded-md border border-stone-300 px-3 text-stone-800 hover:bg-stone-100 mouse:min-h-8 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800">
      {label}
    </a>
  );
}
