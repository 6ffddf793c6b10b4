/** The five fields of a cron expression, in order, with the numbers each takes. */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of the month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "weekday", min: 0, max: 7, note: " (Sunday is 0 or 7)" },
] as const;

/**
 * Why a number in a cron expression's fields is out of its field's range, or null. croner's own words named the
 * wrong number ("Invalid value for day: 31" for a 32, "month: 12" for a 13, "day: -1" for a 0) and its class
 * ("CronPattern: …"); names (MON, JAN), steps' sizes and syntax are left to it.
 * @example cronFieldProblem(["0", "9", "32", "*", "*"]) // "the day of the month is 1–31; 32 is not"
 */
export function cronFieldProblem(fields: readonly string[]): string | null {
  for (const [index, field] of FIELDS.entries()) {
    for (const part of (fields[index] ?? "").split(",")) {
      const range = part.split("/")[0] ?? "";
      for (const value of range.split("-")) {
        if (!/^\d+$/.test(value)) continue;
        const number = Number(value);
        if (number < field.min || number > field.max) return `the ${field.name} is ${field.min}–${field.max}${"note" in field ? field.note : ""}; ${value} is not`;
      }
    }
  }
  return null;
}
