import type { Change, ChangeClass } from './change.js';

/** What a kind of change is judged: its class, the line that reports it and the reason. */
export interface Rule {
  readonly class: ChangeClass;
  /** The reported change; `{name}` holes are filled from the change. */
  readonly what: string;
  /** Why it has its class; holes as in `what`. */
  readonly why: string;
}

const RELAXED = 'a request constraint relaxed';
const TIGHTENED = 'a request constraint tightened';
const STILL_WORKS = 'it still works';
const OWN_BASE_URL = 'the client takes its base URL from its own options';
const DOCUMENTATION_ONLY = 'documentation only; the doc comments of the generated types change';
const NO_RULE = 'no rule here covers it; api-smart-diff calls it';

/**
 * The rule table: every kind of change the classifier knows, with its class, what is reported and
 * why. The code around it only decides which kind a change is; the README's rule table is this
 * table, rendered (a test compares the two).
 */
export const RULES = {
  // operations
  'operation added': {
    class: 'feature',
    what: 'operation {operation} added ({method} {path})',
    why: 'a new call',
  },
  'operation removed': {
    class: 'breaking',
    what: 'operation {operation} removed ({method} {path})',
    why: 'calls to it fail and typed code that uses it no longer compiles',
  },
  'operationId renamed': {
    class: 'breaking',
    what: 'operationId {was} renamed {is}',
    why: 'the client method and the `operations` type follow it',
  },
  'operation deprecated': { class: 'fix', what: 'operation deprecated', why: STILL_WORKS },
  'operation no longer deprecated': {
    class: 'fix',
    what: 'operation no longer deprecated',
    why: STILL_WORKS,
  },
  'operation tags changed': { class: 'none', what: 'operation tags changed', why: 'grouping only' },
  'operation servers changed': {
    class: 'fix',
    what: 'operation servers changed',
    why: OWN_BASE_URL,
  },

  // parameters
  'parameter removed': {
    class: 'breaking',
    what: '{parameter} removed',
    why: 'typed callers that pass it no longer compile',
  },
  'required parameter added': {
    class: 'breaking',
    what: 'required {parameter} added',
    why: 'callers must now send it',
  },
  'optional parameter added': {
    class: 'feature',
    what: 'optional {parameter} added',
    why: 'callers may send it',
  },
  'parameter now required': {
    class: 'breaking',
    what: '{parameter} now required',
    why: 'callers that omit it are refused',
  },
  'parameter now optional': { class: 'fix', what: '{parameter} now optional', why: RELAXED },
  'parameter deprecated': { class: 'fix', what: '{parameter} deprecated', why: STILL_WORKS },
  'parameter no longer deprecated': {
    class: 'fix',
    what: '{parameter} no longer deprecated',
    why: STILL_WORKS,
  },
  'parameter serialized differently (style, explode, allowReserved, name, in, content)': {
    class: 'breaking',
    what: '{parameter} serialization changed ({keyword})',
    why: 'the server reads it differently',
  },

  // request bodies
  'required request body added': {
    class: 'breaking',
    what: 'required request body added',
    why: 'callers must now send one',
  },
  'optional request body added': {
    class: 'feature',
    what: 'optional request body added',
    why: 'callers may send one',
  },
  'request body removed': {
    class: 'breaking',
    what: 'request body removed',
    why: 'typed callers that send one no longer compile',
  },
  'request body now required': {
    class: 'breaking',
    what: 'request body now required',
    why: 'callers that omit it are refused',
  },
  'request body now optional': { class: 'fix', what: 'request body now optional', why: RELAXED },

  // responses and their headers
  'response status added': {
    class: 'feature',
    what: 'response {status} added',
    why: 'a documented outcome the types now describe',
  },
  'response status removed': {
    class: 'breaking',
    what: 'response {status} removed',
    why: 'typed code that reads it no longer compiles',
  },
  'response header added': {
    class: 'feature',
    what: 'response header {header} added',
    why: 'clients may read it',
  },
  'response header removed': {
    class: 'breaking',
    what: 'response header {header} removed',
    why: 'clients that read it get nothing',
  },
  'response header now always sent': {
    class: 'fix',
    what: 'response header {header} now always sent',
    why: 'clients may rely on it',
  },
  'response header now optional': {
    class: 'breaking',
    what: 'response header {header} now optional',
    why: 'clients must handle its absence',
  },

  // media types (versions)
  'request version removed': {
    class: 'breaking',
    what: 'request version {version} removed',
    why: 'requests sent with it are refused',
  },
  'request version added': {
    class: 'feature',
    what: 'request version {version} added',
    why: 'callers may send it',
  },
  'response version removed': {
    class: 'breaking',
    what: 'response version {version} removed',
    why: 'clients that ask for it get 406 Not Acceptable',
  },
  'response version added': {
    class: 'feature',
    what: 'response version {version} added',
    why: 'clients may ask for it',
  },

  // schema fields, in the direction they travel
  'request field removed': {
    class: 'breaking',
    what: '{field} removed',
    why: 'typed callers that send it no longer compile',
  },
  'required request field added': {
    class: 'breaking',
    what: '{field} added as required',
    why: 'callers must now send it',
  },
  'optional request field added': {
    class: 'feature',
    what: 'optional {field} added',
    why: 'callers may send it',
  },
  'response field added': { class: 'feature', what: '{field} added', why: 'consumers may read it' },
  'response field removed': {
    class: 'breaking',
    what: '{field} removed',
    why: 'code that reads it gets undefined',
  },
  'read-only request field added': {
    class: 'none',
    what: '{field} added (read-only)',
    why: 'it never travels in requests',
  },
  'read-only request field removed': {
    class: 'none',
    what: '{field} removed (read-only)',
    why: 'it never travels in requests',
  },
  'write-only response field added': {
    class: 'none',
    what: '{field} added (write-only)',
    why: 'it never travels in responses',
  },
  'write-only response field removed': {
    class: 'none',
    what: '{field} removed (write-only)',
    why: 'it never travels in responses',
  },
  'request field now required': {
    class: 'breaking',
    what: '{field} now required',
    why: 'callers that omit it are refused',
  },
  'request field now optional': { class: 'fix', what: '{field} now optional', why: RELAXED },
  'response field now always present': {
    class: 'fix',
    what: '{field} now always present',
    why: 'consumers may rely on it; nothing breaks',
  },
  'response field now optional': {
    class: 'breaking',
    what: '{field} now optional',
    why: 'typed consumers must handle its absence',
  },
  'request field becomes nullable': {
    class: 'fix',
    what: '{field} now accepts null',
    why: RELAXED,
  },
  'request field no longer nullable': {
    class: 'breaking',
    what: '{field} no longer accepts null',
    why: 'callers that send null are refused',
  },
  'response field becomes nullable': {
    class: 'breaking',
    what: '{field} may now be null',
    why: 'typed consumers must handle null',
  },
  'response field no longer nullable': {
    class: 'fix',
    what: '{field} is no longer null',
    why: 'consumers may rely on a value',
  },
  'nullable restated': { class: 'none', what: '{field} nullable flag restated', why: 'no effect' },
  'request field becomes read-only': {
    class: 'breaking',
    what: '{field} became read-only',
    why: 'it is no longer sent',
  },
  'request field no longer read-only': {
    class: 'feature',
    what: '{field} is no longer read-only',
    why: 'it may now be sent',
  },
  'response field becomes write-only': {
    class: 'breaking',
    what: '{field} became write-only',
    why: 'it is no longer returned',
  },
  'response field no longer write-only': {
    class: 'feature',
    what: '{field} is no longer write-only',
    why: 'it may now be returned',
  },
  'readOnly or writeOnly where it has no effect': {
    class: 'none',
    what: '{keyword} flags changed where they have no effect',
    why: 'a {keyword} field in a {direction} means nothing',
  },
  'field deprecated': { class: 'fix', what: '{field} deprecated', why: STILL_WORKS },
  'field no longer deprecated': {
    class: 'fix',
    what: '{field} no longer deprecated',
    why: STILL_WORKS,
  },

  // schema types and formats
  'type changed': {
    class: 'breaking',
    what: '{field} type changed from {was} to {is}',
    why: 'a schema type changed: values of the old type no longer fit',
  },
  'request type set': { class: 'breaking', what: '{field} type set to {is}', why: TIGHTENED },
  'request type dropped': { class: 'fix', what: '{field} type {was} dropped', why: RELAXED },
  'response type set': {
    class: 'fix',
    what: '{field} type set to {is}',
    why: 'documents what is received',
  },
  'response type dropped': {
    class: 'breaking',
    what: '{field} type {was} dropped',
    why: 'values of any type may arrive',
  },
  'format changed': {
    class: 'breaking',
    what: '{field} format changed from {was} to {is}',
    why: 'values in the old format no longer fit',
  },
  'request format set': { class: 'breaking', what: '{field} format set to {is}', why: TIGHTENED },
  'request format dropped': {
    class: 'fix',
    what: '{field} format {was} no longer documented',
    why: RELAXED,
  },
  'response format set': {
    class: 'fix',
    what: '{field} format set to {is}',
    why: 'the type is unchanged; only its documented format',
  },
  'response format dropped': {
    class: 'fix',
    what: '{field} format {was} no longer documented',
    why: 'the type is unchanged; only its documented format',
  },

  // enums
  'request enum introduced': {
    class: 'breaking',
    what: '{field} limited to {values}',
    why: TIGHTENED,
  },
  'request enum dropped': {
    class: 'fix',
    what: '{field} no longer limited to {values}',
    why: RELAXED,
  },
  'request enum value removed': {
    class: 'breaking',
    what: '{field} enum {changes}',
    why: 'a request constraint tightened: values that were valid are refused',
  },
  'request enum values only added': { class: 'fix', what: '{field} enum {changes}', why: RELAXED },
  'response enum introduced': {
    class: 'fix',
    what: '{field} documented as one of {values}',
    why: 'the values received stay valid',
  },
  'response enum dropped': {
    class: 'breaking',
    what: '{field} no longer limited to {values}',
    why: 'values outside the old list may arrive',
  },
  'response enum value added or removed': {
    class: 'breaking',
    what: '{field} enum {changes}',
    why: 'a response enum changed: typed consumers handling every value break',
  },
  'enum reordered': { class: 'none', what: '{field} enum reordered', why: 'the same values' },

  // constraints: bounds (maxLength, minimum…), pattern, multipleOf, uniqueItems, exclusive bounds
  'request constraint tightened': {
    class: 'breaking',
    what: '{field} {keyword} {change}',
    why: 'a request constraint tightened: values that were valid are refused',
  },
  'request constraint relaxed': { class: 'fix', what: '{field} {keyword} {change}', why: RELAXED },
  'response constraint changed': {
    class: 'fix',
    what: '{field} {keyword} {change}',
    why: 'describes what is received; the types do not change',
  },
  'constraint restated': { class: 'none', what: '{field} {keyword} {change}', why: 'no effect' },
  'request schema refuses additional properties': {
    class: 'breaking',
    what: '{field} refuses additional properties',
    why: TIGHTENED,
  },
  'request schema allows additional properties': {
    class: 'fix',
    what: '{field} additional properties allowed',
    why: RELAXED,
  },
  'response schema refuses additional properties': {
    class: 'fix',
    what: '{field} additional properties refused',
    why: 'describes what is received',
  },
  'response schema allows additional properties': {
    class: 'fix',
    what: '{field} additional properties allowed',
    why: 'describes what is received',
  },
  'additional properties restated': {
    class: 'none',
    what: '{field} additional properties restated',
    why: 'no effect',
  },

  // defaults
  'request field default changed': {
    class: 'breaking',
    what: '{field} default {was} → {is}',
    why: 'callers that omit it get another behaviour',
  },
  'default documented': {
    class: 'fix',
    what: '{field} default {was} → {is}',
    why: 'documents a default',
  },
  'declared default (x-client-default) added': {
    class: 'feature',
    what: '{field} defaults to {is}',
    why: 'callers may leave it out; the client sends the default',
  },
  'declared default (x-client-default) dropped': {
    class: 'breaking',
    what: '{field} default {was} dropped',
    why: 'callers that leave it out no longer compile',
  },
  'declared default (x-client-default) changed': {
    class: 'breaking',
    what: '{field} default changed from {was} to {is}',
    why: 'callers that leave it out send another value',
  },

  // the client's names
  'client resource group added': {
    class: 'feature',
    what: 'client resource group {group} added',
    why: "the tag's operations become methods of client.{group}",
  },
  'client resource group dropped': {
    class: 'breaking',
    what: 'client resource group {group} dropped',
    why: 'code that calls client.{group} no longer compiles',
  },
  'client method renamed (x-client-method)': {
    class: 'breaking',
    what: 'client method renamed from {was} to {is} (x-client-method)',
    why: 'code that calls it by its old name no longer compiles',
  },

  // documentation
  'description changed': { class: 'fix', what: 'descriptions changed', why: DOCUMENTATION_ONLY },
  'summary changed': { class: 'fix', what: 'summaries changed', why: DOCUMENTATION_ONLY },
  'title changed': { class: 'fix', what: 'titles changed', why: DOCUMENTATION_ONLY },
  'example changed': { class: 'fix', what: 'examples changed', why: DOCUMENTATION_ONLY },
  'external docs changed': {
    class: 'fix',
    what: 'external documentation links changed',
    why: DOCUMENTATION_ONLY,
  },

  // authentication
  'way to authenticate dropped': {
    class: 'breaking',
    what: 'authentication {name} no longer accepted',
    why: 'clients that authenticate that way are refused',
  },
  'way to authenticate added': {
    class: 'feature',
    what: 'authentication {name} accepted',
    why: 'clients may authenticate that way',
  },
  'security scheme changed': {
    class: 'breaking',
    what: 'security scheme {name} changed ({fields})',
    why: 'clients authenticate differently',
  },

  // the document as a whole
  'servers changed': { class: 'fix', what: 'servers changed', why: OWN_BASE_URL },
  'vendor extension (x-…) changed': {
    class: 'none',
    what: 'vendor extensions (x-…) changed',
    why: 'read by no generator or client here',
  },
  'document metadata changed': {
    class: 'none',
    what: 'document metadata changed',
    why: 'no effect on the types or the calls',
  },

  // what the regenerated types do to our code
  'new type error in our code or the canary': {
    class: 'breaking',
    what: '{file}:{line} no longer compiles: TS{code} {message}',
    why: 'code written against the committed types breaks',
  },

  // a change no rule above covers: api-smart-diff's class, said to be
  'no rule; api-smart-diff says breaking': {
    class: 'breaking',
    what: '{action} at {path}',
    why: `${NO_RULE} breaking`,
  },
  'no rule; api-smart-diff says non-breaking': {
    class: 'fix',
    what: '{action} at {path}',
    why: `${NO_RULE} non-breaking`,
  },
  'no rule; api-smart-diff says deprecated': {
    class: 'fix',
    what: '{action} at {path}',
    why: `${NO_RULE} deprecated`,
  },
  'no rule; api-smart-diff says annotation': {
    class: 'fix',
    what: '{action} at {path}',
    why: `${NO_RULE} annotation`,
  },
  'no rule; api-smart-diff says unclassified': {
    class: 'none',
    what: '{action} at {path}',
    why: `${NO_RULE} unclassified`,
  },
} as const satisfies Record<string, Rule>;

/** A kind of change the rule table knows. */
export type RuleKind = keyof typeof RULES;

/** The names of the `{name}` holes in a text. */
type Holes<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Holes<Rest>
  : never;

/** What fills the holes of a rule's texts: nothing when it has none. */
type Fill<Kind extends RuleKind> = [Holes<(typeof RULES)[Kind]['what' | 'why']>] extends [never]
  ? []
  : [values: Record<Holes<(typeof RULES)[Kind]['what' | 'why']>, string>];

function filled(text: string, values: Readonly<Record<string, string>>): string {
  // note: one pass over the rule's text, so a value that itself holds `{…}` is left as it is.
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

/** The change of `kind` found at `site` (none for the document as a whole), its holes filled. */
export function report<Kind extends RuleKind>(
  kind: Kind,
  site: string | undefined,
  ...values: Fill<Kind>
): Change;
export function report(
  kind: RuleKind,
  site: string | undefined,
  values: Readonly<Record<string, string>> = {},
): Change {
  const rule: Rule = RULES[kind];
  const change = {
    class: rule.class,
    what: filled(rule.what, values),
    why: filled(rule.why, values),
  };
  return site === undefined ? change : { ...change, site };
}
