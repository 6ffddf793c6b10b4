import { create } from "zustand";

/**
 * A job whose form another screen asked to open (a run its budget stopped offers the job's budget, ADR 0151): the
 * job's card opens its form at the budget and takes the request, so coming back to the list later shows the card.
 */
interface JobEditState {
  jobId: string | null;
  /** Opens the job's form at its budget once its card is shown. */
  askForBudget: (jobId: string) => void;
  /** The card has opened the form. */
  taken: () => void;
}

export const useJobEditStore = create<JobEditState>()((set) => ({
  jobId: null,
  askForBudget: (jobId) => set({ jobId }),
  taken: () => set({ jobId: null }),
}));
