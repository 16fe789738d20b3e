/**
 * Model Lens never creates a file in the user's folder unasked: the first time it would create a model's
 * sidecar it asks once, and the answer is remembered per model in the workspace's state.
 */
import * as vscode from 'vscode';

interface Consent {
  state: vscode.Memento | undefined;
  /** Integration tests run unattended: a modal would wait forever, so they answer yes. */
  assumeYes: boolean;
  asking: Map<string, Thenable<boolean>>;
}

const consent: Consent = { state: undefined, assumeYes: false, asking: new Map() };

export function useSidecarConsent(state: vscode.Memento, assumeYes = false): void {
  consent.state = state;
  consent.assumeYes = assumeYes;
}

const keyOf = (sidecar: vscode.Uri) => `modelLens.saveSidecar:${sidecar.toString()}`;

/**
 * Creates the sidecar with `text` if the user agrees; asks at most once per model. The caller does not wait for
 * the question: the run's result is shown at once and the file follows the answer.
 */
export async function saveNewSidecar(sidecar: vscode.Uri, text: string): Promise<void> {
  const write = () => vscode.workspace.fs.writeFile(sidecar, new TextEncoder().encode(text));
  const setting = vscode.workspace.getConfiguration('modelLens', sidecar).get<string>('saveSidecar');
  if (setting === 'never') return;
  const answered = consent.assumeYes || setting === 'always' ? true : consent.state?.get<boolean>(keyOf(sidecar));
  if (answered === true) return write();
  if (answered === false) return;
  void ask(sidecar).then((yes) => (yes ? write() : undefined));
}

function ask(sidecar: vscode.Uri): Thenable<boolean> {
  const key = keyOf(sidecar);
  const pending = consent.asking.get(key);
  if (pending) return pending;
  const name = sidecar.path.split('/').pop() ?? 'the sidecar';
  const asked = vscode.window
    // A notification, not a modal: the panel stays usable while the question waits.
    .showInformationMessage(`Save your choices beside the model as ${name}?`, 'Yes', 'Not now')
    .then(async (pick) => {
      const yes = pick === 'Yes';
      // Only an answer is remembered: a notification closed unanswered asks again next time.
      if (pick !== undefined) await consent.state?.update(key, yes);
      consent.asking.delete(key);
      return yes;
    });
  consent.asking.set(key, asked);
  return asked;
}
