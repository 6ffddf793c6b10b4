/** An error line announced to screen readers; renders nothing without a message. */
export function ErrorText({ message, className = "" }: { message: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`text-sm text-red-700 dark:text-red-400 ${className}`}>
      {message}
    </p>
  );
}
