/**
 * A small Jupyter client over ZeroMQ: starts a kernel process on free ports (or connects to
 * one), signs requests, runs code collecting the iopub output until the kernel goes idle, and
 * shuts the kernel down. The notebook runner and the kernel tests use it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import * as zmq from 'zeromq';
import type { ConnectionInfo } from './connection';
import { endpoint } from './connection';
import type { MimeBundle } from './format';
import { userDataDir } from './install';
import { Outbox } from './outbox';
import { writeFileAtomic } from '../src/io/atomic';
import { childMessage, decode, encode, type Message, Signer } from './wire';

export type Channel = 'shell' | 'control' | 'stdin';

export interface StartOptions {
  /** Command to run; `{connection_file}` is replaced. Default: this project's kernel. */
  argv?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the first kernel_info_reply (default 60 s). */
  startTimeoutMs?: number;
  /** Where the kernel's stderr goes (default: collected in `client.stderr`). */
  onStderr?: (text: string) => void;
}

export interface ExecuteOptions {
  silent?: boolean;
  storeHistory?: boolean;
  stopOnError?: boolean;
  allowStdin?: boolean;
  userExpressions?: Record<string, string>;
  /** Answers `input()` prompts; without it input requests are answered with ''. */
  onInput?: (prompt: string, password: boolean) => string | Promise<string>;
  /** Called for each iopub message of this request as it arrives. */
  onOutput?: (message: Message) => void;
  timeoutMs?: number;
}

export interface ExecuteResult {
  status: 'ok' | 'error' | 'aborted';
  executionCount: number | null;
  reply: Message;
  /** iopub messages between busy and idle, without `status` and `execute_input`. */
  outputs: Message[];
  stdout: string;
  stderr: string;
  /** The execute_result bundle, if the cell had a value. */
  result: MimeBundle | null;
  error: { ename: string; evalue: string; traceback: string[] } | null;
}

interface Waiter {
  reply: Message | null;
  idle: boolean;
  iopub: Message[];
  onOutput?: (message: Message) => void;
  onInput?: ExecuteOptions['onInput'];
  done: () => void;
  fail: (error: Error) => void;
}

/** How a kernel process ended: an exit code, or the signal that killed it. */
export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: KernelExit): string {
  if (exit.code !== null) return `exit code ${exit.code}`;
  return exit.signal ? `signal ${exit.signal}` : 'no exit code or signal';
}

/** A request that cannot be answered because the kernel process this client started has ended. */
export class KernelExitedError extends Error {
  override name = 'KernelExitedError';
  constructor(readonly exit: KernelExit) {
    super(`the kernel died (${describeExit(exit)})`);
  }
}

/** Time for messages the kernel sent just before it ended to arrive before its requests fail. */
const EXIT_GRACE_MS = 300;

const KERNEL_BIN = join(__dirname, '..', '..', 'bin', 'clusterlab.js');

/** Jupyter's runtime dir, where connection files live, as jupyter_core computes it. */
export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_RUNTIME_DIR) return resolve(env.JUPYTER_RUNTIME_DIR);
  return join(userDataDir(env), 'runtime');
}

/**
 * Connection files hold the key that signs messages: each is removed when its client closes,
 * and also when this process exits or is ended by SIGINT or SIGTERM with kernels still running
 * (their processes are ended too). The signal handlers are installed only while a kernel runs;
 * when no other handler is installed for the signal, the signal is raised again afterwards so
 * that the process ends as it would have.
 */
const running = new Set<KernelClient>();

function cleanUpAll(): void {
  for (const client of running) client.close();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanUpAll();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(client: KernelClient): void {
  if (running.size === 0) {
    process.on('exit', cleanUpAll);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  running.add(client);
}

function untrack(client: KernelClient): void {
  if (!running.delete(client) || running.size > 0) return;
  process.removeListener('exit', cleanUpAll);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export async function freeConnection(): Promise<ConnectionInfo> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = [...ports];
  return {
    transport: 'tcp',
    ip: '127.0.0.1',
    shell_port,
    iopub_port,
    stdin_port,
    control_port,
    hb_port,
    key: randomBytes(16).toString('hex'),
    signature_scheme: 'hmac-sha256',
    kernel_name: 'clusterlab',
  };
}

export class KernelClient {
  readonly session = randomUUID();
  readonly signer: Signer;
  private readonly sockets: Record<Channel, zmq.Dealer>;
  private readonly outboxes: Record<Channel, Outbox>;
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly waiters = new Map<string, Waiter>();
  /** Every iopub message received, in order (tests inspect these). */
  readonly iopubLog: Message[] = [];
  stderr = '';
  private process: ChildProcess | null = null;
  private startOptions: StartOptions | null = null;
  /** The connection file this client wrote for the kernel it started (in the Jupyter runtime dir). */
  connectionFile: string | null = null;
  private exited: Promise<KernelExit> | null = null;
  private closed = false;
  private spawnedAt = 0;
  /** How the started kernel process ended; null while it runs (and for connected kernels). */
  exit: KernelExit | null = null;
  /** Milliseconds from spawning the kernel process to its first kernel_info_reply. */
  startupMs: number | null = null;

  private constructor(readonly connection: ConnectionInfo) {
    this.signer = new Signer(connection.signature_scheme, connection.key);
    // Shell and stdin share one identity: the kernel addresses input_request to the identity
    // of the execute_request's sender, as jupyter_client arranges.
    const dealer = (routingId?: string) => new zmq.Dealer(routingId ? { linger: 0, routingId } : { linger: 0 });
    this.sockets = { shell: dealer(this.session), control: dealer(), stdin: dealer(this.session) };
    const onError = (error: unknown) => {
      if (!this.closed) throw error;
    };
    this.outboxes = {
      shell: new Outbox(this.sockets.shell, onError),
      control: new Outbox(this.sockets.control, onError),
      stdin: new Outbox(this.sockets.stdin, onError),
    };
  }

  /** Starts a kernel process on free local ports and waits until it answers kernel_info. */
  static async start(options: StartOptions = {}): Promise<KernelClient> {
    const client = new KernelClient(await freeConnection());
    client.startOptions = options;
    const dir = runtimeDir(options.env ?? process.env);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    client.connectionFile = join(dir, `kernel-clusterlab-${client.session}.json`);
    track(client);
    client.spawnKernel();
    client.connect();
    await client.waitUntilReady(options.startTimeoutMs ?? 60_000);
    return client;
  }

  /** Connects to a kernel that is already running. */
  static async connect(connection: ConnectionInfo, timeoutMs = 30_000): Promise<KernelClient> {
    const client = new KernelClient(connection);
    client.connect();
    await client.waitUntilReady(timeoutMs);
    return client;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** How the kernel process this client started ended (its exit code, or the signal that ended it). */
  exitStatus(): Promise<KernelExit> {
    if (!this.exited) return Promise.reject(new Error('exitStatus() needs a kernel started by KernelClient.start()'));
    return this.exited;
  }

  private spawnKernel(): void {
    const options = this.startOptions!;
    const file = this.connectionFile!;
    writeFileAtomic(file, JSON.stringify(this.connection), { mode: 0o600 });
    const argv = (options.argv ?? [process.execPath, KERNEL_BIN, 'kernel', '-f', '{connection_file}']).map((a) => a.replace('{connection_file}', file));
    this.spawnedAt = performance.now();
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => (options.onStderr ? options.onStderr(text) : (this.stderr += text)));
    this.process = child;
    this.exit = null;
    let ended: (exit: KernelExit) => void = () => {};
    this.exited = new Promise((resolve) => (ended = resolve));
    // Requests waiting on a kernel that has died would otherwise wait for their full timeout.
    child.once('exit', (code, signal) => {
      ended({ code, signal });
      if (this.process !== child) return;
      this.exit = { code, signal };
      setTimeout(() => {
        if (this.process !== child) return;
        for (const waiter of this.waiters.values()) waiter.fail(new KernelExitedError({ code, signal }));
      }, EXIT_GRACE_MS);
    });
  }

  private connect(): void {
    const c = this.connection;
    for (const channel of ['shell', 'control', 'stdin'] as const) {
      this.sockets[channel].connect(endpoint(c, c[`${channel}_port`]));
    }
    this.iopub.connect(endpoint(c, c.iopub_port));
    this.iopub.subscribe();
    void this.listen('shell');
    void this.listen('control');
    void this.listenStdin();
    void this.listenIopub();
  }

  /**
   * One kernel_info request, which ZeroMQ holds until the kernel binds, times the start-up;
   * then kernel_info is repeated until iopub traffic arrives too (ZeroMQ's slow joiner).
   */
  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const exited = new Promise<never>((_, reject) =>
      this.process?.once('exit', (code) => reject(new Error(`kernel exited with code ${code} before it was ready:\n${this.stderr}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([this.send('shell', 'kernel_info_request', {}, { timeoutMs }), exited]);
    this.startupMs = performance.now() - this.spawnedAt;
    while (Date.now() < deadline) {
      if (this.exit) throw new Error(`kernel ended (${describeExit(this.exit)}) before it was ready:\n${this.stderr}`);
      try {
        const { waiter } = await this.send('shell', 'kernel_info_request', {}, { timeoutMs: 1000, waitIdle: true });
        if (waiter.reply && waiter.idle) return;
      } catch {
        // Not listening yet, or the iopub subscription is not joined yet: ask again.
      }
    }
    throw new Error(`kernel did not answer kernel_info within ${timeoutMs} ms:\n${this.stderr}`);
  }

  private async listen(channel: 'shell' | 'control'): Promise<void> {
    try {
      for await (const frames of this.sockets[channel]) {
        const message = decode(frames, this.signer);
        const waiter = this.waiters.get(String(message.parent_header.msg_id));
        if (!waiter) continue;
        waiter.reply = message;
        waiter.done();
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  private async listenIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const message = decode(frames, this.signer);
        this.iopubLog.push(message);
        const waiter = this.waiters.get(String(message.parent_header.msg_id));
        if (!waiter) continue;
        if (message.header.msg_type === 'status') {
          if (message.content.execution_state === 'idle') waiter.idle = true;
        } else if (message.header.msg_type !== 'execute_input') {
          waiter.iopub.push(message);
          waiter.onOutput?.(message);
        }
        waiter.done();
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  private async listenStdin(): Promise<void> {
    try {
      for await (const frames of this.sockets.stdin) {
        const message = decode(frames, this.signer);
        if (message.header.msg_type !== 'input_request') continue;
        const waiter = this.waiters.get(String(message.parent_header.msg_id));
        const answer = waiter?.onInput ? await waiter.onInput(String(message.content.prompt), Boolean(message.content.password)) : '';
        const reply = childMessage(message, 'input_reply', { value: answer }, this.session);
        reply.header.session = this.session;
        await this.outboxes.stdin.send(encode(reply, this.signer));
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  /** Sends a request; resolves with its reply (and, with `waitIdle`, after the kernel's idle status). */
  async send(
    channel: Channel,
    msgType: string,
    content: object,
    options: {
      timeoutMs?: number;
      waitIdle?: boolean;
      /** False for messages that get no reply (comm_open, comm_msg, comm_close). */
      waitReply?: boolean;
      onOutput?: (m: Message) => void;
      onInput?: ExecuteOptions['onInput'];
      /** Binary frames after the content (comm messages of the widget protocol). */
      buffers?: Buffer[];
    } = {},
  ): Promise<{ reply: Message | null; waiter: Waiter }> {
    const request = childMessage(null, msgType, content, this.session);
    if (options.buffers) request.buffers = options.buffers;
    request.header.username = 'clusterlab-client';
    const id = request.header.msg_id;
    const timeoutMs = options.timeoutMs ?? 60_000;
    if (this.exit) throw new KernelExitedError(this.exit);
    const waiter: Waiter = {
      reply: null,
      idle: false,
      iopub: [],
      onOutput: options.onOutput,
      onInput: options.onInput,
      done: () => undefined,
      fail: () => undefined,
    };
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${options.waitIdle ? 'reply and idle status' : 'reply'} to ${msgType} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiter.fail = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      waiter.done = () => {
        if ((waiter.reply || options.waitReply === false) && (!options.waitIdle || waiter.idle)) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    // Awaited below; handled here too so that a failure while the request is still being sent is not reported as unhandled.
    finished.catch(() => undefined);
    this.waiters.set(id, waiter);
    try {
      await this.outboxes[channel].send(encode(request, this.signer));
      await finished;
    } finally {
      this.waiters.delete(id);
    }
    return { reply: waiter.reply, waiter };
  }

  /** Sends a message that has no reply (a comm message) and waits until the kernel is idle again. */
  async notify(msgType: string, content: object, timeoutMs?: number, buffers?: Buffer[]): Promise<Message[]> {
    const { waiter } = await this.send('shell', msgType, content, { timeoutMs, waitIdle: true, waitReply: false, buffers });
    return waiter.iopub;
  }

  /** Sends raw frames on a channel (tests use it to send forged or malformed messages). */
  sendFrames(channel: Channel, frames: Buffer[]): Promise<void> {
    return this.outboxes[channel].send(frames);
  }

  async request(msgType: string, content: object = {}, channel: Channel = 'shell', timeoutMs?: number): Promise<Message> {
    return (await this.send(channel, msgType, content, { timeoutMs, waitIdle: channel === 'shell' })).reply!;
  }

  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    const { reply, waiter } = await this.send(
      'shell',
      'execute_request',
      {
        code,
        silent: options.silent ?? false,
        store_history: options.storeHistory ?? true,
        user_expressions: options.userExpressions ?? {},
        allow_stdin: options.allowStdin ?? Boolean(options.onInput),
        stop_on_error: options.stopOnError ?? true,
      },
      { timeoutMs: options.timeoutMs, waitIdle: true, onOutput: options.onOutput, onInput: options.onInput },
    );
    if (!reply) throw new Error('execute_request got no reply');
    const outputs = waiter.iopub;
    const text = (name: string) =>
      outputs
        .filter((m) => m.header.msg_type === 'stream' && m.content.name === name)
        .map((m) => m.content.text)
        .join('');
    const result = outputs.find((m) => m.header.msg_type === 'execute_result');
    const error = outputs.find((m) => m.header.msg_type === 'error');
    return {
      status: reply.content.status,
      executionCount: reply.content.execution_count ?? null,
      reply,
      outputs,
      stdout: text('stdout'),
      stderr: text('stderr'),
      result: result ? result.content.data : null,
      error: error ? { ename: error.content.ename, evalue: error.content.evalue, traceback: error.content.traceback } : null,
    };
  }

  interrupt(timeoutMs = 10_000): Promise<Message> {
    return this.request('interrupt_request', {}, 'control', timeoutMs);
  }

  /** True when the heartbeat echoes within `timeoutMs`. */
  async heartbeat(timeoutMs = 1000): Promise<boolean> {
    const socket = new zmq.Request({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
    socket.connect(endpoint(this.connection, this.connection.hb_port));
    try {
      const ping = randomBytes(8);
      await socket.send(ping);
      const [pong] = await socket.receive();
      return pong.equals(ping);
    } catch {
      return false;
    } finally {
      socket.close();
    }
  }

  /** Restarts a kernel this client started: shutdown with restart, then a new process on the same ports. */
  async restart(timeoutMs = 60_000): Promise<void> {
    if (!this.startOptions) throw new Error('restart() needs a kernel started by KernelClient.start()');
    await this.request('shutdown_request', { restart: true }, 'control');
    await this.waitForExit(10_000);
    this.spawnKernel();
    await this.waitUntilReady(timeoutMs);
  }

  private async waitForExit(timeoutMs: number): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Asks the kernel to shut down, then closes the sockets (killing the process if it lingers). */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.exit) await this.request('shutdown_request', { restart: false }, 'control', 5000);
    } catch {
      // A kernel that cannot answer is killed below.
    }
    await this.waitForExit(5000);
    this.close();
  }

  close(): void {
    if (!this.closed) for (const socket of [...Object.values(this.sockets), this.iopub]) socket.close();
    this.closed = true;
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    if (this.connectionFile) rmSync(this.connectionFile, { force: true });
    untrack(this);
  }
}
