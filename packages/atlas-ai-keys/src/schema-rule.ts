import { CONTROL_CHARACTER } from './defaults.js';
import { check } from './internal/validation.js';

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

/** A range as words: " from 1 to 500", " of at least 1", or nothing. */
function range(min = -Infinity, max = Infinity): string {
  if (min > -Infinity) return max < Infinity ? ` from ${min} to ${max}` : ` of at least ${min}`;
  return max < Infinity ? ` of at most ${max}` : '';
}

/** Compiled patterns, so a call does not compile its rules' expressions again. */
const PATTERNS = new Map<string, RegExp>();

/** Whether `value` satisfies `rule`; lengths count code points, as JSON Schema does. */
function satisfies(value: unknown, rule: SchemaRule): boolean {
  const { type, pattern, minimum = -Infinity, maximum = Infinity } = rule;
  if (rule.enum) return rule.enum.includes(value);
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'integer' || type === 'number') {
    return (
      (type === 'number' ? Number.isFinite(value) : Number.isInteger(value)) &&
      (value as number) >= minimum &&
      (value as number) <= maximum
    );
  }
  // note: objects and arrays are left to the server; no parameter or field of ours is one.
  if (type !== 'string') return true;
  if (typeof value !== 'string' || CONTROL_CHARACTER.test(value)) return false;
  const { minLength = 0, maxLength = Infinity } = rule;
  const fits = (codePoints: number) => codePoints >= minLength && codePoints <= maxLength;
  // note: a string has from length / 2 to length code points; they are counted only when that
  // range is not within the bounds.
  if (!(value.length <= maxLength && value.length / 2 >= minLength) && !fits([...value].length)) {
    return false;
  }
  if (pattern === undefined) return true;
  let compiled = PATTERNS.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern, 'u');
    PATTERNS.set(pattern, compiled);
  }
  return compiled.test(value);
}

/** What a value must be under `rule`, as error messages word it. */
function expectation(rule: SchemaRule): string {
  const { type, pattern } = rule;
  if (rule.enum) return `one of ${rule.enum.map((option) => JSON.stringify(option)).join(', ')}`;
  if (type === 'boolean') return 'a boolean';
  if (type !== 'string') {
    return `a ${type === 'integer' ? 'whole ' : ''}number${range(rule.minimum, rule.maximum)}`;
  }
  if (pattern) return `a string matching ${pattern}`;
  const characters = range(rule.minLength, rule.maxLength);
  return `a string${characters && `${characters} characters`} without control characters`;
}

/** Returns `value` when it satisfies `rule`; throws `AtlasValidationError` naming `field` otherwise. */
export function checkRule<T>(value: unknown, rule: SchemaRule, field: string): T {
  // note: the message is worded only for a value that fails, never on the path of every call.
  return (value === null && rule.nullable) || satisfies(value, rule)
    ? (value as T)
    : check<T>(false, value, field, expectation(rule));
}
