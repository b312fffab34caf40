import { once } from 'node:events';
import { Instance, startInstance } from '../instances';
import { FuzzRequest, FuzzTarget, GIVE_UP_MS, isUp } from './runner';

/**
 * A real server process (started as `npm start` starts it) as a fuzz target. When a request gets
 * no answer and the process has exited, that is recorded with the last line the process wrote to
 * stderr, and a new process is started on the same database so the run goes on.
 */
export class ProcessTarget implements FuzzTarget {
  /** `request → what the process said last`, for every exit. */
  readonly exits: string[] = [];

  private constructor(
    private instance: Instance,
    private readonly databaseUrl: string,
  ) {}

  static async start(databaseUrl: string): Promise<ProcessTarget> {
    return new ProcessTarget(await startAsNpmStart(databaseUrl), databaseUrl);
  }

  get baseUrl(): string {
    return this.instance.baseUrl;
  }

  get process(): Instance['process'] {
    return this.instance.process;
  }

  async afterNoAnswer(request: FuzzRequest): Promise<'hung' | 'restarted' | 'gone'> {
    if (!this.hasExited() && (await isUp(this.baseUrl))) return 'hung';
    if (!this.hasExited()) {
      // Not answering and not exited yet: give the exit (if one is coming) the same time a
      // request gets before it counts as unanswered.
      await Promise.race([
        once(this.instance.process, 'exit'),
        new Promise((resolve) => setTimeout(resolve, GIVE_UP_MS).unref()),
      ]);
      if (!this.hasExited()) return 'gone';
    }
    const lines = this.instance.errors().split('\n');
    const error =
      lines
        .filter((line) => /\w*Error\b/.test(line))
        .pop()
        ?.trim() ?? lines.pop();
    const code = this.instance.process.exitCode ?? this.instance.process.signalCode;
    this.exits.push(
      `${request.method} ${request.route} (${request.label}) → exit ${code}: ${error?.slice(0, 200)}`,
    );
    this.instance = await startAsNpmStart(this.databaseUrl);
    return 'restarted';
  }

  kill(): Promise<void> {
    return this.instance.kill();
  }

  private hasExited(): boolean {
    const child = this.instance.process;
    return child.exitCode !== null || child.signalCode !== null;
  }
}

function startAsNpmStart(databaseUrl: string): Promise<Instance> {
  return startInstance(databaseUrl, {}, { asNpmStart: true });
}
