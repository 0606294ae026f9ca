import { check } from './validation.js';

/** The enforceable part of a parameter's or body field's schema, as the operation table holds it. */
export interface SchemaRule {
  readonly type?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly unknown[];
}

// note: C0 controls, DEL and C1 controls: a name or flag carrying one is a mistake, and a line
// break would split the tables and logs the value is shown in.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A range as words: " from 1 to 500", " of at least 1", or nothing. */
function range(min = -Infinity, max = Infinity): string {
  if (min > -Infinity) return max < Infinity ? ` from ${min} to ${max}` : ` of at least ${min}`;
  return max < Infinity ? ` of at most ${max}` : '';
}

/** Returns `value` when it satisfies `rule`; throws `AtlasValidationError` naming `field` otherwise. */
export function checkRule<T>(value: unknown, rule: SchemaRule, field: string): T {
  const { type, pattern, minimum = -Infinity, maximum = Infinity } = rule;
  let ok: unknown;
  let expected: string;
  if (rule.enum) {
    ok = rule.enum.includes(value);
    expected = `one of ${rule.enum.map((option) => JSON.stringify(option)).join(', ')}`;
  } else if (type === 'boolean') {
    ok = typeof value === 'boolean';
    expected = 'a boolean';
  } else if (type === 'integer' || type === 'number') {
    ok =
      (type === 'number' ? Number.isFinite(value) : Number.isInteger(value)) &&
      (value as number) >= minimum &&
      (value as number) <= maximum;
    expected = `a ${type === 'integer' ? 'whole ' : ''}number${range(rule.minimum, rule.maximum)}`;
  } else if (type === 'string') {
    // note: lengths count code points, as JSON Schema does.
    const length = typeof value === 'string' ? [...value].length : -1;
    ok =
      length >= (rule.minLength ?? 0) &&
      length <= (rule.maxLength ?? Infinity) &&
      !CONTROL.test(value as string) &&
      (pattern === undefined || new RegExp(pattern, 'u').test(value as string));
    const characters = range(rule.minLength, rule.maxLength);
    expected = pattern
      ? `a string matching ${pattern}`
      : `a string${characters && `${characters} characters`} without control characters`;
  } else {
    // note: objects and arrays are left to the server; no parameter or field of ours is one.
    return value as T;
  }
  return check<T>(ok, value, field, expected);
}
