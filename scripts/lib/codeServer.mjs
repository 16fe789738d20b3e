// Starts real VS Code (code-server from npm, on Node 24) on a free loopback port with fresh
// user-data and extension folders, in its own process group so stop() leaves nothing behind.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24 } from './deps.mjs';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.enableExperiments': false,
  'window.commandCenter': false,
  'git.openRepositoryInParentFolders': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const healthy = (port) =>
  new Promise((resolve) => {
    http
      .get(`http://127.0.0.1:${port}/healthz`, (r) => {
        r.resume();
        resolve(r.statusCode === 200);
      })
      .on('error', () => resolve(false));
  });

function codeServerEnv(runDir) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
  };
}

export function installVsix(vsix, extensionsDir, runDir) {
  const r = spawnSync(
    NODE24,
    [CODE_SERVER_ENTRY, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--force'],
    {
      env: codeServerEnv(runDir),
      encoding: 'utf8',
    },
  );
  if (r.status !== 0)
    throw new Error(`installing ${path.basename(vsix)} into code-server failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * options: { vsix?: string, smokeTestDriver?: boolean, settings?: object, port?: number, keep?: boolean }
 */
export async function startCodeServer(options = {}) {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'model-lens-cs-'));
  const userData = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...SETTINGS, ...options.settings }, null, 2),
  );
  if (options.vsix) installVsix(options.vsix, extensionsDir, runDir);
  const port = options.port ?? (await freePort());
  const log = openSync(path.join(runDir, 'code-server.log'), 'w');
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // The built workbench honours extensionDevelopmentPath/extensionTestsPath only with the smoke-test driver on.
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(NODE24, args, { env: codeServerEnv(runDir), stdio: ['ignore', log, log], detached: true });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!options.keep) rmSync(runDir, { recursive: true, force: true });
  };
  for (let i = 0; !(await healthy(port)); i++) {
    if (i > 240 || child.exitCode !== null) {
      stop();
      throw new Error(`code-server did not start (see ${path.join(runDir, 'code-server.log')})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    runDir,
    pid: child.pid,
    stop,
    url: (folder, payload) =>
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}` +
      (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
    remote: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
  };
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Log lines from the blocked network (extension gallery, sign-in) that say nothing about Model Lens. */
export const NOISE =
  /open-vsx|authentication provider|AccountPolicyGate|Creating a socket|connection token|grace time|Service Worker|builtin extensions cache|AgentHost|marketplace|gallery/i;
