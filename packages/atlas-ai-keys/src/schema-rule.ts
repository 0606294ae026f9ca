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
  readonly nullable?: boolean;
}

// note: C0 controls, DEL and C1 controls: a name or flag carrying one is a mistake, and a line
// break would split the tables and logs the value is shown in.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A range as words: "from 1 to 500", "of at least 1". */
function range(min: number | undefined, max: number | undefined, unit = ''): string {
  if (min !== undefined && max !== undefined) return ` ${unit}from ${min} to ${max}`;
  if (min !== undefined) return ` ${unit}of at least ${min}`;
  return max === undefined ? '' : ` ${unit}of at most ${max}`;
}

/** What a value must be under `rule`, as error messages word it. */
function expectation(rule: SchemaRule): string {
  if (rule.enum) return `one of ${rule.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  if (rule.type === 'boolean') return 'a boolean';
  if (rule.type === 'integer') return `a whole number${range(rule.minimum, rule.maximum)}`;
  if (rule.type === 'number') return `a number${range(rule.minimum, rule.maximum)}`;
  if (rule.pattern) return `a string matching ${rule.pattern}`;
  const length = range(rule.minLength, rule.maxLength);
  return `a string${length && `${length} characters`} without control characters`;
}

/** Whether `value` satisfies `rule`; lengths count code points, as JSON Schema does. */
function satisfies(value: unknown, rule: SchemaRule): boolean {
  if (rule.enum) return rule.enum.includes(value);
  const { minimum = -Infinity, maximum = Infinity } = rule;
  if (rule.type === 'boolean') return typeof value === 'boolean';
  if (rule.type === 'integer' || rule.type === 'number') {
    return (
      (rule.type === 'number' ? Number.isFinite(value) : Number.isInteger(value)) &&
      (value as number) >= minimum &&
      (value as number) <= maximum
    );
  }
  // note: objects and arrays are left to the server; no parameter or field of ours is one.
  if (rule.type !== 'string') return true;
  if (typeof value !== 'string') return false;
  const length = [...value].length;
  return (
    length >= (rule.minLength ?? 0) &&
    length <= (rule.maxLength ?? Infinity) &&
    !CONTROL.test(value) &&
    (rule.pattern === undefined || new RegExp(rule.pattern, 'u').test(value))
  );
}

/** Returns `value` when it satisfies `rule`; throws `AtlasValidationError` naming `field` otherwise. */
export function checkRule<T>(value: unknown, rule: SchemaRule, field: string): T {
  return check<T>(
    (value === null && rule.nullable) || satisfies(value, rule),
    value,
    field,
    expectation(rule),
  );
}
