/** An item as go-keyring stores it: service, account (its `username` attribute) and the secret. */
export interface KeyringItem {
  readonly service: string;
  readonly account: string;
  readonly secret: string;
}

/** Where the Secret Service tools are, and the library path they need when fetched. */
export interface SecretServiceTools {
  readonly daemon: string;
  readonly secretTool: string;
  readonly libraryPath: string | undefined;
}

/** How a command run in the session ended. */
export interface SessionResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The session's home directory (removed by the time this resolves). */
  readonly home: string;
}

/** Where the daemon and secret-tool are: on PATH, or fetched from Debian's packages into a cache. */
export function secretServiceTools(): Promise<SecretServiceTools>;

/** Runs `command` in a new D-Bus session whose Secret Service holds `items`. */
export function inSecretService(
  items: readonly KeyringItem[],
  command: readonly string[],
  options?: { env?: Record<string, string>; timeoutMs?: number },
): Promise<SessionResult>;
