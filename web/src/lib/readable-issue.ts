/**
 * A zod issue's message in the words a form shows beside its field ("must be more than 0." instead of "Too small:
 * expected number to be >0"); a message a schema wrote for people is kept as written.
 * @example `${label}: ${readableIssue(issue.message)}`
 */
export function readableIssue(message: string): string {
  return message
    .replace(/^Too small: expected string to have >=1 characters?$/, "this is required.")
    .replace(/^Too small: expected number to be >(=?)(\d+)$/, (_, eq: string, n: string) => `must be ${eq ? "at least" : "more than"} ${n}.`)
    .replace(/^Too big: expected (?:number|string) to (?:be|have) <=(\d+)(.*)$/, (_, n: string, rest: string) => `must be at most ${n}${rest.replace(/ characters?/, " characters")}.`)
    .replace(/^Invalid input: expected int, received number$/, "must be a whole number.");
}
