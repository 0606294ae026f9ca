// One runtime of the matrix against the installed packages: the published mock started on it,
// the key's whole life through the client (by import, and by require), the command line, and
// the mock README's own test.
import { check, run, start } from './process.mjs';

// The spec's example project, where the mock's seeded key lives.
const SEEDED_GROUP_ID = '32b6e34b3d91647abb20e7b8';
const SEEDED_API_KEY_ID = 'a86r5kwrfsk5r5ku5tgvhmpj';

/** The command that runs a script, or a test file, on a runtime. */
function command(runtime, executable, script, { test = false } = {}) {
  switch (runtime.kind) {
    case 'node':
      return [executable, test ? ['--test', script] : [script]];
    case 'bun':
      return [executable, test ? ['test', `./${script}`] : [script]];
    case 'deno':
      return [executable, [test ? 'test' : 'run', '--allow-all', script]];
    default:
      throw new Error(`unknown kind of runtime ${runtime.kind}`);
  }
}

/**
 * Runs every check on `runtime` in the installed project `app`; `step` reports progress. The
 * mock is stopped whatever happens, and must stop with exit code 0.
 */
export async function checkRuntime(runtime, executable, app, { step, versions, readmeTest }) {
  const version = `${runtime.kind} ${/\d+\.\d+\.\d+/.exec(await run(executable, ['--version']))?.[0]}`;
  const on = (script, options) => command(runtime, executable, script, options);

  const [mockCommand, mockArgs] = on('node_modules/.bin/atlas-mock');
  const mock = await start(mockCommand, [...mockArgs, '--port', '0'], /listening on (http:\S+)/, {
    cwd: app,
  });
  const baseUrl = mock.match[1];
  step(`${version}: npx atlas-mock, stateful, on ${baseUrl}`);
  try {
    const env = { ...process.env, ATLAS_MOCK_URL: baseUrl, GROUP_ID: SEEDED_GROUP_ID };
    for (const script of ['lifecycle.mjs', 'lifecycle.cjs']) {
      const out = JSON.parse((await run(...on(script), { cwd: app, env })).trim());
      check(out.VERSION === versions['@org/atlas-ai-keys'], `${script} VERSION ${out.VERSION}`);
      check(out.deleted === '404 RESOURCE_NOT_FOUND', `${script} deleted key: ${out.deleted}`);
      step(
        `${version}: ${script} (${out.format}): create, get, client.api GET, rename, list [${out.names.join(', ')}], delete, get → ${out.deleted}`,
      );
    }

    const [cli, cliArgs] = on('node_modules/.bin/atlas-ai-keys');
    const help = await run(cli, [...cliArgs, '--help'], { cwd: app });
    check(
      help.startsWith('Usage: atlas-ai-keys'),
      `atlas-ai-keys --help printed ${help.slice(0, 200)}`,
    );
    // Only what the command needs (and what the runtime itself needs to start): any Bearer token.
    const cliEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MONGODB_ATLAS_ACCESS_TOKEN: 'consumer-test-token',
      MONGODB_ATLAS_PROJECT_ID: SEEDED_GROUP_ID,
    };
    const listed = await run(cli, [...cliArgs, 'list', '--json', '--base-url', baseUrl], {
      cwd: app,
      env: cliEnv,
    });
    const keys = JSON.parse(listed);
    check(
      Array.isArray(keys) && keys.length === 1 && keys[0].apiKeyId === SEEDED_API_KEY_ID,
      `list --json printed ${listed.slice(0, 300)}`,
    );
    step(`${version}: atlas-ai-keys --help, and list --json: the seeded key alone`);

    // note: some runners report on stderr; a run that found no test must not pass unnoticed.
    const report = await run(...on(readmeTest, { test: true }), { cwd: app, stderr: true });
    const passed = Number(
      /(?:#|ℹ) pass (\d+)|(\d+) pass|(\d+) passed/.exec(report)?.slice(1).find(Boolean),
    );
    check(passed > 0, `${readmeTest} on ${version} passed no test:\n${report}`);
    step(`${version}: ${readmeTest}, the mock README's test: ${passed} passed`);
  } finally {
    const code = await mock.stop();
    check(code === 0, `the mock on ${version} stopped with ${code}:\n${mock.output()}`);
  }
  return version;
}
