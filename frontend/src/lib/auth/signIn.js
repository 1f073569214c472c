// Words for the sign-in screen, kept out of the component so they can be tested.

/** "42 s", "3 min", "1 h 5 min". */
export function formatWait(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 90) return `${s} s`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/**
 * What to tell someone whose sign-in failed.
 * @param {{status: number, detail?: string, title?: string, retryAfter?: number|null}} error
 * @param {number|null} [secondsLeft] for a lock: the seconds still to wait (counts down), else the error's own
 */
export function signInMessage(error, secondsLeft = null) {
  if (!error) return '';
  if (error.status === 401) return 'Email or password is wrong.';
  if (error.status === 429) {
    const wait = secondsLeft ?? error.retryAfter;
    if (wait == null) return 'Too many failed sign-ins. Wait a while, then try again.';
    if (wait <= 0) return 'Too many failed sign-ins. You can try again now.';
    return `Too many failed sign-ins. Try again in ${formatWait(wait)}.`;
  }
  if (error.status === 0) return error.detail || 'The hub cannot be reached.';
  return error.detail || error.title || `Sign-in failed (${error.status}).`;
}
