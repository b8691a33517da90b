// Runs the gateway as its own process: `node servers/gateway-process.mjs <upstream-url> [port]`.
// Prints one JSON line {"port": N} once listening; exits on SIGTERM or when its parent goes away.
import { startGateway } from './gateway.mjs';

const [upstreamUrl, port] = process.argv.slice(2);
if (!upstreamUrl) {
  process.stderr.write('usage: node servers/gateway-process.mjs <upstream-url> [port]\n');
  process.exit(2);
}
const gateway = await startGateway({ upstreamUrl, port: port ? Number(port) : 0 });
process.stdout.write(`${JSON.stringify({ port: gateway.port })}\n`);
const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
process.stdin.on('end', stop);
process.stdin.resume();
