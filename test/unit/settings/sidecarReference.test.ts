// The README's sidecar reference cannot drift: every field the JSON schema lists (nested ones as image.size)
// has a row there, and the schema lists exactly the fields the sidecar reader knows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHOICE_FIELDS, OTHER_FIELDS, parseSidecar } from '../../../src/engine/settings/sidecar';

const ROOT = path.resolve(__dirname, '../../..');

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
}

function fieldPaths(node: SchemaNode, prefix = ''): string[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => [
    prefix + key,
    ...fieldPaths(child, `${prefix}${key}.`),
  ]);
}

/** The README's text from the sidecar reference heading to the next section. */
function referenceSection(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## The sidecar reference\n');
  assert.ok(start >= 0, 'README.md has a "## The sidecar reference" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('the sidecar reference in the README', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'lens.schema.json'), 'utf8')) as SchemaNode;

  it('has a row for every field of the schema, nested ones included', () => {
    const section = referenceSection();
    const rows = new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));
    const paths = fieldPaths(schema);
    assert.ok(paths.includes('image.size') && paths.includes('text.inputs.input_ids'), paths.join(', '));
    const missing = paths.filter((p) => !rows.has(p));
    assert.deepEqual(missing, [], `fields without a row in the README: ${missing.join(', ')}`);
    const unknown = [...rows].filter((r) => !paths.includes(r));
    assert.deepEqual(unknown, [], `README rows the schema does not list: ${unknown.join(', ')}`);
  });

  it('the schema lists exactly the fields the sidecar reader knows', () => {
    assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), [...CHOICE_FIELDS, ...OTHER_FIELDS].sort());
  });

  it('shows an example sidecar for each kind of input, each valid JSON', () => {
    const examples = [...referenceSection().matchAll(/```json\n([\s\S]*?)```/g)].map(
      (m) => JSON.parse(m[1]) as Record<string, unknown>,
    );
    for (const e of examples) assert.deepEqual(parseSidecar(JSON.stringify(e), 'example').problems, []);
    assert.ok(
      examples.some((e) => e.image !== undefined),
      'an image example',
    );
    assert.ok(
      examples.some((e) => e.text !== undefined),
      'a text example',
    );
    assert.ok(
      examples.some((e) => e.sequence !== undefined),
      'a sequence example',
    );
    assert.ok(
      examples.some((e) => typeof e.data === 'string' && e.data.endsWith('.csv') && !e.text),
      'a table',
    );
  });
});
