// Preloaded into a kernel (NODE_OPTIONS=--require) by test/kernel/resilience.test.ts: in the
// sentinel thread, holds the main thread's "stop" for STOP_DELAY_MS before handling it, as a
// loaded machine once did, so that the test sees whether the kernel still exits cleanly.
const { isMainThread, parentPort } = require('node:worker_threads');

const STOP_DELAY_MS = 3000;

if (!isMainThread && parentPort) {
  const on = parentPort.on;
  parentPort.on = function (event, listener) {
    if (event !== 'message') return on.call(this, event, listener);
    return on.call(this, event, (message) => {
      if (message && message.kind === 'stop') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, STOP_DELAY_MS);
      listener(message);
    });
  };
}
