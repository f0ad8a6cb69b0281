// Don't preempt the engine unless its scheduled time is at least this far in the future.
export const ENGINE_WAKEUP_THRESHOLD = 1000;
