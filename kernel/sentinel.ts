/**
 * The sentinel thread: owns the heartbeat and control sockets so that both keep answering while
 * the main thread runs a long synchronous cell. Node cannot serve a socket from a thread that is
 * inside a `while` loop, and moving user code out of the main thread would cost the shared
 * state that makes cells see each other's declarations, so the sockets move instead.
 *
 * Interrupts: the sentinel first asks the main thread (postMessage). An idle main thread, or one
 * waiting on a promise, answers at once and rejects the pending await. A thread stuck in
 * synchronous code cannot answer; then the sentinel raises SIGINT, which the cell's
 * `vm.runInThisContext(..., { breakOnSigint: true })` turns into an exception inside the cell.
 * Before either, it sets the shared interrupt flag that loops written in cells check
 * (loopguard.ts), which stops a loop running where no SIGINT reaches (after an `await`, in a
 * `.then` callback or an event handler). When the main thread does not answer, the flag says so:
 * shell requests it has not read yet were sent before the interrupt, which is then meant for them.
 *
 * Shutdown: answered here at once, even during a synchronous cell; the main thread then closes
 * down (interrupted if it does not get to it). At the end the sentinel closes its sockets first
 * and says so through a shared flag: zeromq aborts the process when a thread is torn down with
 * its sockets still open.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as zmq from 'zeromq';
import { type ConnectionInfo, endpoint } from './connection';
import { requestInterrupt } from './loopguard';
import { Outbox } from './outbox';
import { childMessage, decode, encode, type Message, ReplayGuard, signatureOf, Signer, WireError } from './wire';

export interface SentinelData {
  connection: ConnectionInfo;
  session: string;
  /** The buffer of the interrupt flag guarded loops check (loopguard.ts). */
  interruptFlag: SharedArrayBuffer;
  /** Set to 1 (and notified) once the sentinel's sockets are closed; the main thread may wait on it at exit. */
  stopped: SharedArrayBuffer;
}

/** Messages between the sentinel and the main thread. */
export type ToMain =
  | { kind: 'ready' }
  | { kind: 'control'; frames: Uint8Array[] }
  | { kind: 'interrupt'; id: number }
  | { kind: 'shutdown'; frames: Uint8Array[] }
  | { kind: 'log'; text: string }
  | { kind: 'fatal'; text: string };
export type ToSentinel = { kind: 'send'; frames: Uint8Array[] } | { kind: 'interrupt-ack'; id: number } | { kind: 'stop' };

const ASK_MAIN_MS = 150;
/** A shutdown the main thread has not carried out by then is stuck in a cell: interrupt it. */
const SHUTDOWN_INTERRUPT_MS = 1000;
/** ... and if it is still running after that (native code no interrupt reaches), end the process. */
const SHUTDOWN_KILL_MS = 5000;

async function heartbeat(socket: zmq.Reply): Promise<void> {
  for await (const frames of socket) await socket.send(frames);
}

function run(data: SentinelData): void {
  const port = parentPort!;
  const signer = new Signer(data.connection.signature_scheme, data.connection.key);
  const hb = new zmq.Reply({ linger: 0 });
  const control = new zmq.Router({ linger: 0 });
  const outbox = new Outbox(control, (error) => post({ kind: 'log', text: `control send failed: ${error}` }));
  const acks = new Map<number, () => void>();
  let nextInterrupt = 1;
  const post = (message: ToMain) => port.postMessage(message);
  const interruptFlag = new Int32Array(data.interruptFlag);
  const stoppedFlag = new Int32Array(data.stopped);
  const replays = new ReplayGuard();
  /** Set when shutdown is answered, for a main thread that never gets to close down. */
  const shutdownTimers: NodeJS.Timeout[] = [];

  async function interrupt(): Promise<void> {
    const id = nextInterrupt++;
    requestInterrupt(interruptFlag);
    const answered = new Promise<boolean>((resolve) => {
      acks.set(id, () => resolve(true));
      setTimeout(() => resolve(false), ASK_MAIN_MS);
    });
    post({ kind: 'interrupt', id });
    if (!(await answered)) {
      requestInterrupt(interruptFlag, true);
      process.kill(process.pid, 'SIGINT');
    }
    acks.delete(id);
  }

  port.on('message', (message: ToSentinel) => {
    if (message.kind === 'send') void outbox.send(message.frames.map((f) => Buffer.from(f)));
    else if (message.kind === 'interrupt-ack') acks.get(message.id)?.();
    else if (message.kind === 'stop') {
      // The main thread is closing down, so it is not stuck in a cell: no interrupt, no kill.
      for (const timer of shutdownTimers) clearTimeout(timer);
      hb.close();
      control.close();
      Atomics.store(stoppedFlag, 0, 1);
      Atomics.notify(stoppedFlag, 0);
      port.close();
    }
  });

  /**
   * Shutdown is answered here, at once, even while the main thread runs a synchronous cell; the
   * main thread then closes down in order. A main thread that does not get to it is interrupted,
   * and as a last resort the process is ended.
   */
  async function shutdown(message: Message, frames: Buffer[]): Promise<void> {
    const reply = childMessage(message, 'shutdown_reply', { status: 'ok', restart: Boolean(message.content.restart) }, data.session, message.identities);
    await outbox.send(encode(reply, signer));
    post({ kind: 'shutdown', frames });
    shutdownTimers.push(
      setTimeout(() => {
        post({ kind: 'log', text: 'shutdown: the main thread is busy in a cell; interrupting it' });
        requestInterrupt(interruptFlag, true);
        process.kill(process.pid, 'SIGINT');
      }, SHUTDOWN_INTERRUPT_MS).unref(),
      setTimeout(() => process.kill(process.pid, 'SIGKILL'), SHUTDOWN_KILL_MS).unref(),
    );
  }

  async function serveControl(): Promise<void> {
    for await (const frames of control) {
      let message: Message;
      try {
        message = decode(frames, signer);
      } catch (error) {
        if (error instanceof WireError) post({ kind: 'log', text: `control: dropped a message: ${error.message}` });
        continue;
      }
      const type = message.header.msg_type;
      if (type !== 'interrupt_request' && type !== 'shutdown_request') {
        post({ kind: 'control', frames });
        continue;
      }
      // The main thread checks replays of what it is sent; what is handled here is checked here.
      if (signer.signs && !replays.accept(signatureOf(frames)!)) {
        post({ kind: 'log', text: `control: dropped a message: duplicate signature: a replayed ${type}` });
        continue;
      }
      if (type === 'shutdown_request') {
        await shutdown(message, frames);
        continue;
      }
      await interrupt();
      const reply = childMessage(message, 'interrupt_reply', { status: 'ok' }, data.session, message.identities);
      await outbox.send(encode(reply, signer));
    }
  }

  Promise.all([hb.bind(endpoint(data.connection, data.connection.hb_port)), control.bind(endpoint(data.connection, data.connection.control_port))]).then(
    () => {
      post({ kind: 'ready' });
      heartbeat(hb).catch(() => undefined);
      serveControl().catch((error) => post({ kind: 'log', text: `control socket stopped: ${error}` }));
    },
    (error) => post({ kind: 'fatal', text: `sentinel could not bind heartbeat/control: ${error}` }),
  );
}

if (parentPort && workerData) run(workerData as SentinelData);
