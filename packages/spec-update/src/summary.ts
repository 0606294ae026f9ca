import { type Change, type ChangeClass, CLASS_ORDER, overallClass } from './classify/change.js';
import { terminalSafe } from './terminal-text.js';

/** Operations named on a line before the rest are counted. */
const SITES_SHOWN = 4;

/** One line of the summary: a change and every place it occurs. */
export interface SummaryLine {
  readonly class: ChangeClass;
  readonly what: string;
  readonly why: string;
  readonly sites: readonly string[];
}

/** Merges changes equal in class, what and why; sorted worst class first, then by text. */
export function summaryLines(changes: readonly Change[]): SummaryLine[] {
  const lines = new Map<string, { line: SummaryLine; sites: Set<string> }>();
  for (const change of changes) {
    const key = `${change.class}\u0000${change.what}\u0000${change.why}`;
    let entry = lines.get(key);
    if (!entry) {
      entry = {
        line: { class: change.class, what: change.what, why: change.why, sites: [] },
        sites: new Set(),
      };
      lines.set(key, entry);
    }
    if (change.site) entry.sites.add(change.site);
  }
  const rank = (kind: ChangeClass) => CLASS_ORDER.indexOf(kind);
  return [...lines.values()]
    .map(({ line, sites }) => ({ ...line, sites: [...sites].sort() }))
    .sort(
      (a, b) =>
        rank(a.class) - rank(b.class) || a.what.localeCompare(b.what, undefined, { numeric: true }),
    );
}

/** Groups sites by operation: `getKey 401`, `getKey 404` read `getKey 401, 404`. */
function sitesText(sites: readonly string[]): string {
  const byOperation = new Map<string, string[]>();
  for (const site of sites) {
    const [operation = site, ...rest] = site.split(' ');
    const parts = byOperation.get(operation) ?? [];
    if (rest.length > 0) parts.push(rest.join(' '));
    byOperation.set(operation, parts);
  }
  const groups = [...byOperation].map(([operation, parts]) =>
    parts.length > 0 ? `${operation} ${parts.join(', ')}` : operation,
  );
  if (groups.length === 0) return '';
  const shown = groups.slice(0, SITES_SHOWN).join('; ');
  const more = groups.length - SITES_SHOWN;
  return ` (${shown}${more > 0 ? `; and ${more} more` : ''})`;
}

/**
 * One line of text per change: class, what, where, and why. Upstream names in it (paths,
 * operationIds, fields, enum values) are escaped, since it is printed and read as a changelog.
 */
export function formatLine(line: SummaryLine): string {
  return terminalSafe(`- ${line.class}: ${line.what}${sitesText(line.sites)}: ${line.why}`);
}

/**
 * The summary: `spec change: <class>` on the first line, then one line per change. It is both
 * what the command prints and the body of the changeset it writes.
 */
export function formatSummary(changes: readonly Change[]): string {
  const lines = summaryLines(changes);
  return [`spec change: ${overallClass(changes)}`, ...lines.map(formatLine)].join('\n');
}
