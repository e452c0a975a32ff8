/** The `stagegate` command: the action's job and its linter, for terminals and other CI systems. */
import { lintCommand, rulesCommand } from './lint.js';
import { VERSION } from '../version.js';

const USAGE = `stagegate ${VERSION}

Usage:
  stagegate report [options]        build, test, measure and lint; print the Markdown report
  stagegate lint [options] FILE...  lint Dockerfiles (text, json or sarif)
  stagegate rules [--format json]   list the rules
  stagegate --version

Run 'stagegate <command> --help' for a command's options.
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  // Loaded on demand: `report` pulls in the build, image and GitHub code that `lint` never needs.
  report: async (args) => (await import('./report.js')).reportCommand(args),
  lint: lintCommand,
  rules: rulesCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`stagegate: unknown command '${name}'.\n\n${USAGE}`);
    return 2;
  }
  return command(rest);
}

process.exitCode = await main(process.argv.slice(2));
