/** How one secret is read from the OS keyring: undefined when there is no such entry. */
export type KeyringRead = (
  service: string,
  account: string,
  signal?: AbortSignal,
) => Promise<string | undefined>;

/** The OS keyring, or why it cannot be read. */
export type Keyring = { readonly read: KeyringRead } | { readonly unavailable: string };

/** The binding's entry class, as much of it as this reads. */
interface EntryClass {
  new (service: string, account: string, options?: object): SecretEntry;
  withTarget(target: string, service: string, account: string, options?: object): SecretEntry;
}
interface SecretEntry {
  getSecret(signal?: AbortSignal): Promise<number[] | null>;
}

/**
 * Prefixes zalando/go-keyring (the Atlas CLI's keyring library) puts before a value it encoded:
 * on macOS every value is stored as `go-keyring-base64:` and base64; older versions used
 * `go-keyring-encoded:` and hex.
 */
const ENCODINGS: readonly [prefix: string, encoding: BufferEncoding][] = [
  ['go-keyring-base64:', 'base64'],
  ['go-keyring-encoded:', 'hex'],
];

/** A stored value as go-keyring meant it: its encoding prefix, if any, undone. */
export function decodeGoKeyring(stored: string): string {
  const text = stored.trim();
  for (const [prefix, encoding] of ENCODINGS) {
    if (text.startsWith(prefix))
      return Buffer.from(text.slice(prefix.length), encoding).toString('utf8');
  }
  return stored;
}

/** The first line of an error's message, to say why the keyring could not be read. */
const reason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ||
  'unknown error';

/**
 * The OS keyring through the optional `@napi-rs/keyring` binding, loaded only now: a missing
 * binding, or a system without a keyring, is reported as unavailable, not thrown. Entries are
 * looked up where go-keyring stores them: service and account on macOS (Keychain) and Linux
 * (the Secret Service, attributes `service` and `username`), the target `service:account` on
 * Windows (Credential Manager), whose blob holds the UTF-8 bytes.
 */
export async function openOsKeyring(
  platform: NodeJS.Platform = process.platform,
): Promise<Keyring> {
  let AsyncEntry: EntryClass;
  try {
    // note: a variable specifier keeps bundlers from pulling the optional native binding in.
    const name = '@napi-rs/keyring';
    ({ AsyncEntry } = (await import(name)) as { AsyncEntry: EntryClass });
  } catch (error) {
    return {
      unavailable: `the optional package @napi-rs/keyring could not be loaded (${reason(error)})`,
    };
  }
  // note: go-keyring uses the Secret Service alone on Linux, never the kernel keyring.
  const options = { linux: { store: 'secret-service' } };
  return {
    read: async (service, account, signal) => {
      const entry =
        platform === 'win32'
          ? AsyncEntry.withTarget(`${service}:${account}`, service, account, options)
          : new AsyncEntry(service, account, options);
      const bytes = await entry.getSecret(signal);
      return bytes === null ? undefined : decodeGoKeyring(Buffer.from(bytes).toString('utf8'));
    },
  };
}

/** Why reading the keyring failed, as one line. */
export const keyringFailure = reason;
