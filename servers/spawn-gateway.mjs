// Starts the gateway as a real child process and resolves once it listens.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./gateway-process.mjs', import.meta.url));

/**
 * @param {string} upstreamUrl
 * @param {{ port?: number, timeoutMs?: number }} [options]
 * @returns {Promise<{ port: number, url: string, pid: number | undefined, stop(): Promise<void> }>}
 */
export function spawnGateway(upstreamUrl, options = {}) {
  const child = spawn(process.execPath, [script, upstreamUrl, String(options.port ?? 0)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('gateway process did not start within the time limit'));
    }, options.timeoutMs ?? 10_000);
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n')[0];
      if (!buffer.includes('\n') || !line) return;
      clearTimeout(timer);
      const { port } = JSON.parse(line);
      resolve({
        port,
        url: `ws://127.0.0.1:${port}`,
        pid: child.pid,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway process exited early with code ${code}`));
    });
  });
}
