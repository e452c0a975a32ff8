// The floor under stagegate's lint: what parsing alone costs with dockerfile-ast, the parser stagegate
// must use. Reads every file named on the command line, parses it, touches each instruction's
// arguments once (what any rule does first), prints {"files","instructions"} as JSON. No rule runs.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

let instructions = 0;
const files = process.argv.slice(2);
for (const file of files) {
  for (const instruction of DockerfileParser.parse(readFileSync(file, 'utf8')).getInstructions()) {
    instruction.getArguments();
    instructions++;
  }
}
console.log(JSON.stringify({ files: files.length, instructions }));
