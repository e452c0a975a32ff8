/**
 * A problem in what the user gave us (inputs, Dockerfile, environment), as opposed to a bug.
 * It is shown as a plain `::error` with the fix; never with a stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** The pipeline step it belongs to, as shown in the report: inputs, dockerfile, build, ... */
    readonly step: string,
    /** Where in a file, for an annotation. */
    readonly location?: { file: string; line?: number },
  ) {
    super(message);
    this.name = 'UserError';
  }
}
