/**
 * The engine host as a child process, seen from the desktop app: forks
 * out/engine/host.js with a real node binary, waits for its 'ready', correlates
 * requests and responses by id (with a timeout), forwards its events, and restarts
 * it when it dies, up to a limit, after which every call reports why.
 *
 * Imports no electron, so it runs (and is tested) in plain Node.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { LabError } from '../shared/contract.js';
import type { EventMessage, RequestMessage, ResponseMessage } from '../shared/wire.js';

export interface EngineProcessOptions {
  /** The host script (out/engine/host.js, or src/host/engineHost.ts with tsx in execArgv). */
  hostPath: string;
  /** The lab file; omitted, the host uses $EMBEDLAB_DB or the user data directory. */
  dbPath?: string;
  /** The node binary that runs the host. */
  nodePath: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /** How long one call may take before it is reported as unanswered. */
  callTimeoutMs?: number;
  /** How long the host may take to open the lab and say 'ready'. */
  readyTimeoutMs?: number;
  /** Restarts allowed within restartWindowMs before the engine is declared failed. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Where the host's stderr and our own notes go (default: process.stderr). */
  log?: (text: string) => void;
}

export type EngineState = 'idle' | 'starting' | 'ready' | 'restarting' | 'failed' | 'stopping' | 'stopped';

export interface EngineExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** What happens next: 'restart', or 'failed' when the limit is reached or it never started. */
  next: 'restart' | 'failed' | 'stopped';
  message: string;
}

interface Pending {
  call: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const STDERR_TAIL = 4000;

export class EngineProcess {
  private child: ChildProcess | null = null;
  private stateValue: EngineState = 'idle';
  private readyPromise: Promise<void> | null = null;
  private failure: LabError | null = null;
  private everReady = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(m: EventMessage) => void>();
  private readonly exitListeners = new Set<(e: EngineExit) => void>();
  private readonly readyListeners = new Set<(info: { pid: number; restart: boolean }) => void>();
  private readonly crashes: number[] = [];
  private stderrTail = '';
  private readonly log: (text: string) => void;

  constructor(private readonly opts: EngineProcessOptions) {
    this.log = opts.log ?? ((text) => process.stderr.write(text));
  }

  get state(): EngineState {
    return this.stateValue;
  }

  /** The host's pid while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Forks the host and resolves once it is ready; rejects with the reason if it is not. */
  start(): Promise<void> {
    if (this.stateValue !== 'idle') throw new Error(`EngineProcess.start() called twice (state ${this.stateValue}).`);
    return this.spawn(false);
  }

  /** Runs one call of the contract in the host. Waits while it starts or restarts. */
  async request(call: string, input: unknown, timeoutMs = this.opts.callTimeoutMs ?? 60_000): Promise<unknown> {
    const child = await this.whenReady();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new LabError(`The engine did not answer ${call} within ${Math.round(timeoutMs / 1000)} s.`, 'failed'));
      }, timeoutMs);
      this.pending.set(id, { call, resolve, reject, timer });
      const message: RequestMessage = { id, call, input };
      child.send(message, (err) => {
        if (!err) return;
        const p = this.settle(id);
        p?.reject(new LabError(`Could not send ${call} to the engine: ${err.message}`, 'failed'));
      });
    });
  }

  /** Engine events ('job', 'changed', …) as they arrive; returns an unsubscribe function. */
  onEvent(listener: (m: EventMessage) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called whenever the host exits on its own (crash, kill), with what happens next. */
  onExit(listener: (e: EngineExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Called each time a host says 'ready' (restart: true after a crash). */
  onReady(listener: (info: { pid: number; restart: boolean }) => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /**
   * Asks the host to close the lab and exit (it does so when its IPC channel
   * closes), then escalates to SIGTERM and SIGKILL if it takes too long.
   */
  async stop(graceMs = 5000): Promise<void> {
    if (this.stateValue === 'stopped') return;
    this.stateValue = 'stopping';
    this.rejectAll(new LabError('The engine is shutting down.', 'failed'));
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      if (child.connected) child.disconnect();
      else child.kill('SIGTERM');
      const escalate = setTimeout(() => child.kill('SIGTERM'), graceMs);
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs + 2000);
      await exited;
      clearTimeout(escalate);
      clearTimeout(kill);
    }
    this.child = null;
    this.stateValue = 'stopped';
  }

  private whenReady(): Promise<ChildProcess> {
    switch (this.stateValue) {
      case 'ready':
        return Promise.resolve(this.child!);
      case 'starting':
      case 'restarting':
        return this.readyPromise!.then(() => this.whenReady());
      case 'failed':
        return Promise.reject(this.failure!);
      case 'idle':
        return Promise.reject(new LabError('The engine has not been started.', 'failed'));
      default:
        return Promise.reject(new LabError('The engine has stopped.', 'failed'));
    }
  }

  private spawn(restart: boolean): Promise<void> {
    this.stateValue = restart ? 'restarting' : 'starting';
    this.stderrTail = '';
    const { hostPath, dbPath, nodePath } = this.opts;
    const child = fork(hostPath, dbPath ? ['--db', dbPath] : [], {
      execPath: nodePath,
      // Electron's main process has its own execArgv; the host gets only what we pass.
      execArgv: this.opts.execArgv ?? [],
      env: this.opts.env ?? process.env,
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      // Structured clone, like Electron's IPC: typed arrays survive the trip.
      serialization: 'advanced',
      // Its own process group, so a Ctrl+C in the terminal reaches the app, which
      // then stops the host cleanly, and not the host directly. The host still
      // exits when our end of the IPC channel closes, however the app ends.
      detached: process.platform !== 'win32',
    });
    this.child = child;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL);
      this.log(text);
    });

    this.readyPromise = new Promise<void>((resolve, reject) => {
      let settled = false;
      const once = (f: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
      };
      const readyMs = this.opts.readyTimeoutMs ?? 30_000;
      const timer = setTimeout(() => {
        once(() => reject(this.fail(`The engine did not become ready within ${Math.round(readyMs / 1000)} s${this.stderrNote()}.`)));
        child.kill('SIGKILL');
      }, readyMs);
      const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null): void =>
        once(() => {
          if (this.stateValue === 'stopping' || this.stateValue === 'stopped') return reject(new LabError('The engine has stopped.', 'failed'));
          reject(this.fail(`The engine (${nodePath} ${hostPath}) stopped before it was ready (${describeExit(code, signal)})${this.stderrNote()}.`));
        });
      child.once('error', (err) => once(() => reject(this.fail(`Could not start the engine with ${nodePath}: ${err.message}`))));
      child.once('exit', onEarlyExit);
      child.on('message', (m: ResponseMessage | EventMessage) => {
        if ('event' in m && m.event === 'ready' && !settled) {
          once(() => {
            this.stateValue = 'ready';
            this.everReady = true;
            child.off('exit', onEarlyExit);
            child.on('exit', (code, signal) => this.onChildExit(child, code, signal));
            resolve();
          });
          for (const l of this.readyListeners) l({ pid: child.pid!, restart });
        } else this.onMessage(m);
      });
    });
    // A failed start is reported through the returned promise and through later calls.
    this.readyPromise.catch(() => undefined);
    return this.readyPromise;
  }

  private onMessage(m: ResponseMessage | EventMessage): void {
    if ('id' in m) {
      const p = this.settle(m.id);
      if (!p) return; // timed out earlier
      if (m.ok) p.resolve(m.value);
      else p.reject(new LabError(m.error.message, asCode(m.error.code)));
    } else if ('event' in m && m.event !== 'ready') {
      for (const l of this.eventListeners) l(m);
    }
  }

  private onChildExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.stateValue === 'stopping' || this.stateValue === 'stopped') return;
    const how = describeExit(code, signal);
    const now = Date.now();
    const window = this.opts.restartWindowMs ?? 60_000;
    while (this.crashes.length && now - this.crashes[0]! > window) this.crashes.shift();
    this.crashes.push(now);
    const restart = this.everReady && this.crashes.length <= (this.opts.maxRestarts ?? 3);
    const message = restart
      ? `The engine process stopped unexpectedly (${how}); it is restarting. Running jobs were lost; try again.${this.stderrNote()}`
      : `The engine process stopped unexpectedly (${how}) ${this.crashes.length} times within ${Math.round(window / 1000)} s, so it was not restarted. Restart Embedding Lab.${this.stderrNote()}`;
    this.log(`[engine] ${message}\n`);
    const error = new LabError(message, 'failed');
    this.rejectAll(error);
    if (restart) {
      const delay = 200 * this.crashes.length;
      this.stateValue = 'restarting';
      // Calls made during the delay wait for the new host.
      this.readyPromise = new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          if (this.stateValue !== 'restarting') return reject(new LabError('The engine has stopped.', 'failed'));
          this.spawn(true).then(resolve, reject);
        }, delay);
      });
      this.readyPromise.catch(() => undefined);
    } else {
      this.fail(message);
    }
    for (const l of this.exitListeners) l({ code, signal, next: restart ? 'restart' : 'failed', message });
  }

  private fail(message: string): LabError {
    this.failure = new LabError(message, 'failed');
    this.stateValue = 'failed';
    this.rejectAll(this.failure);
    return this.failure;
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    clearTimeout(p.timer);
    return p;
  }

  private rejectAll(error: LabError): void {
    for (const id of [...this.pending.keys()]) {
      const p = this.settle(id)!;
      p.reject(new LabError(`${p.call}: ${error.message}`, error.code));
    }
  }

  private stderrNote(): string {
    const tail = this.stderrTail.trim().split('\n').slice(-8).join('\n');
    return tail ? `\nIts last output:\n${tail}` : '';
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function asCode(code: string): LabError['code'] {
  return code === 'invalid' || code === 'not-found' || code === 'conflict' ? code : 'failed';
}
