// The entry point of the GitHub Action (action.yml at the repository root): its inputs come as INPUT_* variables.
import { fileURLToPath } from 'node:url';
import { runAction } from './commands/action.js';
import { GitHubApiError, UsageError } from './errors.js';
import { annotationCommand } from './github/workflow.js';

const bin = fileURLToPath(new URL('../bin/polluter.js', import.meta.url));
try {
  process.exitCode = await runAction(
    process.env,
    {
      stdout: (text) => process.stdout.write(text),
      progress: (line) => process.stderr.write(`polluter action: ${line}\n`),
    },
    bin,
  );
} catch (error) {
  const known = error instanceof UsageError || error instanceof GitHubApiError;
  // An error annotation too, so that the run's page says why the step failed.
  const message = error instanceof Error ? error.message : String(error);
  process.stdout.write(annotationCommand({ level: 'error', title: 'polluter action', message }));
  process.stderr.write(`polluter action: ${known ? '' : 'internal error: '}${message}\n`);
  process.exitCode = known ? 2 : 3;
}
