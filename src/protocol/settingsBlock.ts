/** One reader for a sidecar's settings blocks (image, text, sequence): valid fields kept, each problem named. */

/** A block's field checks: each says what is wrong with a value, or returns undefined when it is valid. */
export type FieldChecks<T> = Record<keyof T, (v: unknown) => string | undefined>;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The valid fields of the block `name`, and one line per invalid or unknown field. */
export function parseBlock<T>(name: string, v: unknown, checks: FieldChecks<T>): { block: T; problems: string[] } {
  if (!isObject(v)) return { block: {} as T, problems: [`field "${name}" must be an object`] };
  const problems: string[] = [];
  const block: Record<string, unknown> = {};
  const article = /^[aeiou]/.test(name) ? 'an' : 'a';
  for (const [key, value] of Object.entries(v)) {
    const check = checks[key as keyof T];
    if (!check) {
      problems.push(`field "${name}.${key}" is not ${article} ${name} setting (${Object.keys(checks).join(', ')})`);
      continue;
    }
    const problem = check(value);
    if (problem) problems.push(`field "${name}.${key}" ${problem}`);
    else block[key] = value;
  }
  return { block: block as T, problems };
}
