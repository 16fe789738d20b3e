// Webviews import only src/protocol and webview code: every import in webview/ is checked, and ESLint must say so.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');
const WEBVIEW = path.join(ROOT, 'webview');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The relative imports of a file, resolved against its folder (static `import … from` and `export … from`). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) =>
    path
      .relative(ROOT, path.resolve(path.dirname(file), s))
      .split(path.sep)
      .join('/'),
  );
}

describe('webview layering', () => {
  it('no webview file imports from src/ outside src/protocol', () => {
    const bad = tsFiles(WEBVIEW).flatMap((f) =>
      relativeImports(f)
        .filter((target) => target.startsWith('src/') && !target.startsWith('src/protocol/'))
        .map((target) => `${path.relative(ROOT, f)} -> ${target}`),
    );
    assert.deepEqual(bad, []);
  });

  it('ESLint rejects an engine or host import in a webview and accepts a protocol import', async function () {
    this.timeout(60_000);
    const eslint = new ESLint({ cwd: ROOT });
    const lint = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(WEBVIEW, 'compare', 'probe.ts') });
      return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
    };
    assert.equal(await lint("import { quantile } from '../../src/engine/evaluate/regression';\nvoid quantile;\n"), 1);
    assert.equal(await lint("import { readConfig } from '../../src/host/config';\nvoid readConfig;\n"), 1);
    assert.equal(
      await lint("import { metricPairs } from '../../src/protocol/compareHeadline';\nvoid metricPairs;\n"),
      0,
    );
  });
});
