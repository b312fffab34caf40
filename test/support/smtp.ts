import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server in the test process that parses every message it accepts with mailparser.
 * `stop()` and `start()` take it down and bring it back on the same port; `refuse = true` makes it
 * answer every message with a temporary failure (451), as a mail server in trouble does.
 * `hold = true` keeps each message it accepts (in `messages`) but holds back its reply, as a slow
 * server does, until `releaseHeld()`: the sender is then in the middle of sending.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  refuse = false;
  hold = false;
  /** The messages accepted whose reply is held back. */
  readonly held: CaughtMail[] = [];
  private readonly heldReplies: Array<() => void> = [];
  private server: SMTPServer | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        if (this.refuse) {
          stream.resume();
          stream.on('end', () =>
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 })),
          );
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const mail = { to: session.envelope.rcptTo.map((r) => r.address), parsed };
            this.messages.push(mail);
            if (!this.hold) return callback();
            this.held.push(mail);
            this.heldReplies.push(() => callback());
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stops holding and sends every held reply (to senders still connected). */
  releaseHeld(): void {
    this.hold = false;
    for (const reply of this.heldReplies.splice(0)) reply();
  }

  /** The messages sent to `address`. */
  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }
}
