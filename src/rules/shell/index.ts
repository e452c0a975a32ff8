/**
 * Shell helpers for rules that read RUN commands. `runScript(run)` gives a RUN's simple commands;
 * the command.ts predicates answer questions about one of them.
 */
export { basename, flagNames, parseShell, stripCommentsAndContinuations } from './script.js';
export type { ShellCommand, ShellScript } from './script.js';
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
export { execFormWords, runScript, runScriptText } from './run-script.js';
