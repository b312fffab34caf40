import type { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from './test-app';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server in the test process that parses every message it accepts with mailparser.
 * It listens on a port the OS picks (`port` and `url` are known once `start()` has resolved), so
 * specs never collide with each other or with another run. `stop()` drops its connections at once
 * (the app's pooled ones too) and `start()` brings it back on the same port; `refuse = true` makes it
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

  /** 0 until the first `start()`; then the port the OS gave, kept across `stop()`/`start()`. */
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // stop() ends open connections (a pool's idle ones) at once instead of after 30 s.
      closeTimeout: 1,
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
    this.port = (server.server.address() as AddressInfo).port;
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

/** The app's mail settings for a catcher: its address and the sender the specs expect. */
export function mailEnv(catcher: MailCatcher): Record<string, string> {
  return { SMTP_URL: catcher.url, MAIL_FROM: 'Makon <makon@makon.test>' };
}

/**
 * A test app that mails through a fresh catcher; `close()` stops both. For the notification specs,
 * which run the delivery job by hand (`t.app.get(NotificationJob).deliver()`).
 */
export async function startAppWithMail(
  now: string,
): Promise<{ t: TestApp; smtp: MailCatcher; close: () => Promise<void> }> {
  const smtp = new MailCatcher();
  await smtp.start();
  const t = await startTestApp({ now, env: mailEnv(smtp) });
  return {
    t,
    smtp,
    close: async () => {
      await t.close();
      await smtp.stop();
    },
  };
}
