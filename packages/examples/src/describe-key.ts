import type { AiModelApiKey } from '@org/atlas-ai-keys';

const FIELDS = [
  ['name', 'Name'],
  ['apiKeyId', 'API key id'],
  ['groupId', 'Group'],
  ['status', 'Status'],
  ['cloud', 'Cloud'],
  ['geography', 'Geography'],
  ['endpoint', 'Endpoint'],
  ['maskedSecret', 'Secret (masked)'],
  ['createdBy', 'Created by'],
  ['createdAt', 'Created at'],
  ['lastUsedAt', 'Last used at'],
] as const satisfies readonly (readonly [keyof AiModelApiKey, string])[];

/** A readable rendering of a key; the full `secret` is never shown, only whether it was sent. */
export function describeKey(key: AiModelApiKey): string {
  const width = Math.max(...FIELDS.map(([, label]) => label.length));
  const lines = FIELDS.map(([field, label]) => `  ${label.padEnd(width)}  ${key[field] ?? '—'}`);
  lines.push(`  ${'Secret'.padEnd(width)}  ${key.secret ? '(sent, not shown)' : '(not returned)'}`);
  return lines.join('\n');
}
