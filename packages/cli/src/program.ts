import { CREDENTIAL_VARIABLES } from '@org/atlas-ai-keys/defaults';
import { Argument, Command, Option } from 'commander';
import { type BodyOperation, idHelp, nameHelp, scopeChoices } from './arguments.js';
import { retriesHelp, withCommonOptions } from './common-options.js';
import type { CliIo } from './io.js';
import { LIMITS, type LimitField, limitHelp, limitParser } from './limit-arguments.js';
import { cliVersion } from './version.js';

// note: this module is all that `--help` and `--version` load (with the client's tiny `defaults`
// entry). The commands, the client and the output code are dynamic imports inside the actions, so
// start-up stays close to `node -e 0`.

const PROJECT = '32b6e34b3d91647abb20e7b8';
const ORG = '5f1d6c2b9e0a4b7c8d9e0f12';
const KEY = 'a86r5kwrfsk5r5ku5tgvhmpj';
const GROUP = 'embed_large';

/** An "Examples:" section: each entry a comment line and a command. */
function examples(...entries: readonly [comment: string, command: string][]): string {
  const lines = entries.map(([comment, command]) => `  # ${comment}\n  $ atlas-ai-keys ${command}`);
  return `\nExamples:\n${lines.join('\n\n')}\n`;
}

/** What each kind of credentials in the environment is, as the help lists them. */
const CREDENTIAL_KINDS: Readonly<Record<keyof typeof CREDENTIAL_VARIABLES, string>> = {
  accessToken: 'a ready bearer token',
  serviceAccount: 'a service account',
  digest: 'a programmatic API key (Digest)',
};

const CREDENTIAL_LINES = Object.entries(CREDENTIAL_VARIABLES)
  .map(([kind, names]) => {
    const variables = names.map(([name]) => name).join(', ');
    return `  ${variables.padEnd(63)}${CREDENTIAL_KINDS[kind as keyof typeof CREDENTIAL_KINDS]}`;
  })
  .join('\n');

const ENVIRONMENT = `
Credentials, first found wins:
${CREDENTIAL_LINES}
  else the Atlas CLI profile (atlas auth login, atlas config init): its config.toml, then
  the OS keyring. atlas-ai-keys auth status shows what is in use and where it came from.

Other variables:
  MONGODB_ATLAS_PROFILE       default for --profile
  MONGODB_ATLAS_PROJECT_ID    default for --project (else the profile's project_id)
  MONGODB_ATLAS_ORG_ID        default for --org (else the profile's org_id)
  MONGODB_ATLAS_BASE_URL      default for --base-url (else the profile's ops_manager_url)
  MONGODB_ATLAS_DEBUG=1       same as --debug
  HTTPS_PROXY, HTTP_PROXY     send requests through this proxy, except to the hosts in NO_PROXY
  NO_COLOR                    no colour, even on a terminal
${retriesHelp()}
Exit codes:
  0    success (also when a reader such as head closes the output early)
  1    API or network error, as one line on stderr
  2    usage error or no credentials (found before any request), or a deletion not confirmed
  130  interrupted with Ctrl-C
`;

/** Every command that calls Atlas: the shared options, and its action loaded when it runs. */
interface LeafSpec {
  readonly name: string;
  readonly description: string;
  readonly configure?: (command: Command) => Command;
  readonly help?: string;
  readonly run: (...args: unknown[]) => Promise<void>;
}

/**
 * Adds a command that calls Atlas to `parent`: its own arguments and options, then the shared
 * ones, its help text, and an action that loads its module only when it runs. A new command
 * group (`auth`, and more to come) is a `parent.command(name)` and leaves added to it.
 */
function leaf(parent: Command, io: CliIo, spec: LeafSpec): Command {
  const command = parent.command(spec.name).description(spec.description);
  spec.configure?.(command);
  withCommonOptions(command, io.env);
  if (spec.help) command.addHelpText('after', spec.help);
  return command.action((...args: unknown[]) => spec.run(...args.slice(0, -1)));
}

const projectOption = () =>
  new Option(
    '--project <groupId>',
    `project id, ${idHelp('groupId')} (default: $MONGODB_ATLAS_PROJECT_ID, else the profile)`,
  );
const orgOption = () =>
  new Option(
    '--org <orgId>',
    `organisation id, ${idHelp('orgId')}, instead of a project (default: $MONGODB_ATLAS_ORG_ID, else the profile)`,
  );
const jsonOption = (what = "the API's JSON instead of a table") =>
  new Option('--json', `print ${what}`);
/** `--name`, its limits as the spec states them for the operation it is sent to. */
const nameOption = (operation: BodyOperation) =>
  new Option('--name <name>', `the key's name, ${nameHelp(operation)}`);

/**
 * `--cloud` and `--geography`: the values the spec allows, offered as choices. `create` shows the
 * spec's declared default; `rotate` keeps the old key's scope unless told otherwise.
 */
function withScope(command: Command, what: 'create' | 'rotate'): Command {
  for (const field of ['cloud', 'geography'] as const) {
    const { choices, fallback } = scopeChoices(field);
    const kept = what === 'rotate' ? "; the old key's when left out" : '';
    const option = new Option(`--${field} <${field}>`, `the new key's ${field} scope${kept}`);
    if (choices.length > 0) option.choices(choices);
    if (what === 'create' && fallback !== undefined) option.default(fallback);
    command.addOption(option);
  }
  return command;
}
const yesOption = (what = 'delete') =>
  new Option('-y, --yes', `${what} without asking (needed when not in a terminal)`);
/** `--rpm` or `--tpm`: its range as the spec states it, parsed before any request. */
const limitOption = (field: LimitField, what: string) =>
  new Option(`${LIMITS[field].flag} <n>`, `${what}, ${limitHelp(field)}`)
    .argParser(limitParser(field))
    .makeOptionMandatory();
const secretFileOptions = (command: Command) =>
  command
    .addOption(
      new Option(
        '--secret-file <path>',
        'write the new secret to this file (mode 0600, written whole or not at all) and print it nowhere',
      ),
    )
    .addOption(new Option('--force', 'with --secret-file, replace a file that exists'));

/** Builds the command-line program; actions load their command's module only when they run. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('atlas-ai-keys')
    .description(
      'Manage MongoDB Atlas AI model API keys, the keys of the Voyage AI embedding and reranking ' +
        'models, and the rate limits they run under: tables for people, --json for scripts, ' +
        'secrets shown once.',
    )
    .version(cliVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(add --help for usage and examples)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      examples(
        ['the keys of a project, as a table', `list --project ${PROJECT}`],
        ['every key of an organisation, as one JSON array', `list --org ${ORG} --json`],
        [
          'a new key for CI, its secret in a file only you can read',
          'create --name ci --secret-file ci.key',
        ],
        ['a new key, then delete the old one once confirmed', `rotate ${KEY}`],
        ["a project's rate limits, one row per model group", 'limits list'],
        ['which credentials are in use, and where they came from', 'auth status'],
      ) + ENVIRONMENT,
    );

  leaf(program, io, {
    name: 'list',
    description: 'list the keys of a project, or of an organisation with --org',
    configure: (command) =>
      command
        .addOption(projectOption())
        .addOption(orgOption())
        .addOption(jsonOption('one JSON array of every key')),
    help: examples(
      ['the keys of the project in $MONGODB_ATLAS_PROJECT_ID or the profile', 'list'],
      ['every key of an organisation', `list --org ${ORG}`],
      [
        'the ids of the active keys, with jq',
        `list --json | jq -r '.[] | select(.status == "ACTIVE") | .apiKeyId'`,
      ],
    ),
    run: async (options) => (await import('./commands/list.js')).list(io, options as never),
  });

  leaf(program, io, {
    name: 'get',
    description: 'show every field of one key (its secret masked)',
    configure: (command) =>
      command
        .argument('<apiKeyId>', 'the key id')
        .addOption(projectOption())
        .addOption(orgOption())
        .addOption(jsonOption()),
    help: examples(
      ['a key of a project', `get ${KEY} --project ${PROJECT}`],
      ['the same key seen from its organisation, as JSON', `get ${KEY} --org ${ORG} --json`],
    ),
    run: async (apiKeyId, options) =>
      (await import('./commands/get.js')).get(io, apiKeyId as string, options as never),
  });

  leaf(program, io, {
    name: 'create',
    description: 'create a key and print its secret, the only time it can be seen',
    configure: (command) =>
      secretFileOptions(
        withScope(
          command
            .addOption(nameOption('createGroupAiModelApiKey').makeOptionMandatory())
            .addOption(projectOption()),
          'create',
        ).addOption(
          jsonOption('the new key as JSON, its secret included (left out with --secret-file)'),
        ),
      ),
    help: `
The secret goes to stdout, alone (or in the JSON with --json), unless --secret-file writes it to
a file readable only by you; messages go to stderr.
${examples(
  [
    'the secret in a file only you can read, printed nowhere',
    `create --name ci --project ${PROJECT} --secret-file ci.key`,
  ],
  ['the whole new key, secret included, for a script', 'create --name ci --json | jq -r .secret'],
)}`,
    run: async (options) => (await import('./commands/create.js')).create(io, options as never),
  });

  leaf(program, io, {
    name: 'rename',
    description: 'give a key a new name',
    configure: (command) =>
      command
        .argument('<apiKeyId>', 'the key id')
        .addOption(nameOption('updateGroupAiModelApiKey').makeOptionMandatory())
        .addOption(projectOption())
        .addOption(jsonOption('the renamed key as JSON')),
    help: examples(['rename a key', `rename ${KEY} --name production`]),
    run: async (apiKeyId, options) =>
      (await import('./commands/rename.js')).rename(io, apiKeyId as string, options as never),
  });

  leaf(program, io, {
    name: 'delete',
    description: 'delete a key, after confirmation',
    configure: (command) =>
      command
        .argument('<apiKeyId>', 'the key id')
        .addOption(projectOption())
        .addOption(yesOption())
        .addOption(
          jsonOption('what was deleted as JSON: {"deleted": true, "apiKeyId", "groupId"}'),
        ),
    help: `
On a terminal it shows the key's name and asks first; answering no prints "Nothing deleted." and
exits 2. Without a terminal (CI, a pipe) it needs --yes, and without it exits 2 having deleted
nothing.
${examples(
  ['asks, then deletes', `delete ${KEY}`],
  ['in a CI job', `delete ${KEY} --project ${PROJECT} --yes`],
)}`,
    run: async (apiKeyId, options) =>
      (await import('./commands/delete.js')).deleteKey(io, apiKeyId as string, options as never),
  });

  leaf(program, io, {
    name: 'rotate',
    description: 'replace a key: create one of the same name, print its secret, delete the old one',
    configure: (command) =>
      secretFileOptions(
        withScope(command.argument('<apiKeyId>', 'the key id').addOption(projectOption()), 'rotate')
          .addOption(
            new Option('--keep-old', 'keep the old key (delete it later, once nothing uses it)'),
          )
          .addOption(yesOption())
          .addOption(
            jsonOption('the new key as JSON, its secret included (left out with --secret-file)'),
          ),
      ),
    help: `
The new secret is printed (or written to --secret-file) before the old key is touched. The old
key is deleted after confirmation on a terminal, with --yes elsewhere, or kept with --keep-old.
${examples(
  ['rotate, confirming on the terminal', `rotate ${KEY}`],
  [
    'in a CI job, keeping the old key until the deploy is done',
    `rotate ${KEY} --keep-old --secret-file new.key`,
  ],
)}`,
    run: async (apiKeyId, options) =>
      (await import('./commands/rotate.js')).rotate(io, apiKeyId as string, options as never),
  });

  const limits = program
    .command('limits')
    .description(
      'the rate limits the keys of a project run under: requests and tokens a minute per model group',
    );
  leaf(limits, io, {
    name: 'list',
    description:
      'list the rate limits of every model group of a project, or of an organisation with --org',
    configure: (command) =>
      command
        .addOption(projectOption())
        .addOption(orgOption())
        .addOption(jsonOption('one JSON array of every model group')),
    help: examples(
      ['the limits of the project in $MONGODB_ATLAS_PROJECT_ID or the profile', 'limits list'],
      ["an organisation's limits, the most a project may have", `limits list --org ${ORG}`],
      [
        'each model group and its tokens a minute, with jq',
        `limits list --json | jq -r '.[] | "\\(.modelGroupName) \\(.tokensPerMinuteLimit)"'`,
      ],
    ),
    run: async (options) =>
      (await import('./commands/limits/list.js')).listLimits(io, options as never),
  });

  leaf(limits, io, {
    name: 'get',
    description: "show one model group's rate limits, its models, cloud, geography and endpoint",
    configure: (command) =>
      command
        .argument('<modelGroupName>', `the model group, such as ${GROUP}`)
        .addOption(projectOption())
        .addOption(orgOption())
        .addOption(jsonOption()),
    help: examples(
      ['a model group of a project', `limits get ${GROUP} --project ${PROJECT}`],
      ["the organisation's limits for it, as JSON", `limits get ${GROUP} --org ${ORG} --json`],
    ),
    run: async (modelGroupName, options) =>
      (await import('./commands/limits/get.js')).getLimits(
        io,
        modelGroupName as string,
        options as never,
      ),
  });

  leaf(limits, io, {
    name: 'set',
    description: "set a project's requests and tokens a minute for one model group",
    configure: (command) =>
      command
        .argument('<modelGroupName>', `the model group, such as ${GROUP}`)
        .addOption(limitOption('requestsPerMinuteLimit', 'requests a minute'))
        .addOption(limitOption('tokensPerMinuteLimit', 'tokens a minute'))
        .addOption(projectOption())
        .addOption(
          new Option(
            '--org <orgId>',
            `the project's organisation, ${idHelp('orgId')}: limits above its own are refused before anything changes (default: $MONGODB_ATLAS_ORG_ID, else the profile)`,
          ),
        )
        .addOption(jsonOption('the new limits as JSON')),
    help: `
A project's limits cannot exceed its organisation's. When the organisation is known (--org,
MONGODB_ATLAS_ORG_ID or the profile's org_id), its limits for the model group are read first, and
limits above them are refused with both numbers, exit 2, before any change; Atlas would refuse
them too, less clearly.
${examples(
  [
    'at most 500 requests and 1,000,000 tokens a minute',
    `limits set ${GROUP} --rpm 500 --tpm 1000000`,
  ],
  [
    "checked against the organisation's limits first",
    `limits set ${GROUP} --rpm 500 --tpm 1000000 --project ${PROJECT} --org ${ORG}`,
  ],
)}`,
    run: async (modelGroupName, options) =>
      (await import('./commands/limits/set.js')).setLimits(
        io,
        modelGroupName as string,
        options as never,
      ),
  });

  leaf(limits, io, {
    name: 'reset',
    description:
      "put one model group's rate limits, or every group's, back to their defaults, after confirmation",
    configure: (command) =>
      command
        .argument(
          '[modelGroupName]',
          'the model group; every model group of the project when left out',
        )
        .addOption(projectOption())
        .addOption(yesOption('reset'))
        .addOption(
          jsonOption('the limits after the reset as JSON (an array without a model group)'),
        ),
    help: `
Custom limits are lost. On a terminal it shows the limits a model group has now and asks first;
answering no prints "Nothing reset." and exits 2. Without a terminal (CI, a pipe) it needs --yes,
and without it exits 2 having sent nothing.
${examples(
  ['one model group, asking first', `limits reset ${GROUP}`],
  ['every model group of a project, in a CI job', `limits reset --project ${PROJECT} --yes`],
)}`,
    run: async (modelGroupName, options) =>
      (await import('./commands/limits/reset.js')).resetLimits(
        io,
        modelGroupName as string | undefined,
        options as never,
      ),
  });

  const auth = program.command('auth').description('the credentials atlas-ai-keys uses');
  leaf(auth, io, {
    name: 'status',
    description:
      'show which credentials are in use, their public part and where each came from (never a secret); exit 1 when there are none',
    configure: (command) => command.addOption(jsonOption('the same as JSON')),
    help: examples(
      ['what a command would use now', 'auth status'],
      ['the same for another Atlas CLI profile', 'auth status --profile work'],
    ),
    run: async (options) =>
      (await import('./commands/auth-status.js')).authStatus(io, options as never),
  });

  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      examples(
        [
          'bash: add to ~/.bashrc',
          'completion bash > ~/.local/share/bash-completion/completions/atlas-ai-keys',
        ],
        ['zsh: a file in a directory of $fpath', 'completion zsh > ~/.zfunc/_atlas-ai-keys'],
        ['fish', 'completion fish > ~/.config/fish/completions/atlas-ai-keys.fish'],
      ),
    )
    .action(async (shell: string) =>
      (await import('./commands/completion.js')).completion(io, program, shell),
    );

  return program;
}
