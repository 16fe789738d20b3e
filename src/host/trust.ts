/**
 * Workspace trust. In an untrusted workspace the overview and the graph work (Model Lens's own reader only
 * parses the file); running a model (Run once, Explain, importance, PDP) and reading the data a sidecar names
 * wait until the user trusts the workspace, and say so in the panel.
 */
import * as vscode from 'vscode';

export function untrustedMessage(what: string): string {
  return (
    `${what} waits until you trust this workspace: in a workspace you have not trusted, Model Lens shows the ` +
    "model's structure and graph but does not run models or read the data files a sidecar names. " +
    'Trust it with "Workspaces: Manage Workspace Trust", then try again.'
  );
}

class WorkspaceTrust {
  /** Set by the integration tests (their workbench runs with trust disabled); undefined = VS Code's answer. */
  private override: boolean | undefined;
  private readonly granted = new vscode.EventEmitter<void>();
  /** Fires when the workspace becomes trusted: views refresh what they held back. */
  readonly onDidGrant = this.granted.event;

  get isTrusted(): boolean {
    return this.override ?? vscode.workspace.isTrusted;
  }

  /** Throws the panel's message when the workspace is not trusted. */
  require(what: string): void {
    if (!this.isTrusted) throw new Error(untrustedMessage(what));
  }

  /** Forwards VS Code's grant; registered at activation. */
  watch(): vscode.Disposable {
    return vscode.Disposable.from(
      this.granted,
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.granted.fire()),
    );
  }

  /** For the integration tests only: pretend the workspace is (not) trusted; undefined restores VS Code's. */
  setOverride(trusted: boolean | undefined): void {
    const was = this.isTrusted;
    this.override = trusted;
    if (!was && this.isTrusted) this.granted.fire();
  }
}

export const workspaceTrust = new WorkspaceTrust();
