/**
 * The kernel's protocol layer, after ipykernel's `kernelbase.py`: one handler per message type,
 * dispatched from a table; every shell request is wrapped in `busy`/`idle` status messages and
 * handled one at a time, in order of arrival.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as zmq from 'zeromq';
import { Cells, type CellError, type CellOutcome } from './cells';
import { CommManager } from './comms';
import { type ConnectionInfo, endpoint } from './connection';
import { createDisplay, type DisplayFunction, routeTslabDisplay } from './display';
import { encodeData, mimeBundle, type MimeBundle } from './format';
import { defaultHistoryFile, History } from './history';
import { kernelInfo } from './info';
import {
  clearInterrupt,
  createInterruptFlag,
  installLoopGuard,
  INTERRUPTED_WHILE_BLOCKED,
  NO_INTERRUPT,
  pendingInterrupt,
  requestInterrupt,
} from './loopguard';
import { importESM } from './esm';
import {
  ArrayPrototypeJoin,
  ArrayPrototypeMap,
  ArrayPrototypePush,
  ArrayPrototypeShift,
  AtomicsWaitAsync,
  BufferFrom,
  matches,
  ObjectKeys,
  ObjectPrototypeHasOwnProperty,
  PromisePrototypeThen,
  SetPrototypeHas,
  StringPrototypeSlice,
} from './intrinsics';
import { OutputRouter } from './output';
import { pageText, parsePagerRequest, type PagerRequest } from './pager';
import { Outbox } from './outbox';
import { buildPrelude } from './prelude';
import type { SentinelData, ToMain, ToSentinel } from './sentinel';
import { StdinBroker } from './stdin';
import { StreamCapture } from './streams';
import { createGuardedTimers } from './timers';
import { installWidgets } from './widgets';
import { setStreamFlush } from './widgets-controls';
import { installCellErrorAreas } from './widgets-errors';
import { codePointToIndex, indexToCodePoint } from './unicode';
import { childMessage, decode, encode, type Message, ReplayGuard, Signer, WireError } from './wire';

type Reply = (msgType: string, content: object) => Promise<void>;
type Handler = (message: Message, reply: Reply) => Promise<void> | void;

const OUTPUT_OWNERS = new Set(['execute_request', 'comm_open', 'comm_msg', 'comm_close']);
/**
 * What the control channel takes (interrupts are answered by the sentinel itself). Everything
 * else, execution above all, runs on the shell channel only, one request at a time: run from
 * control it would interleave with a shell cell that awaits and corrupt the cells' shared state.
 */
const CONTROL_REQUESTS = new Set(['kernel_info_request', 'shutdown_request']);
const REQUEST = /_request$/;
const toBuffers = (frames: Uint8Array[]) => ArrayPrototypeMap(frames, (f) => BufferFrom(f.buffer, f.byteOffset, f.byteLength));
const replyType = (requestType: string) => StringPrototypeSlice(requestType, 0, -'_request'.length) + '_reply';

/** How long an interrupt the main thread got late waits for the request it was meant for. */
const STALE_INTERRUPT_MS = 200;
const INTERRUPTED_BEFORE_START: CellOutcome = {
  status: 'error',
  ename: 'Interrupted',
  evalue: 'the cell was interrupted before it started',
  traceback: ['Interrupted: the cell was interrupted before it started'],
};

/**
 * How long closing waits for the sentinel thread to close its sockets. Exiting before they are
 * closed aborts the process, and on a loaded machine the thread has taken over two seconds to get
 * to it, so the wait is long: it ends as soon as the sockets are closed.
 */
const STOP_SENTINEL_MS = 10_000;
/** How long the last messages before an exit may take to leave. */
const EXIT_LINGER_MS = 1000;

/** Start warming the compiler this long after start-up even if no frontend asked for kernel_info. */
const WARM_AFTER_MS = 500;

export class Kernel {
  readonly session = randomUUID();
  private readonly signer: Signer;
  private readonly replays = new ReplayGuard();
  private readonly shell = new zmq.Router({ linger: 0 });
  // A burst (an explorer opens hundreds of widget comms at once) must not pass the high-water mark,
  // where a PUB socket drops messages silently; 100,000 bounds memory if no frontend reads.
  private readonly iopub = new zmq.Publisher({ linger: 0, sendHighWaterMark: 100_000 });
  private readonly stdinSocket = new zmq.Router({ linger: 0 });
  private readonly shellOut: Outbox;
  private readonly iopubOut: Outbox;
  private readonly stdinOut: Outbox;
  private sentinel: Worker | null = null;
  /** The sentinel sets it once its sockets are closed (see `stopSentinelNow`). */
  private readonly sentinelStopped = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private closing: Promise<void> | null = null;
  private socketsClosed = false;
  /** Set once a shutdown was asked for: the exit that follows is the expected one. */
  private shuttingDown = false;
  /** Set by the sentinel on an interrupt, checked by loops in cells, cleared when the next request begins. */
  private readonly interruptFlag = createInterruptFlag();
  private staleInterruptTimer: NodeJS.Timeout | null = null;
  /** How many execute_requests have started (tells a stale interrupt from one a request took). */
  private executesStarted = 0;
  /** An interrupt came, while this thread was blocked, before this execute_request was read: it is answered as interrupted. */
  private interruptedBeforeStart = false;
  /** Interrupts received so far: long-running library code stops when it changes. */
  private interrupts = 0;

  readonly streams: StreamCapture;
  readonly output: OutputRouter;
  readonly display: DisplayFunction;
  readonly comms: CommManager;
  readonly history: History;
  readonly stdin: StdinBroker;
  readonly cells: Cells;

  private executionCount = 0;
  private readonly queue: { message: Message; seq: number }[] = [];
  private received = 0;
  private abortUpTo = 0;
  private pumping = false;
  private warmTimer: NodeJS.Timeout | null = null;

  private readonly handlers: Record<string, Handler> = {
    kernel_info_request: (_m, reply) => reply('kernel_info_reply', kernelInfo()),
    execute_request: (m, reply) => this.execute(m, reply),
    complete_request: (m, reply) => this.complete(m, reply),
    inspect_request: (m, reply) => this.inspect(m, reply),
    is_complete_request: (m, reply) => reply('is_complete_reply', this.isComplete(String(m.content.code ?? ''))),
    history_request: (m, reply) => reply('history_reply', this.history.reply(m.content)),
    comm_info_request: (m, reply) => reply('comm_info_reply', { status: 'ok', comms: this.comms.info(m.content.target_name) }),
    comm_open: (m) => this.comms.handleOpen(m),
    comm_msg: (m) => this.comms.handleMsg(m),
    comm_close: (m) => this.comms.handleClose(m),
    shutdown_request: (m, reply) => this.shutdown(m, reply),
  };

  constructor(
    private readonly connection: ConnectionInfo,
    rootDir = process.cwd(),
  ) {
    this.signer = new Signer(connection.signature_scheme, connection.key);
    const onSendError = (error: unknown) => this.streams.log(`send failed: ${error}`);
    this.shellOut = new Outbox(this.shell, onSendError);
    this.iopubOut = new Outbox(this.iopub, onSendError, true);
    this.stdinOut = new Outbox(this.stdinSocket, onSendError);
    this.output = new OutputRouter((msgType, content, { parent, metadata, buffers }) => {
      const message = childMessage(parent, msgType, content, this.session, [Buffer.from(`kernel.${this.session}.${msgType}`)]);
      message.metadata = metadata as Record<string, unknown>;
      message.buffers = buffers;
      void this.iopubOut.send(encode(message, this.signer));
    });
    this.streams = new StreamCapture(this.output);
    this.display = createDisplay(this.output, () => this.streams.flush());
    // Library code that shows live progress or runs long (a sweep) finds the display and the count of
    // interrupts here (a count, unlike the loop guards' flag, is not reset by the next request).
    Object.defineProperty(globalThis, Symbol.for('clusterlab.display'), { value: this.display, configurable: true });
    Object.defineProperty(globalThis, Symbol.for('clusterlab.interrupts'), { get: () => this.interrupts, configurable: true });
    this.comms = new CommManager(this.output, (error) => this.reportBackgroundError('comm handler', error));
    installWidgets({
      comms: this.comms,
      output: this.output,
      flushStreams: () => this.streams.flush(),
      describeError: (error) => this.cells.describeError(error),
      log: (text) => this.streams.log(text),
    });
    setStreamFlush(() => this.streams.flush());
    installCellErrorAreas(this.output);
    this.history = new History(defaultHistoryFile(), (text) => this.streams.log(text));
    this.stdin = new StdinBroker((parent, content) => {
      const request = childMessage(parent, 'input_request', content, this.session, parent.identities);
      void this.stdinOut.send(encode(request, this.signer));
    });
    installLoopGuard(this.interruptFlag);
    // An interrupted timer callback is reported where errors from timers go: the cell's stderr.
    const timers = createGuardedTimers((what) => {
      // The interrupt was for this callback: it is taken, not kept for the next cell.
      clearInterrupt(this.interruptFlag);
      this.streams.write('stderr', `Interrupted: a ${what} callback was stopped${what === 'setInterval' ? ' and its interval cleared' : ''}\n`);
    });
    this.cells = new Cells(rootDir, () => {
      routeTslabDisplay(this.output, () => this.streams.flush());
      const prelude = buildPrelude(
        {
          display: this.display,
          show: (value: unknown) => this.display(value),
          input: (prompt = '', options: { password?: boolean } = {}) => this.stdin.request(this.output.parent, prompt, Boolean(options.password)),
          comms: this.comms,
          dfd: null,
          importESM: (specifier: string) => importESM(specifier, rootDir),
        },
        timers,
      );
      if (prelude.warning) this.streams.log(prelude.warning);
      return prelude;
    });
  }

  async start(): Promise<void> {
    const c = this.connection;
    await Promise.all([
      this.shell.bind(endpoint(c, c.shell_port)),
      this.iopub.bind(endpoint(c, c.iopub_port)),
      this.stdinSocket.bind(endpoint(c, c.stdin_port)),
      this.startSentinel(),
    ]);
    this.streams.install();
    this.installProcessHandlers();
    this.output.publish('status', { execution_state: 'starting' });
    this.warmTimer = setTimeout(() => this.warm(), WARM_AFTER_MS);
    void this.serveShell();
    void this.serveStdin();
  }

  private startSentinel(): Promise<void> {
    const data: SentinelData = {
      connection: this.connection,
      session: this.session,
      interruptFlag: this.interruptFlag.buffer as SharedArrayBuffer,
      stopped: this.sentinelStopped.buffer as SharedArrayBuffer,
    };
    const worker = new Worker(join(__dirname, 'sentinel.js'), { workerData: data });
    this.sentinel = worker;
    worker.unref();
    return new Promise((resolve, reject) => {
      worker.on('message', (message: ToMain) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'fatal') reject(new Error(message.text));
        else if (message.kind === 'log') this.streams.log(message.text);
        else if (message.kind === 'interrupt') {
          this.interrupt();
          this.toSentinel({ kind: 'interrupt-ack', id: message.id });
        } else if (message.kind === 'control') this.receive(toBuffers(message.frames), 'control');
        else if (message.kind === 'shutdown') this.shutdownAnswered(toBuffers(message.frames));
      });
      worker.on('error', (error) => {
        this.streams.log(`sentinel thread failed: ${error}`);
        reject(error);
      });
    });
  }

  private toSentinel(message: ToSentinel): void {
    this.sentinel?.postMessage(message);
  }

  /** Compile nothing in the background so that the first real cell does not pay for TypeScript. */
  private warm(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = null;
    if (this.cells.warm) return;
    try {
      this.cells.ensure();
    } catch (error) {
      this.streams.log(`warming the compiler failed: ${(error as Error).stack}`);
    }
  }

  /**
   * An interrupt this thread got late (it was blocked: warming the compiler, a timer callback in
   * native code) is kept for the execute_requests sent before it, which may still wait unread in
   * the socket: the first cell of a fresh kernel waits while the compiler warms up. If none starts
   * soon after this thread is free again, nothing was waiting, and the interrupt is dropped so that
   * it cannot stop a cell run later.
   */
  private expireLateInterrupt(): void {
    if (pendingInterrupt(this.interruptFlag) !== INTERRUPTED_WHILE_BLOCKED) return;
    const started = this.executesStarted;
    if (this.staleInterruptTimer) clearTimeout(this.staleInterruptTimer);
    this.staleInterruptTimer = setTimeout(() => {
      this.staleInterruptTimer = null;
      if (this.executesStarted === started && !this.pumping) clearInterrupt(this.interruptFlag);
    }, STALE_INTERRUPT_MS);
    this.staleInterruptTimer.unref();
  }

  private installProcessHandlers(): void {
    process.on('SIGINT', () => this.interrupt());
    process.on('exit', (code) => this.closeAtExit(code));
    process.on('uncaughtException', (error) => this.reportBackgroundError('uncaught exception', error));
    process.on('unhandledRejection', (reason) => this.reportBackgroundError('unhandled promise rejection', reason));
  }

  /**
   * Errors nobody can catch any more (timers, rejected promises) go to the stderr of the cell that
   * ran last, and to the log. This runs where a throw would end the process, so it never throws.
   */
  private reportBackgroundError(what: string, error: unknown): void {
    let text: string;
    try {
      text = `${what}: ${ArrayPrototypeJoin(this.cells.describeError(error).traceback, '\n')}`;
    } catch {
      text = `${what} that cannot be described`;
    }
    try {
      this.streams.log(text);
      this.streams.write('stderr', `${text}\n`);
    } catch {
      // Nowhere left to report to; staying up matters more.
    }
  }

  private interrupt(): void {
    this.interrupts++;
    // Nothing runs, yet shell requests wait unread: this thread was blocked when the interrupt came
    // (warming the compiler, native code in a timer callback) even if it answered the sentinel in
    // time, and the interrupt is for the cell sent before it. Not when something already took it
    // (a timer callback it stopped cleared the flag): a cell sent since runs.
    const untaken = pendingInterrupt(this.interruptFlag) !== NO_INTERRUPT;
    if (untaken && !this.pumping && (this.queue.length > 0 || this.unreadShellRequest())) requestInterrupt(this.interruptFlag, true);
    this.cells.interrupt();
    this.stdin.cancel('input() was interrupted');
    this.expireLateInterrupt();
  }

  private unreadShellRequest(): boolean {
    try {
      return !this.shell.closed && this.shell.readable;
    } catch {
      return false;
    }
  }

  private async serveShell(): Promise<void> {
    for await (const frames of this.shell) this.receive(frames, 'shell');
  }

  private async serveStdin(): Promise<void> {
    for await (const frames of this.stdinSocket) {
      const message = this.decode(frames, 'stdin');
      if (message?.header.msg_type === 'input_reply') this.stdin.reply(message);
    }
  }

  private decode(frames: Buffer[], channel: string): Message | null {
    try {
      return decode(frames, this.signer, this.replays);
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      this.streams.log(`${channel}: dropped a message: ${error.message}`);
      return null;
    }
  }

  private receive(frames: Buffer[], channel: 'shell' | 'control'): void {
    const message = this.decode(frames, channel);
    if (!message) return;
    if (channel === 'control') {
      if (SetPrototypeHas(CONTROL_REQUESTS, message.header.msg_type)) void this.dispatch(message, channel);
      else void this.refuseOnControl(message);
      return;
    }
    ArrayPrototypePush(this.queue, { message, seq: ++this.received });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let next = ArrayPrototypeShift(this.queue); next; next = ArrayPrototypeShift(this.queue)) {
        if (next.message.header.msg_type === 'execute_request' && next.seq <= this.abortUpTo) await this.abort(next.message);
        else await this.dispatch(next.message, 'shell');
      }
    } finally {
      this.pumping = false;
    }
  }

  private replier(message: Message, channel: 'shell' | 'control'): Reply {
    return async (msgType, content) => {
      const reply = childMessage(message, msgType, content, this.session, message.identities);
      const frames = encode(reply, this.signer);
      if (channel === 'shell') await this.shellOut.send(frames);
      else this.toSentinel({ kind: 'send', frames });
    };
  }

  /** A shell request sent on control gets an error reply there; messages without replies are only logged. */
  private async refuseOnControl(message: Message): Promise<void> {
    const type = message.header.msg_type;
    const evalue = `${type} is not taken on the control channel (it takes kernel_info, interrupt and shutdown requests): send it on the shell channel`;
    this.streams.log(`control: refused ${type}`);
    if (!matches(REQUEST, type)) return;
    await this.replier(message, 'control')(replyType(type), {
      status: 'error',
      ename: 'WrongChannel',
      evalue,
      traceback: [`WrongChannel: ${evalue}`],
    });
  }

  private async dispatch(message: Message, channel: 'shell' | 'control'): Promise<void> {
    const type = message.header.msg_type;
    const handler = ObjectPrototypeHasOwnProperty(this.handlers, type) ? this.handlers[type] : undefined;
    if (!handler) {
      // As ipykernel: log it, answer nothing, but still report busy and idle around it.
      this.streams.log(`${channel}: no handler for message type '${type}'`);
      this.output.publish('status', { execution_state: 'busy' }, { parent: message });
      this.output.publish('status', { execution_state: 'idle' }, { parent: message });
      return;
    }
    if (type === 'kernel_info_request' && this.warmTimer) {
      clearTimeout(this.warmTimer);
      this.warmTimer = setTimeout(() => this.warm(), 0);
    }
    const reply = this.replier(message, channel);
    // Output produced while a cell or a comm handler runs belongs to that message (ipykernel's
    // set_parent); queries such as completion leave it with the last cell.
    if (OUTPUT_OWNERS.has(type)) this.output.parent = message;
    // An interrupt stops what runs when it arrives, or a cell sent before it that has not started
    // yet; not the code of a cell or handler sent later.
    const ownsOutput = channel === 'shell' && SetPrototypeHas(OUTPUT_OWNERS, type);
    if (ownsOutput) {
      if (type === 'execute_request') this.executesStarted++;
      this.interruptedBeforeStart = type === 'execute_request' && pendingInterrupt(this.interruptFlag) === INTERRUPTED_WHILE_BLOCKED;
      if (!this.interruptedBeforeStart) clearInterrupt(this.interruptFlag);
    }
    this.output.publish('status', { execution_state: 'busy' }, { parent: message });
    try {
      await handler(message, reply);
    } catch (error) {
      const described = this.cells.describeError(error);
      this.streams.log(`${type} failed: ${ArrayPrototypeJoin(described.traceback, '\n')}`);
      if (matches(REQUEST, type)) await reply(replyType(type), { status: 'error', ...described });
    } finally {
      // Whatever interrupt arrived during this request was for it.
      if (ownsOutput) clearInterrupt(this.interruptFlag);
      this.streams.flush();
      this.output.publish('status', { execution_state: 'idle' }, { parent: message });
    }
  }

  private async abort(message: Message): Promise<void> {
    this.output.publish('status', { execution_state: 'busy' }, { parent: message });
    await this.replier(message, 'shell')('execute_reply', { status: 'aborted', execution_count: this.executionCount });
    this.output.publish('status', { execution_state: 'idle' }, { parent: message });
  }

  private async execute(message: Message, reply: Reply): Promise<void> {
    const content = message.content;
    if (typeof content.code !== 'string') throw new TypeError('execute_request: content.code must be a string');
    const code: string = content.code;
    const silent = Boolean(content.silent);
    const storeHistory = content.store_history !== false && !silent;
    const stopOnError = content.stop_on_error !== false;
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.output.publish('execute_input', { code, execution_count: count });
    const pager = parsePagerRequest(code);
    if (pager) {
      if (storeHistory) this.history.append(count, code, null);
      await this.page(pager, count, reply);
      return;
    }

    let outcome: CellOutcome = this.interruptedBeforeStart ? INTERRUPTED_BEFORE_START : await this.cells.execute(code, count);
    this.stdin.cancel('the cell finished before input() was answered');
    let resultText: string | null = null;
    if (outcome.status === 'ok' && outcome.hasValue && !silent) {
      try {
        const data = this.bundle(outcome.value);
        this.streams.flush();
        this.output.publish('execute_result', { execution_count: count, data, metadata: {} });
        resultText = typeof data['text/plain'] === 'string' ? data['text/plain'] : null;
      } catch (error) {
        outcome = { status: 'error', ...this.cells.describeError(error) };
      }
    }
    this.streams.flush();
    if (storeHistory) this.history.append(count, code, resultText);

    if (outcome.status === 'error') {
      const error: CellError = { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback };
      if (!silent) this.output.publish('error', error);
      await reply('execute_reply', { status: 'error', execution_count: count, ...error });
      if (stopOnError) await this.abortQueued();
      return;
    }
    const userExpressions = await this.userExpressions(content.user_expressions, count);
    await reply('execute_reply', { status: 'ok', execution_count: count, payload: [], user_expressions: userExpressions });
  }

  /** `name?` and `name??`: the inspect text as a pager payload, as IPython answers them. */
  private async page(request: PagerRequest, count: number, reply: Reply): Promise<void> {
    const info = this.cells.inspect(request.name, request.name.length);
    const payload = [];
    if (info === null) {
      this.streams.write('stdout', `Object \`${request.name}\` not found.\n`);
    } else {
      let source: string | null = null;
      if (request.detail === 1) {
        const outcome = await this.cells.execute(request.name, count);
        if (outcome.status === 'ok' && typeof outcome.value === 'function') source = Function.prototype.toString.call(outcome.value);
      }
      payload.push({ source: 'page', data: { 'text/plain': pageText(info, source) }, start: 0 });
    }
    this.streams.flush();
    await reply('execute_reply', { status: 'ok', execution_count: count, payload, user_expressions: {} });
  }

  /** After an error, requests already sent (queued in ZeroMQ or here) are answered `aborted`. */
  private async abortQueued(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    this.abortUpTo = this.received;
  }

  private bundle(value: unknown): MimeBundle {
    const data = mimeBundle(value);
    const mimes = ObjectKeys(data);
    for (let i = 0; i < mimes.length; i++) data[mimes[i]] = encodeData(data[mimes[i]]);
    return data;
  }

  private async userExpressions(expressions: unknown, count: number): Promise<Record<string, object>> {
    const out: Record<string, object> = {};
    if (!expressions || typeof expressions !== 'object') return out;
    for (const [name, expression] of Object.entries(expressions as Record<string, unknown>)) {
      const outcome = await this.cells.execute(String(expression), count);
      if (outcome.status === 'error') out[name] = { status: 'error', ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback };
      else out[name] = { status: 'ok', data: outcome.hasValue ? this.bundle(outcome.value) : { 'text/plain': 'undefined' }, metadata: {} };
    }
    return out;
  }

  /** `name?`, `?name` and `name??` are complete help requests, though not TypeScript. */
  private isComplete(code: string): object {
    return parsePagerRequest(code) ? { status: 'complete' } : this.cells.isComplete(code);
  }

  private async complete(message: Message, reply: Reply): Promise<void> {
    const code = String(message.content.code ?? '');
    const cursor = codePointToIndex(code, Number(message.content.cursor_pos ?? code.length));
    const found = this.cells.complete(code, cursor);
    await reply('complete_reply', {
      status: 'ok',
      matches: found.matches,
      cursor_start: indexToCodePoint(code, found.start),
      cursor_end: indexToCodePoint(code, found.end),
      metadata: {},
    });
  }

  private async inspect(message: Message, reply: Reply): Promise<void> {
    const code = String(message.content.code ?? '');
    const cursor = codePointToIndex(code, Number(message.content.cursor_pos ?? code.length));
    const text = this.cells.inspect(code, cursor);
    await reply('inspect_reply', { status: 'ok', found: text !== null, data: text === null ? {} : { 'text/plain': text }, metadata: {} });
  }

  /** A shutdown_request on the shell channel (on control the sentinel answers it: `shutdownAnswered`). */
  private async shutdown(message: Message, reply: Reply): Promise<void> {
    await reply('shutdown_reply', { status: 'ok', restart: Boolean(message.content.restart) });
    this.exitAfterShutdown(message);
  }

  /** The sentinel has already sent the shutdown_reply (at once, even during a synchronous cell). */
  private shutdownAnswered(frames: Buffer[]): void {
    const message = this.decode(frames, 'control');
    if (message) this.exitAfterShutdown(message);
  }

  private exitAfterShutdown(message: Message): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    // ipykernel broadcasts the reply on iopub too, so that every frontend learns of it.
    this.output.publish('shutdown_reply', { status: 'ok', restart: Boolean(message.content.restart) }, { parent: message });
    this.output.publish('status', { execution_state: 'idle' }, { parent: message });
    void this.close().then(() => process.exit(0));
  }

  /**
   * Closes in the order zeromq needs: output flushed, then the sentinel's sockets closed and its
   * thread stopped, then the main thread's sockets. A worker thread torn down by the process exit
   * with its sockets still open aborts Node ("terminate called after throwing ... Napi::Error").
   */
  close(): Promise<void> {
    this.closing ??= this.closeInOrder();
    return this.closing;
  }

  private async closeInOrder(): Promise<void> {
    this.streams.flush();
    // One at a time: Promise.all iterates its array, and a cell may have replaced the iterator.
    await this.shellOut.flushed();
    await this.iopubOut.flushed();
    await this.stdinOut.flushed();
    await this.stopSentinel();
    this.cells.close();
    this.closeSockets();
  }

  /** Asks the sentinel to close its sockets and waits until it has (or its thread has ended). */
  private async stopSentinel(): Promise<void> {
    const worker = this.sentinel;
    if (!worker) return;
    this.sentinel = null;
    worker.postMessage({ kind: 'stop' } satisfies ToSentinel);
    const closed = AtomicsWaitAsync(this.sentinelStopped, 0, 0, STOP_SENTINEL_MS);
    const outcome = closed.async
      ? await new Promise<string>((resolve) => {
          worker.once('exit', () => resolve('ended'));
          PromisePrototypeThen(closed.value, resolve);
        })
      : closed.value;
    if (outcome === 'timed-out') this.streams.log(`the sentinel thread did not close its sockets within ${STOP_SENTINEL_MS} ms; exiting anyway`);
  }

  /** At exit nothing asynchronous runs any more: wait for the sentinel's sockets synchronously. */
  private stopSentinelNow(): void {
    const worker = this.sentinel;
    if (!worker) return;
    this.sentinel = null;
    worker.postMessage({ kind: 'stop' } satisfies ToSentinel);
    Atomics.wait(this.sentinelStopped, 0, 0, STOP_SENTINEL_MS);
  }

  private closeSockets(): void {
    if (this.socketsClosed) return;
    this.socketsClosed = true;
    this.shell.close();
    this.iopub.close();
    this.stdinSocket.close();
  }

  /**
   * The process is exiting without a shutdown (`process.exit()` in a cell or a library): say so
   * on iopub, send what is still queued, and close the sockets in order, keeping the exit code.
   */
  private closeAtExit(code: number): void {
    if (this.socketsClosed) return;
    try {
      if (!this.shuttingDown) {
        const text = `The kernel process is exiting with code ${code}: process.exit() was called (by a cell or a library it uses) before a shutdown was asked for.`;
        this.streams.log(text);
        this.streams.write('stderr', `${text}\n`);
      }
      this.streams.flush();
      this.output.publish('status', { execution_state: 'idle' });
      this.iopubOut.drainNow();
      this.shellOut.drainNow();
      // Give what was just queued time to leave (sockets were made with linger 0).
      this.iopub.linger = EXIT_LINGER_MS;
      this.shell.linger = EXIT_LINGER_MS;
    } catch {
      // Telling the frontend is best effort; closing in order is what prevents the abort.
    }
    this.stopSentinelNow();
    this.closeSockets();
  }
}
