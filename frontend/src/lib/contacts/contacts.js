// Plain logic of the contacts page: tags typed as text, consent shown per category, and a CSV import's progress.

/** The message categories a contact can opt in or out of, as the hub names them. */
export const CATEGORIES = ['marketing', 'utility', 'authentication', 'service'];

/** Tags typed as "vip, newsletter" (commas or semicolons): trimmed, without blanks or repeats. */
export function parseTags(text) {
  const seen = new Set();
  for (const part of (text ?? '').split(/[,;]/)) {
    const tag = part.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/**
 * What a category's consent means for sending, in words: marketing needs an opt-in, the other categories are
 * allowed unless the contact opted out of that very category (the hub's rule).
 * @returns {{status: string, allowed: boolean, label: string, tone: 'ok'|'bad'|'neutral'}}
 */
export function consentState(consent, category) {
  const decision = consent?.[category];
  if (decision?.status === 'opted-in') return { status: 'opted-in', allowed: true, label: 'Opted in', tone: 'ok' };
  if (decision?.status === 'opted-out') return { status: 'opted-out', allowed: false, label: 'Opted out', tone: 'bad' };
  const allowed = category !== 'marketing';
  return { status: 'none', allowed, label: allowed ? 'No decision (allowed)' : 'No decision (not sent)', tone: 'neutral' };
}

/**
 * How many data rows a CSV file has (the header left out), counting line breaks outside quoted cells; an
 * estimate the progress bar divides by (the hub reads the file itself).
 */
export function dataRows(csv) {
  let rows = 0;
  let quoted = false;
  let lineHasContent = false;
  for (const char of csv ?? '') {
    if (char === '"') quoted = !quoted;
    if (char === '\n' && !quoted) {
      if (lineHasContent) rows += 1;
      lineHasContent = false;
    } else if (char !== '\r') {
      lineHasContent = true;
    }
  }
  if (lineHasContent) rows += 1;
  return Math.max(0, rows - 1);
}

/** The import's progress in percent (0–100, whole numbers): 100 once done, else rows read of the rows expected. */
export function importPercent(progress, expectedRows) {
  if (!progress) return 0;
  if (progress.done) return 100;
  if (!expectedRows) return 0;
  return Math.min(99, Math.floor((progress.rowsRead / expectedRows) * 100));
}

/** The failed lines seen so far and those of a new answer, by line, without repeats, in line order. */
export function mergeFailures(known, fresh) {
  const byLine = new Map(known.map((failure) => [failure.line, failure]));
  for (const failure of fresh ?? []) byLine.set(failure.line, failure);
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

/** A one-line summary of an import. */
export function importSummary(progress) {
  if (!progress) return '';
  const counts = `${progress.rowsRead} read, ${progress.created} created, ${progress.updated} updated, ${progress.failed} failed`;
  if (progress.error) return `Import failed: ${progress.error} (${counts}).`;
  return progress.done ? `Import finished: ${counts}.` : `Importing… ${counts}.`;
}
