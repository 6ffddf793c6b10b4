/** The budgets feature's public surface (other features use only these). */
export { BudgetBars } from "./budget-bars.tsx";
export { BudgetForm } from "./budget-form.tsx";
export { useBudget } from "./use-budget.ts";
export { WorkspaceBudgetForm } from "./workspace-budget-form.tsx";
export { refusedBudget } from "./refused-budget.ts";
