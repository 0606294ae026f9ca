import {
  deref,
  isObject,
  type JsonObject,
  operationsOf,
  VERSIONED_MEDIA_TYPE,
} from '../openapi.js';
import type { Change, Direction } from './change.js';
import { report } from './rules.js';

/** A media type's version: `2025-03-12` for `application/vnd.atlas.2025-03-12+json`. */
export function versionOf(mediaType: string): string {
  return VERSIONED_MEDIA_TYPE.exec(mediaType)?.[1] ?? mediaType;
}

/** Orders media types oldest version first; dated versions sort by date, `preview` after them. */
function byVersion(a: string, b: string): number {
  return versionOf(a).localeCompare(versionOf(b));
}

/** A content map of an operation, where it sits and which way it travels. */
interface ContentSite {
  readonly direction: Direction;
  readonly site: string;
  readonly content: (document: JsonObject) => JsonObject | undefined;
}

function contentMap(document: JsonObject, value: unknown): JsonObject | undefined {
  const node = deref(document, value);
  return isObject(node) && isObject(node.content) ? node.content : undefined;
}

function contentSites(
  label: string,
  path: string,
  method: string,
  after: JsonObject,
): ContentSite[] {
  const operation = (document: JsonObject) => {
    const item = isObject(document.paths) ? document.paths[path] : undefined;
    return isObject(item) && isObject(item[method]) ? item[method] : undefined;
  };
  const sites: ContentSite[] = [
    {
      direction: 'request',
      site: `${label} request body`,
      content: (document) => contentMap(document, operation(document)?.requestBody),
    },
  ];
  const responses = operation(after)?.responses;
  for (const status of isObject(responses) ? Object.keys(responses) : []) {
    sites.push({
      direction: 'response',
      site: `${label} ${status}`,
      content: (document) => {
        const all = operation(document)?.responses;
        return contentMap(document, isObject(all) ? all[status] : undefined);
      },
    });
  }
  return sites;
}

/** The media-type changes of operations in both documents, and `before` with versions aligned. */
export interface AlignedVersions {
  readonly changes: Change[];
  /**
   * A copy of `before` in which, wherever versions were replaced, the newest removed media type
   * is renamed to the newest added one, so the schemas of the old and the new version are
   * compared field by field instead of one being reported removed and the other added.
   */
  readonly before: JsonObject;
}

/** Reports media types (versions) added and removed per operation and aligns `before`. */
export function alignVersions(before: JsonObject, after: JsonObject): AlignedVersions {
  const aligned = structuredClone(before);
  const changes: Change[] = [];
  const beforeOperations = new Set(
    operationsOf(before).map(({ path, method }) => `${method} ${path}`),
  );
  for (const { path, method, operation } of operationsOf(after)) {
    if (!beforeOperations.has(`${method} ${path}`)) continue;
    const label =
      typeof operation.operationId === 'string'
        ? operation.operationId
        : `${method.toUpperCase()} ${path}`;
    for (const { direction, site, content } of contentSites(label, path, method, after)) {
      // note: reported from the original, renamed in the copy: a shared response component
      // is renamed once but reported at every operation that uses it.
      const old = content(before);
      const copy = content(aligned);
      const now = content(after);
      if (!old || !now) continue;
      const removed = Object.keys(old)
        .filter((type) => !(type in now))
        .sort(byVersion);
      const added = Object.keys(now)
        .filter((type) => !(type in old))
        .sort(byVersion);
      for (const type of removed) {
        changes.push(report(`${direction} version removed`, site, { version: versionOf(type) }));
      }
      for (const type of added) {
        changes.push(report(`${direction} version added`, site, { version: versionOf(type) }));
      }
      const from = removed.at(-1);
      const to = added.at(-1);
      if (from && to && copy && from in copy) {
        copy[to] = copy[from];
        delete copy[from];
      }
    }
  }
  return { changes, before: aligned };
}
