import { parse } from 'shell-quote';

/** One `pnpm …` invocation found in a shell script. */
export interface PnpmCommand {
  /** The words from `pnpm` to the end of its command. */
  readonly text: string;
  /** The script it runs (`pnpm test`, `pnpm run x`, `pnpm x`) or the built-in command it is. */
  readonly command: string;
  /** The workspace package named by `--filter`/`-F`, when there is one. */
  readonly filter?: string;
}

/** Operators that end one command and start the next. */
const SEPARATORS = new Set(['&&', '||', ';', ';;', '|', '|&', '&', '(', ')']);

/** Words that may stand before a command without being it. */
const PREFIXES = new Set([
  '!',
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  'exec',
  'time',
]);

/** pnpm options before the command that take a value as the next word. */
const OPTIONS_WITH_VALUE = new Set([
  '--filter',
  '-F',
  '--dir',
  '-C',
  '--workspace-dir',
  '--reporter',
]);

/** pnpm commands that run the script of the same name rather than being built in. */
const SCRIPT_ALIASES: Readonly<Record<string, string>> = {
  t: 'test',
  tst: 'test',
  test: 'test',
  start: 'start',
};

/**
 * pnpm's built-in commands; any other word after `pnpm` runs the script of that name.
 * (`test` and `start` are listed apart: they run a script too.)
 */
export const PNPM_BUILTINS: ReadonlySet<string> = new Set([
  'add',
  'audit',
  'bin',
  'config',
  'create',
  'dedupe',
  'deploy',
  'dlx',
  'doctor',
  'env',
  'exec',
  'fetch',
  'i',
  'import',
  'init',
  'install',
  'install-test',
  'it',
  'licenses',
  'link',
  'list',
  'ls',
  'outdated',
  'pack',
  'patch',
  'patch-commit',
  'prune',
  'publish',
  'rebuild',
  'remove',
  'rm',
  'root',
  'self-update',
  'setup',
  'store',
  'unlink',
  'up',
  'update',
  'why',
]);

type Token = ReturnType<typeof parse>[number];

/** Splits one line of shell into its simple commands, as lists of words. */
function simpleCommands(line: string): string[][] {
  // note: variables are kept as written (`$RUNTIME`), not expanded to nothing; shell-quote
  // refuses parameter expansions such as `${name#prefix}`, which name no command anyway.
  const plain = line.replace(/\$\{[^}]*\}/g, '$PARAMETER');
  const tokens: Token[] = parse(plain, (name) => `$${name}`);
  const commands: string[][] = [[]];
  let skipNext = false;
  for (const token of tokens) {
    if (typeof token === 'object' && 'comment' in token) break;
    if (typeof token === 'object' && 'op' in token) {
      const current = commands[commands.length - 1] as string[];
      if (SEPARATORS.has(token.op)) commands.push([]);
      else {
        // a redirection: the next word is its file, and a number just before it its descriptor
        skipNext = true;
        if (/^\d+$/.test(current.at(-1) ?? '')) current.pop();
      }
      continue;
    }
    if (typeof token !== 'string') continue;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    (commands[commands.length - 1] as string[]).push(token);
  }
  return commands.filter((words) => words.length > 0);
}

/** The pnpm command in `words` (which start with `pnpm`), or undefined for a bare `pnpm`. */
function readPnpm(words: readonly string[]): PnpmCommand | undefined {
  let filter: string | undefined;
  let i = 1;
  while (words[i]?.startsWith('-')) {
    const [option, value] = (words[i] as string).split('=', 2) as [string, string | undefined];
    const takesValue = OPTIONS_WITH_VALUE.has(option) && value === undefined;
    const optionValue = value ?? (takesValue ? words[i + 1] : undefined);
    if (option === '--filter' || option === '-F') filter = optionValue;
    i += takesValue ? 2 : 1;
  }
  let command = words[i];
  if (command === 'run' || command === 'run-script') {
    i += 1;
    while (words[i]?.startsWith('-')) i += 1;
    command = words[i];
  }
  if (command === undefined) return undefined;
  return {
    text: words.join(' '),
    command: SCRIPT_ALIASES[command] ?? command,
    ...(filter === undefined ? {} : { filter }),
  };
}

/** Every `pnpm …` command a shell script runs, in order. */
export function pnpmCommands(script: string): PnpmCommand[] {
  const lines = script.replace(/\\\n/g, ' ').split('\n');
  const found: PnpmCommand[] = [];
  for (const words of lines.flatMap(simpleCommands)) {
    let start = 0;
    while (start < words.length) {
      const word = words[start] as string;
      if (PREFIXES.has(word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) start += 1;
      else break;
    }
    if (words[start] !== 'pnpm') continue;
    const command = readPnpm(words.slice(start));
    if (command) found.push(command);
  }
  return found;
}

/** The scripts of the root package and of each workspace package, by package name. */
export interface ScriptTable {
  readonly root: Readonly<Record<string, string>>;
  readonly packages: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * Why `command` would not run, or undefined when it would: a built-in, a root script, or the
 * script of the package it filters to. A root script it runs is checked the same way, so a
 * workflow that calls a script that calls a missing one fails too.
 */
export function missingCommand(
  command: PnpmCommand,
  scripts: ScriptTable,
  seen: ReadonlySet<string> = new Set(),
): string | undefined {
  if (command.filter !== undefined) {
    const pkg = scripts.packages[command.filter];
    if (!pkg) return `\`${command.text}\`: no workspace package is called ${command.filter}`;
    if (PNPM_BUILTINS.has(command.command) || command.command in pkg) return undefined;
    return `\`${command.text}\`: ${command.filter} has no script "${command.command}"`;
  }
  if (PNPM_BUILTINS.has(command.command)) return undefined;
  const body = scripts.root[command.command];
  if (body === undefined) {
    return `\`${command.text}\`: package.json has no script "${command.command}" and pnpm no such command`;
  }
  if (seen.has(command.command)) return undefined;
  const inner = new Set([...seen, command.command]);
  for (const nested of pnpmCommands(body)) {
    const problem = missingCommand(nested, scripts, inner);
    if (problem) return `\`${command.text}\` runs ${problem}`;
  }
  return undefined;
}
