// The completion rule of an activity: attended minutes at least `completionPercent` of the
// planned minutes (every session not cancelled). Integers only, so 80 % of 450 minutes is
// exactly 360 and nobody is failed or passed by a rounding error.

/** True when the participant has completed the activity. Nothing planned, nothing completed. */
export function hasCompleted(attended: number, planned: number, completionPercent: number) {
  return planned > 0 && attended * 100 >= planned * completionPercent;
}

/** The attended share of the planned minutes as a whole percent, rounded down (79,9 % is 79). */
export function attendedPercent(attended: number, planned: number): number {
  if (planned <= 0) return 0;
  return Math.floor((attended * 100) / planned);
}

/** The minutes still missing to complete (0 once completed). */
export function minutesMissing(attended: number, planned: number, completionPercent: number) {
  if (planned <= 0) return 0;
  return Math.max(0, Math.ceil((planned * completionPercent) / 100) - attended);
}
