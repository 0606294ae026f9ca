const REDACTED = '[redacted]';
const MAX_CAUSE_DEPTH = 8;

/**
 * What of the Authorization headers sent must never be shown: what follows the scheme (a token,
 * or all of a Digest answer), and a Digest answer's `response`, which a server may quote alone.
 */
export function credentialsOf(authorizations: readonly string[]): string[] {
  return authorizations.flatMap((header) => [
    header.slice(header.indexOf(' ') + 1),
    /response="(\w+)"$/.exec(header)?.[1] ?? '',
  ]);
}

/** Replaces every occurrence of any of `secrets` in `text` with `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  return secrets.reduce(
    (result, secret) => (secret ? result.replaceAll(secret, REDACTED) : result),
    text,
  );
}

/**
 * Returns `error` to be used as a `cause`, unless its message or stack, or those of its own
 * causes, quote one of `secrets` (a custom fetch might echo a header): then a bare stand-in.
 */
export function scrubbedCause(error: unknown, secrets: readonly string[]): unknown {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < MAX_CAUSE_DEPTH; seen++) {
    const current = queue.shift();
    const isError = current instanceof Error;
    let text: string | undefined;
    try {
      text = isError ? `${current.message}\n${current.stack ?? ''}` : String(current);
    } catch {}
    // note: a value that cannot even be shown is withheld too.
    if (text === undefined || secrets.some((secret) => secret && text.includes(secret))) {
      return new Error(
        `${isError ? current.name : typeof current} (details withheld: they quoted a credential)`,
      );
    }
    if (isError) {
      if (current.cause !== undefined) queue.push(current.cause);
      if (current instanceof AggregateError) queue.push(...current.errors);
    }
  }
  return error;
}
