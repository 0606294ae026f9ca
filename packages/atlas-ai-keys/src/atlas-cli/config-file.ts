import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { Environment } from '../auth/from-env.js';
import { AtlasConfigError } from './config-error.js';

/** A profile's properties as the file holds them, names lower-cased as the Atlas CLI reads them. */
export type ProfileTable = Readonly<Record<string, unknown>>;

/** What `config.toml` holds: top-level settings, and one table per profile. */
export interface AtlasCliConfig {
  /** The file read. */
  readonly file: string;
  /** False when there is no such file: then there are no settings and no profiles. */
  readonly exists: boolean;
  /** Top-level keys that are not tables, lower-cased (`version`, `telemetry_enabled`, …). */
  readonly settings: ProfileTable;
  /** Every table, by its lower-cased name. */
  readonly profiles: ReadonlyMap<string, ProfileTable>;
}

/**
 * Where the Atlas CLI keeps `config.toml`: Go's user configuration directory + `atlascli`.
 * Linux and other Unix: `$XDG_CONFIG_HOME` (when absolute) else `~/.config`; macOS:
 * `~/Library/Application Support`; Windows: `%AppData%`.
 */
export function atlasCliConfigFile(
  env: Environment,
  platform: NodeJS.Platform = process.platform,
  home: string = env.HOME || env.USERPROFILE || homedir(),
): string {
  let dir: string;
  if (platform === 'win32') dir = env.APPDATA || join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') dir = join(home, 'Library', 'Application Support');
  else {
    const xdg = env.XDG_CONFIG_HOME;
    dir = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
  }
  return join(dir, 'atlascli', 'config.toml');
}

/** A table of the parsed document, or undefined for any other value. */
function asTable(value: unknown): ProfileTable | undefined {
  return typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
    ? (value as ProfileTable)
    : undefined;
}

/** `table` with its keys lower-cased, as the Atlas CLI's configuration library reads them. */
function lowerCased(table: ProfileTable): ProfileTable {
  return Object.fromEntries(
    Object.entries(table).map(([key, value]) => [key.toLowerCase(), value]),
  );
}

/**
 * Reads and parses `file`. A missing file is an empty configuration; an unreadable or malformed
 * one throws `AtlasConfigError` with one line naming the file and, for a syntax error, the line.
 * note: the parser's own message carries a frame of the file's text, which may hold a
 * credential; only its first line, the reason, is kept.
 */
export async function readAtlasCliConfig(file: string): Promise<AtlasCliConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { file, exists: false, settings: {}, profiles: new Map() };
    }
    throw new AtlasConfigError(
      `cannot read ${file}${typeof code === 'string' ? ` (${code})` : ''}`,
      {
        file,
      },
    );
  }
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? '';
    throw new AtlasConfigError(`${file} line ${error.line}: ${reason || 'not valid TOML'}`, {
      file,
      line: error.line,
    });
  }
  const settings: Record<string, unknown> = {};
  const profiles = new Map<string, ProfileTable>();
  for (const [key, value] of Object.entries(document)) {
    const table = asTable(value);
    if (table) profiles.set(key.toLowerCase(), lowerCased(table));
    else settings[key.toLowerCase()] = value;
  }
  return { file, exists: true, settings, profiles };
}
