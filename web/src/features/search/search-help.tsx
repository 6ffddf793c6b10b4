/**
 * What the search looks through and how it matches, said where a user would otherwise face a blank page: before any
 * query, and under "No matches." with the words that were looked for. Kept to what `SearchRepo.search` does: the
 * text of messages (not tool output, thinking or files), every word present, the last one as a word's start.
 */
export function SearchHelp({ words }: { words: readonly string[] }) {
  const hasQuery = words.length > 0;
  return (
    <section aria-label={hasQuery ? "Why nothing was found" : "What search finds"} data-testid="search-help" className="rounded-xl border border-stone-200 bg-white p-4 text-sm text-stone-700 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-300">
      {hasQuery ? (
        <p className="break-words">
          No message has {words.length === 1 ? "the word" : "all of the words"} {words.map((w, i) => <span key={i}>{i > 0 ? " " : ""}<span className="font-medium">“{w}”</span></span>)}
          {words.length === 1 ? " or a word starting with it." : " (the last one may be the start of a word)."}
        </p>
      ) : (
        <p>Finds the messages, yours and Claude’s, of every conversation in every workspace, archived sessions too. A result opens its conversation at that message.</p>
      )}
      <ul className="mt-2 list-disc space-y-1 pl-5 text-stone-600 dark:text-stone-400">
        <li>Every word you type must be in the message, in any order; capitals and accents do not matter.</li>
        <li>The last word also finds longer words that start with it: “deplo” finds “deploy” and “deployment”.</li>
        {hasQuery ? <li>Try fewer words, or the start of a longer one.</li> : null}
        <li>Tool output (commands run, files read), Claude’s thinking and the repository’s files are not searched; a session’s Files view goes to a file by its name.</li>
      </ul>
    </section>
  );
}
