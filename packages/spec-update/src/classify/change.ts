/** How a change affects users of the types and the client, worst first. */
export type ChangeClass = 'breaking' | 'feature' | 'fix' | 'none';

/** The classes in the order they rank: the first that occurs is the change as a whole. */
export const CLASS_ORDER: readonly ChangeClass[] = ['breaking', 'feature', 'fix', 'none'];

/** Which way the changed thing travels. */
export type Direction = 'request' | 'response';

/** One change, at one place. Equal `class`, `what` and `why` at several places print as one line. */
export interface Change {
  readonly class: ChangeClass;
  /** What changed, e.g. "response field AiModelApiKeyResponse.endpoint added". */
  readonly what: string;
  /** Why it has its class, e.g. "consumers may ignore it". */
  readonly why: string;
  /** Where: an operation and the part of it, e.g. "getGroupAiModelApiKey 200 response". */
  readonly site?: string;
}

/** The worst class among `changes`; `none` when there are none. */
export function overallClass(changes: readonly Pick<Change, 'class'>[]): ChangeClass {
  return CLASS_ORDER.find((kind) => changes.some((change) => change.class === kind)) ?? 'none';
}
