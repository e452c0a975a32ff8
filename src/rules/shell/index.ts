/**
 * Shell helpers for rules that read RUN commands. A RUN's simple commands are the typed model's
 * `script` (dockerfile/instructions.ts, from run-script.ts); the command.ts predicates answer
 * questions about one of them.
 */
export { basename, flagNames, parseShell, stripCommentsAndContinuations } from './script.js';
export type { ShellCommand, ShellPipe, ShellScript } from './script.js';
export {
  argsAfterSubcommand,
  argsNoFlags,
  commandsNamed,
  dropFlagValues,
  flagValue,
  hasArg,
  hasFlag,
  isProgram,
  isSubcommand,
  subcommand,
} from './command.js';
export { execFormWords, scriptTextOf } from './run-script.js';
