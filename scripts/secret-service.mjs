// A real Secret Service for tests: GNOME Keyring's daemon on a private D-Bus session, with
// secret-tool to store items the way zalando/go-keyring (the Atlas CLI's keyring library) does,
// attributes `service` and `username` in the login collection.
//
// The tools are used from PATH when installed (`apt-get install gnome-keyring libsecret-tools`).
// Otherwise they are fetched once, without root, from the Debian packages the machine's apt knows
// (`apt-get download`, then `dpkg -x` into node_modules/.cache), and run from there with their
// libraries on LD_LIBRARY_PATH. dbus-run-session (package dbus-bin) must be installed; it is on
// Debian systems with D-Bus. Nothing here is skipped: a machine without these fails with a line
// that says what to install.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Debian packages that hold the daemon, secret-tool and the libraries they need beyond a base system. */
const PACKAGES = [
  'gnome-keyring',
  'libsecret-tools',
  'libsecret-1-0',
  'libsecret-common',
  'libgck-1-0',
  'libgcr-base-3-1',
];

const CACHE = fileURLToPath(new URL('../node_modules/.cache/secret-service/', import.meta.url));

/** The full path of `name` on PATH, or undefined. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
}

/** The tools from the cache, fetching them first when the cache is empty. */
async function fromDebianPackages() {
  const root = join(CACHE, 'root');
  if (!existsSync(join(root, 'usr/bin/gnome-keyring-daemon'))) {
    await mkdir(CACHE, { recursive: true });
    const work = await mkdtemp(join(CACHE, 'fetch-'));
    try {
      await run('apt-get', ['download', ...PACKAGES], { cwd: work }).catch((error) => {
        throw new Error(
          `the Secret Service tests need gnome-keyring: install it (apt-get install gnome-keyring libsecret-tools) or let apt-get download fetch it (${String(
            error.stderr || error.message,
          )
            .trim()
            .split('\n')
            .pop()})`,
        );
      });
      const extracted = join(work, 'root');
      for (const deb of (await readdir(work)).filter((name) => name.endsWith('.deb'))) {
        await run('dpkg', ['-x', join(work, deb), extracted]);
      }
      // note: a rename is atomic, so concurrent test runs never see half a tree; the loser's copy goes.
      await rename(extracted, root).catch(() => {});
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  // note: the libraries sit in the multiarch directory, such as usr/lib/x86_64-linux-gnu.
  const lib = join(root, 'usr/lib');
  const multiarch = (await readdir(lib)).filter((name) => /-linux-gnu/.test(name));
  return {
    daemon: join(root, 'usr/bin/gnome-keyring-daemon'),
    secretTool: join(root, 'usr/bin/secret-tool'),
    libraryPath: multiarch.map((name) => join(lib, name)).join(':'),
  };
}

/**
 * Where the daemon and secret-tool are: on PATH, or fetched into the cache. Throws with what to
 * install when neither works, or when dbus-run-session is missing.
 */
export async function secretServiceTools() {
  if (!onPath('dbus-run-session')) {
    throw new Error('the Secret Service tests need dbus-run-session: apt-get install dbus-bin');
  }
  const daemon = onPath('gnome-keyring-daemon');
  const secretTool = onPath('secret-tool');
  if (daemon && secretTool) return { daemon, secretTool, libraryPath: undefined };
  return fromDebianPackages();
}

/** Quotes a word for sh. */
const quote = (word) => `'${String(word).replaceAll("'", `'\\''`)}'`;

/**
 * Runs `command` inside a new D-Bus session whose Secret Service (an unlocked login keyring in a
 * fresh home) already holds `items`, each stored as go-keyring stores it: label
 * "Password for '<account>' on '<service>'", attributes service and username. Resolves with the
 * command's exit code and output; the session, the daemon and the keyring end with it.
 */
export async function inSecretService(items, command, { env = {}, timeoutMs = 60_000 } = {}) {
  const tools = await secretServiceTools();
  const home = await mkdtemp(join(tmpdir(), 'secret-service-'));
  const store = items.map(
    ({ service, account, secret }) =>
      `printf %s ${quote(secret)} | ${quote(tools.secretTool)} store --label=${quote(
        `Password for '${account}' on '${service}'`,
      )} service ${quote(service)} username ${quote(account)}`,
  );
  const script = [
    'set -e',
    // note: --unlock reads the login keyring's password from stdin and creates the keyring.
    `printf test | ${quote(tools.daemon)} --unlock --components=secrets --daemonize >/dev/null`,
    // note: the daemon outlives the session bus for a while; it is ended by its process id.
    "pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ { print $2 }')",
    `trap 'kill "$pid" 2>/dev/null' EXIT`,
    ...store,
    'set +e',
    command.map(quote).join(' '),
  ].join('\n');
  const libraries = tools.libraryPath ? { LD_LIBRARY_PATH: tools.libraryPath } : {};
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          XDG_DATA_HOME: join(home, 'data'),
          XDG_CONFIG_HOME: join(home, 'config'),
          XDG_RUNTIME_DIR: home,
          ...libraries,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk) => {
        stderr += chunk;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, home });
      });
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
