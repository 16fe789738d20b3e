// Runs mocha suites inside the real VS Code extension host (code-server), driven by headless
// chromium. Exit code: 0 all passed, 1 a test failed, 2 harness error, 124 timeout.
import util from 'node:util';
import { launchBrowser, NOISE, startCodeServer } from './codeServer.mjs';

export async function runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, folder, timeoutMs = 300_000 }) {
  const cs = await startCodeServer({ smokeTestDriver: true, keep: !!process.env.KEEP_RUN_DIR });
  let browser;
  let timer;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const done = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
      void page.exposeFunction('codeAutomationLog', (_type, args) => {
        const line = util.format(...(Array.isArray(args) ? args : [args]));
        if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
      });
      timer = setTimeout(() => {
        console.log(`[integration] timed out after ${timeoutMs / 1000} s`);
        resolve(124);
      }, timeoutMs);
    });
    const payload = [
      ['extensionDevelopmentPath', cs.remote(extensionDevelopmentPath)],
      ['extensionTestsPath', cs.remote(extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(cs.url(folder, payload));
    return await done;
  } catch (e) {
    console.error(e);
    return 2;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    cs.stop();
  }
}
