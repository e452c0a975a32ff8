// The dockerfile-utils peer for the lint benchmark: what a user scripting `validate` would run. Reads
// every file named on the command line, validates it, prints {"files","diagnostics"} as JSON.
import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

let diagnostics = 0;
const files = process.argv.slice(2);
for (const file of files) diagnostics += validate(readFileSync(file, 'utf8')).length;
console.log(JSON.stringify({ files: files.length, diagnostics }));
