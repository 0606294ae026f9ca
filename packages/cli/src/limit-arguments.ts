import { OPERATIONS, PARAMETERS } from '@org/atlas-types';
import { InvalidArgumentError } from 'commander';
import { UsageError } from './exit-codes.js';
import { hasControlCharacters, oneLine, printable } from './one-line.js';

// note: the limits' range (int32, at least 1) is read from the operation table generated from
// the spec, so a spec change reaches `--rpm`, `--tpm` and their help through `pnpm generate`.

/** A numeric rule of the spec, as the generated table holds it. */
interface NumberRule {
  readonly minimum?: number;
  readonly maximum?: number;
}

/** The body fields `limits set` sends, as the table holds them. */
const FIELDS: Readonly<Record<string, NumberRule | undefined>> =
  OPERATIONS.updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits.body.fields;

/** A limit `limits set` sends, its option and the unit people read it in. */
export const LIMITS = {
  requestsPerMinuteLimit: { flag: '--rpm', unit: 'requests/min' },
  tokensPerMinuteLimit: { flag: '--tpm', unit: 'tokens/min' },
} as const;

/** One of the limits a model group has. */
export type LimitField = keyof typeof LIMITS;

/** What a limit must be, as the spec states it: "a whole number from 1 to 2147483647". */
export function limitHelp(field: LimitField): string {
  const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } =
    FIELDS[field] ?? {};
  return `a whole number from ${minimum} to ${maximum}`;
}

/**
 * Parses `--rpm` or `--tpm`: digits only (no sign, fraction, exponent or spaces), within the
 * spec's range. Commander reports the refusal and exits 2 before any request.
 */
export function limitParser(field: LimitField): (value: string) => number {
  return (value) => {
    const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } =
      FIELDS[field] ?? {};
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < minimum || number > maximum) {
      throw new InvalidArgumentError(
        `${LIMITS[field].flag} must be ${limitHelp(field)}, received ${printable(JSON.stringify(value.slice(0, 40)))}`,
      );
    }
    return number;
  };
}

/** A number as people read a limit: "3,000,000". */
export function perMinute(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * Checks a `<modelGroupName>` argument: one path segment (no "/", no spaces, not "." or ".."),
 * without control characters, within whatever the spec states of it (today that it is a string).
 */
export function checkModelGroupName(value: string): string {
  const { pattern } = (PARAMETERS.modelGroupName ?? {}) as { pattern?: string };
  if (
    value === '' ||
    value === '.' ||
    value === '..' ||
    /[\s/]/.test(value) ||
    hasControlCharacters(value) ||
    (pattern !== undefined && !new RegExp(pattern, 'u').test(value))
  ) {
    throw new UsageError(
      `<modelGroupName> must be a model group name such as embed_large, one word without "/", received ${JSON.stringify(oneLine(value).slice(0, 80))}`,
    );
  }
  return value;
}
