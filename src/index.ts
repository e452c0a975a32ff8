import { fileURLToPath } from 'node:url';
import { relaunchWithSmallYoungGeneration } from './seams/young-generation.js';

// The job streams whole images: run with a small young generation (see seams/young-generation.ts).
const relaunched = await relaunchWithSmallYoungGeneration(fileURLToPath(import.meta.url));
if (relaunched !== undefined) process.exitCode = relaunched;
else {
  const { run } = await import('./action.js');
  await run();
}
