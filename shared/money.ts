/**
 * Dollars as people read them: cents ("$0.20", "$1.50", "$1,204.00"), with four decimals only below a cent, where
 * cents would round a real spend to "$0.00" ("$0.0042"). One helper for server notices and the web, so a budget,
 * its notice and its bar never disagree on how a figure reads.
 * @example formatUsd(0.2) // "$0.20"
 */
export function formatUsd(value: number): string {
  const sign = value < 0 ? "-" : "";
  const amount = Math.abs(value);
  if (amount === 0 || amount >= 0.005) return `${sign}$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (amount < 0.00005) return `${sign}<$0.0001`;
  return `${sign}$${amount.toFixed(4)}`;
}
