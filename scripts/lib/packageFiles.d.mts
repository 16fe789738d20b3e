// Types of packageFiles.mjs for the unit test that checks every target's list.
export interface PackagedFile {
  path: string;
  bytes: number;
}
export interface RuntimeFiles {
  native: PackagedFile[];
  wasm: PackagedFile[];
  leftOut: (PackagedFile & { why: string })[];
}
export const TARGETS: string[];
export const NATIVE_ROOT: string;
export const WASM_ROOT: string;
export const LOADED: Record<'linux' | 'darwin' | 'win32', string[]>;
export const PROVIDER_LIBS: Partial<Record<'linux' | 'darwin' | 'win32', Record<string, string>>>;
export const LEFT_OUT: Record<string, string>;
export const WASM_FILES: string[];
export function runtimeFiles(
  target: string,
  native: Record<string, number>,
  wasm: Record<string, number>,
): RuntimeFiles;
export function ignoreLines(files: RuntimeFiles): string[];
