import { Command, Option } from 'commander';
import { type BodyOperation, idHelp, nameHelp, scopeChoices } from './arguments.js';
import { collectHeader } from './header-option.js';
import type { CliIo } from './io.js';
import { cliVersion } from './version.js';

// note: this module is all that `--help` and `--version` load. The commands, the client and the
// output code are dynamic imports inside the actions, so start-up stays close to `node -e 0`.

const PROJECT = '32b6e34b3d91647abb20e7b8';
const ORG = '5f1d6c2b9e0a4b7c8d9e0f12';
const KEY = 'a86r5kwrfsk5r5ku5tgvhmpj';

/** An "Examples:" section: each entry a comment line and a command. */
function examples(...entries: readonly [comment: string, command: string][]): string {
  const lines = entries.map(([comment, command]) => `  # ${comment}\n  $ atlas-ai-keys ${command}`);
  return `\nExamples:\n${lines.join('\n\n')}\n`;
}

const ENVIRONMENT = `
Credentials come from the environment, first found wins:
  MONGODB_ATLAS_ACCESS_TOKEN                                     a ready bearer token
  MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET           a service account
  MONGODB_ATLAS_PUBLIC_API_KEY, MONGODB_ATLAS_PRIVATE_API_KEY    a programmatic API key (Digest)

Other variables:
  MONGODB_ATLAS_PROJECT_ID    default for --project
  MONGODB_ATLAS_ORG_ID        default for --org
  MONGODB_ATLAS_BASE_URL      default for --base-url (https://cloud.mongodb.com)
  NO_COLOR                    no colour, even on a terminal

Exit codes:
  0    success
  1    API or network error, as one line on stderr
  2    usage error or no credentials (found before any request), or a deletion not confirmed
  130  interrupted with Ctrl-C
`;

const projectOption = () =>
  new Option(
    '--project <groupId>',
    `project id, ${idHelp('groupId')} (default: $MONGODB_ATLAS_PROJECT_ID)`,
  );
const orgOption = () =>
  new Option(
    '--org <orgId>',
    `organisation id, ${idHelp('orgId')}, instead of a project (default: $MONGODB_ATLAS_ORG_ID)`,
  );
const jsonOption = () => new Option('--json', "print the API's JSON instead of a table");
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
const yesOption = () =>
  new Option('-y, --yes', 'delete without asking (needed when not in a terminal)');

/** Adds the options every command shares: where the API is, which version, extra headers. */
function withConnection(command: Command): Command {
  return command
    .addOption(
      new Option('--base-url <url>', 'Atlas base URL (default: https://cloud.mongodb.com)'),
    )
    .addOption(
      new Option(
        '--api-version <version>',
        'API version: a date such as 2025-03-12, or preview (default: the newest the client knows)',
      ),
    )
    .addOption(
      new Option(
        '--header <header>',
        'send an HTTP header with every request, "Name: value" (repeatable); for example ' +
          '"Prefer: code=404" makes the Atlas mock answer that error',
      ).argParser(collectHeader),
    );
}

/** Builds the command-line program; actions load their command's module only when they run. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('atlas-ai-keys')
    .description(
      'Manage MongoDB Atlas AI model API keys, the keys of the Voyage AI embedding and reranking ' +
        'models: tables for people, --json for scripts, secrets shown once.',
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
        ['a new key for CI: the secret alone on stdout', `create --name ci > key.txt`],
        ['a new key, then delete the old one once confirmed', `rotate ${KEY}`],
      ) + ENVIRONMENT,
    );

  withConnection(
    program
      .command('list')
      .description('list the keys of a project, or of an organisation with --org')
      .addOption(projectOption())
      .addOption(orgOption())
      .addOption(jsonOption()),
  )
    .addHelpText(
      'after',
      examples(
        ['the keys of the project in $MONGODB_ATLAS_PROJECT_ID', 'list'],
        ['every key of an organisation', `list --org ${ORG}`],
        [
          'the ids of the active keys, with jq',
          `list --json | jq -r '.[] | select(.status == "ACTIVE") | .apiKeyId'`,
        ],
      ),
    )
    .action(async (options) => (await import('./commands/list.js')).list(io, options));

  withConnection(
    program
      .command('get')
      .description('show one key (its masked secret only)')
      .argument('<apiKeyId>', 'the key id')
      .addOption(projectOption())
      .addOption(orgOption())
      .addOption(jsonOption()),
  )
    .addHelpText(
      'after',
      examples(
        ['a key of a project', `get ${KEY} --project ${PROJECT}`],
        ['the same key seen from its organisation, as JSON', `get ${KEY} --org ${ORG} --json`],
      ),
    )
    .action(async (apiKeyId, options) =>
      (await import('./commands/get.js')).get(io, apiKeyId, options),
    );

  withConnection(
    withScope(
      program
        .command('create')
        .description('create a key and print its secret, the only time it can be seen')
        .addOption(nameOption('createGroupAiModelApiKey').makeOptionMandatory())
        .addOption(projectOption()),
      'create',
    ).addOption(jsonOption()),
  )
    .addHelpText(
      'after',
      `
The secret goes to stdout, alone (or in the JSON with --json); messages go to stderr.
${examples(
  [
    'store the secret in a file readable only by you',
    `create --name ci --project ${PROJECT} > key.txt`,
  ],
  ['the whole new key, secret included, for a script', `create --name ci --json | jq -r .secret`],
)}`,
    )
    .action(async (options) => (await import('./commands/create.js')).create(io, options));

  withConnection(
    program
      .command('rename')
      .description('give a key a new name')
      .argument('<apiKeyId>', 'the key id')
      .addOption(nameOption('updateGroupAiModelApiKey').makeOptionMandatory())
      .addOption(projectOption())
      .addOption(jsonOption()),
  )
    .addHelpText('after', examples(['rename a key', `rename ${KEY} --name production`]))
    .action(async (apiKeyId, options) =>
      (await import('./commands/rename.js')).rename(io, apiKeyId, options),
    );

  withConnection(
    program
      .command('delete')
      .description('delete a key, after confirmation')
      .argument('<apiKeyId>', 'the key id')
      .addOption(projectOption())
      .addOption(yesOption()),
  )
    .addHelpText(
      'after',
      `
On a terminal it shows the key's name and asks first. Without a terminal (CI, a pipe) it needs
--yes, and without it exits 2 having deleted nothing.
${examples(
  ['asks, then deletes', `delete ${KEY}`],
  ['in a CI job', `delete ${KEY} --project ${PROJECT} --yes`],
)}`,
    )
    .action(async (apiKeyId, options) =>
      (await import('./commands/delete.js')).deleteKey(io, apiKeyId, options),
    );

  withConnection(
    withScope(
      program
        .command('rotate')
        .description(
          'replace a key: create one of the same name, print its secret, delete the old one',
        )
        .argument('<apiKeyId>', 'the key id')
        .addOption(projectOption()),
      'rotate',
    )
      .addOption(
        new Option('--keep-old', 'keep the old key (delete it later, once nothing uses it)'),
      )
      .addOption(yesOption())
      .addOption(jsonOption()),
  )
    .addHelpText(
      'after',
      `
The new secret is printed before the old key is touched. The old key is deleted after
confirmation on a terminal, with --yes elsewhere, or kept with --keep-old.
${examples(
  ['rotate, confirming on the terminal', `rotate ${KEY}`],
  [
    'in a CI job, keeping the old key until the deploy is done',
    `rotate ${KEY} --keep-old --json > new-key.json`,
  ],
)}`,
    )
    .action(async (apiKeyId, options) =>
      (await import('./commands/rotate.js')).rotate(io, apiKeyId, options),
    );

  return program;
}
