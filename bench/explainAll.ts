/**
 * `npm run bench:explain`: every attribution benchmark in turn, each in its own process, so one section's failure
 * does not skip the others; exits 1 at the end when any of them failed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const SECTIONS = ['explain.ts', 'explain-image.ts', 'accuracy.ts', 'backends.ts'];

function main(): void {
  const failed: string[] = [];
  for (const file of SECTIONS) {
    console.log(`\n== bench/${file}`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], { stdio: 'inherit' });
    if (run.status !== 0)
      failed.push(`bench/${file} (${run.signal ? `killed by ${run.signal}` : `exit ${run.status}`})`);
  }
  console.log(failed.length ? `\nFAIL bench:explain: ${failed.join(', ')}` : '\nPASS bench:explain: every section');
  process.exitCode = failed.length ? 1 : 0;
}

main();
