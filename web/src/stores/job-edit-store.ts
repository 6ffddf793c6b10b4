import { create } from "zustand";

/** Which of a job's budgets a request opens its form at: its cost (ADR 0151) or its turns (ADR 0165). */
export type JobBudgetField = "cost" | "turns";

/**
 * A job whose form another screen asked to open (a run its budget stopped offers the job's budget, ADR 0151): the
 * job's card opens its form at the budget and takes the request, so coming back to the list later shows the card.
 */
interface JobEditState {
  jobId: string | null;
  field: JobBudgetField;
  /** Opens the job's form at that budget once its card is shown. */
  askForBudget: (jobId: string, field?: JobBudgetField) => void;
  /** The card has opened the form. */
  taken: () => void;
}

export const useJobEditStore = create<JobEditState>()((set) => ({
  jobId: null,
  field: "cost",
  askForBudget: (jobId, field = "cost") => set({ jobId, field }),
  taken: () => set({ jobId: null }),
}));
