import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import {
  killGroup,
  startGroup,
  superviseGroup,
  type GroupLeader,
  type GroupRunResult,
  type SupervisionOptions,
} from './process.js';

export interface WarmStartOptions {
  /** The command that starts a warm process: it loads its runner, says so on fd 3, then waits there for its trial. */
  file: string;
  args: readonly string[];
  cwd: string;
  /** The environment every trial it may run shares; a trial's own part is given at its start. */
  env: Record<string, string>;
  /** Where each warm process's output file goes. */
  tempDir: string;
  /** Names the output files, so that several sets of warm starts can share one temp dir. */
  name: string;
  /**
   * How many processes are kept loading or ready for the trials to come (default 1, the next trial's). More when a
   * process takes longer to get ready than a small trial takes to run: the next one would otherwise still be loading.
   */
  ahead?: number | undefined;
  /**
   * Added to the environment of a process its trial waits for already (none was ready or loading for it): a runner
   * that does something ahead to make its trial quicker, which costs more than it saves when nothing runs meanwhile,
   * skips it then (vitest's warm-up).
   */
  wantedEnv?: Record<string, string> | undefined;
}

/**
 * Runner processes started one trial ahead: each loads its runner (Python and pytest, node and jest's or vitest's
 * modules) while the trial before it runs, then runs exactly one trial, so a small trial no longer waits for them to
 * load (`ahead`: more than one when loading takes longer than a small trial). With one trial at a time the loading
 * happens on an idle core. A process that fails to get ready is not used: its trial starts cold. The protocol on fd 3:
 * the process writes one JSON line when it is ready (what it loaded), polluter writes one JSON line with the trial
 * (`{ env, args }`) and closes its end.
 */
export class WarmStarts<Ready = unknown> {
  /** Started for the next trials, oldest (the next trial's) first. */
  private readonly next: Starting<Ready>[] = [];
  /** Every process started and not given to a trial that has not ended yet, killed ones included (see close). */
  private readonly unused = new Set<Starting<Ready>>();
  private started = 0;
  /** A process for the next trials is loading (see fill). */
  private loading = false;
  /** A process ended before it was ready: the next ones would too (a runner that cannot load), so none is started. */
  private failed = false;
  /** No trial will come (see close): none is started, none is given. */
  private closed = false;

  private command: { file: string; env: Record<string, string> };

  constructor(private readonly options: WarmStartOptions) {
    this.command = { file: options.file, env: options.env };
  }

  /**
   * What the first process reported once it is ready; it is the next trial's. Undefined when it is not ready within
   * `seconds` or ended first.
   */
  async first(seconds: number): Promise<{ ready: Ready; processGroup: number } | undefined> {
    if (this.next.length === 0) this.next.push(this.start({ wanted: true }));
    const warm = await this.whenReady(this.next[0]!, seconds);
    return warm && { ready: warm.ready, processGroup: warm.processGroup };
  }

  /** The command the processes started from now on run: the same runner, started another way (see the caller). */
  launchAs(command: { file: string; env: Record<string, string> }): void {
    this.command = command;
  }

  /**
   * The warm process for the next trial, once ready; the one after it starts loading now. Undefined when it is not
   * ready within `seconds` (the trial's own time limit) or ended first: the trial then starts cold.
   */
  async take(seconds: number): Promise<WarmProcess<Ready> | undefined> {
    if (this.failed || this.closed) return undefined;
    const taken = this.next.shift() ?? this.start({ wanted: true });
    // The next ones start once this one is ready and has its trial: starting a process costs polluter tens of
    // milliseconds (more on a loaded machine), which would otherwise come before the trial each time, and processes
    // loading beside it would slow down the one the trial waits for (the first, started cold).
    void taken.ready.then(() => setImmediate(() => this.fill()));
    return this.whenReady(taken, seconds);
  }

  /**
   * Starts processes for the next trials until `ahead` are loading or ready, one loading at a time: the trial running
   * meanwhile is what polluter waits for, and each process loading beside it takes a core from it. With `ahead` above
   * 1, processes wait ready while the next one loads.
   */
  private fill(): void {
    if (this.failed || this.closed || this.loading || this.next.length >= (this.options.ahead ?? 1)) return;
    let starting: Starting<Ready>;
    try {
      starting = this.start({ wanted: false });
    } catch {
      return; // it could not even be started (its output file, the spawn): the next trial takes its own (see take)
    }
    this.next.push(starting);
    this.loading = true;
    void starting.ready.then((warm) => {
      this.loading = false;
      // One that ended before it was ready is not replaced here: its trial finds out (see whenReady).
      if (warm !== undefined) setImmediate(() => this.fill());
    });
  }

  /**
   * Kills the processes started for trials that will not come, and resolves once they are gone; none is started
   * after. Called before the temp dir is removed: a process still loading writes there (its output file, the runner's
   * cache under the slot's TMPDIR), and one started after would add its output file while the dir is removed.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.next.splice(0);
    const waiting = [...this.unused];
    for (const starting of waiting) {
      starting.hold(); // awaited now: polluter must not exit before they are gone
      starting.kill();
    }
    await Promise.all(waiting.map((starting) => starting.ended));
  }

  private async whenReady(starting: Starting<Ready>, seconds: number): Promise<WarmProcess<Ready> | undefined> {
    starting.hold(); // awaited now: it keeps polluter running until it is ready, and then until its trial ends
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), seconds * 1000)));
    const warm = await Promise.race([starting.ready, late]);
    clearTimeout(timer);
    if (warm !== 'late' && warm !== undefined) {
      this.unused.delete(starting); // its trial's now: the trial waits for its end
      return warm;
    }
    starting.kill(); // late, or it ended without being ready: nothing of it may stay
    if (warm === undefined) {
      this.failed = true;
      for (const waiting of this.next.splice(0)) waiting.kill();
    }
    return undefined;
  }

  /** `wanted`: its trial waits for it already (see `wantedEnv`). */
  private start({ wanted }: { wanted: boolean }): Starting<Ready> {
    this.started += 1;
    const outputFile = join(this.options.tempDir, `warm-${this.options.name}-${this.started}.output.log`);
    const output = openSync(outputFile, 'a');
    // Watched like every trial (see `watched`): stdin is the pipe that tells it polluter died.
    let started;
    try {
      started = startGroup(this.command.file, this.options.args, {
        cwd: this.options.cwd,
        env: wanted ? { ...this.command.env, ...this.options.wantedEnv } : this.command.env,
        stdio: ['pipe', output, output, 'pipe'],
      });
    } finally {
      closeSync(output); // the child has its own copy
    }
    const { child, leader } = started;
    const channel = child.stdio[3] as Socket;
    // Waiting, it must not keep polluter from exiting: taken for a trial, it is referenced again.
    const watchPipe = child.stdin as unknown as Socket;
    child.unref();
    channel.unref();
    watchPipe.unref();
    const hold = () => {
      child.ref();
      channel.ref();
      watchPipe.ref();
    };
    const ready = new Promise<WarmProcess<Ready> | undefined>((resolve) => {
      let received = '';
      const notReady = () => resolve(undefined);
      const onData = (chunk: Buffer) => {
        received += chunk.toString('utf8');
        const end = received.indexOf('\n');
        if (end === -1) return;
        channel.off('data', onData);
        try {
          const ready = JSON.parse(received.slice(0, end)) as Ready;
          resolve(new WarmProcess(leader, channel, outputFile, ready, child.pid ?? -1));
        } catch {
          killGroup(leader);
          notReady();
        }
      };
      channel.on('data', onData);
      channel.on('error', notReady);
      channel.on('close', notReady); // ended before it was ready (a later resolve is ignored)
      void leader.then(notReady);
    });
    const starting: Starting<Ready> = {
      ready,
      hold,
      kill: () => killGroup(leader),
      ended: Promise.resolve(leader).then(() => {
        this.unused.delete(starting);
      }),
    };
    this.unused.add(starting);
    return starting;
  }
}

/** A warm process on its way: ready once its runner is loaded (undefined if it ended first). */
interface Starting<Ready> {
  ready: Promise<WarmProcess<Ready> | undefined>;
  hold(): void;
  kill(): void;
  /** Resolves once its process has ended (the rest of its group is killed with it). */
  ended: Promise<void>;
}

/** One process with its runner loaded, waiting on fd 3 for its trial. */
export class WarmProcess<Ready = unknown> {
  constructor(
    private readonly child: GroupLeader,
    private readonly channel: Socket,
    /** Its stdout and stderr. */
    readonly outputFile: string,
    /** What it reported once its runner was loaded. */
    readonly ready: Ready,
    /** The id of its process group (the watcher's pid), which the processes of the runner share. */
    readonly processGroup: number,
  ) {}

  /** Runs the trial: its own `env` added, with `args`; timed, and killed with its group, from now on. */
  run(env: Record<string, string>, args: readonly string[], options: SupervisionOptions): Promise<GroupRunResult> {
    const started = performance.now();
    this.channel.end(`${JSON.stringify({ env, args })}\n`);
    return superviseGroup(this.child, options, started);
  }
}
