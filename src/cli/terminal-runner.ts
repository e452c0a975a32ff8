/**
 * The runner seam for a terminal: inputs come from command-line flags, logs and annotations go to
 * stderr (so stdout carries only the report), and outputs are kept for the caller.
 */
import { INPUT_DEFAULTS } from '../inputs.js';
import type { AnnotationProps, EventContext, Runner } from '../seams/runner.js';

export interface TerminalRunner extends Runner {
  outputs: Map<string, string>;
  failures: string[];
}

function where(props?: AnnotationProps): string {
  if (!props?.file) return '';
  return `${props.file}${props.startLine ? `:${props.startLine}` : ''}: `;
}

export function createTerminalRunner(
  inputs: Record<string, string>,
  event: EventContext,
  options: { verbose?: boolean; write?: (text: string) => void } = {},
): TerminalRunner {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const secrets: string[] = [];
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const line = (text: string) => write(mask(text) + '\n');
  const outputs = new Map<string, string>();
  const failures: string[] = [];
  return {
    outputs,
    failures,
    getInput: (name) => inputs[name] ?? INPUT_DEFAULTS[name] ?? '',
    setOutput: (name, value) => void outputs.set(name, value),
    debug: (m) => {
      if (options.verbose) line(`debug: ${m}`);
    },
    info: (m) => line(m),
    notice: (m, p) => line(`notice: ${where(p)}${m}`),
    warning: (m, p) => line(`warning: ${where(p)}${m}`),
    error: (m, p) => line(`error: ${where(p)}${m}`),
    async group(name, fn) {
      line(`▶ ${name}`);
      return fn();
    },
    setSecret: (v) => {
      if (v) secrets.push(v);
    },
    writeSummary: async () => undefined,
    setFailed: (m) => {
      failures.push(m);
    },
    event: () => event,
  };
}
