import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, AppConfig } from '../common/config';
import type { UserEntity } from '../identity';
import type { NotificationChannel, OutgoingDelivery } from './channel';
import { EmailPayload, emailPayload } from './payloads';
import type { RenderedMessage } from './render';
import type { NotificationSettingsView } from './settings';

/**
 * Email over SMTP_URL with nodemailer, over a small pool of SMTP connections that are kept open and
 * reused (SMTP_POOL_CONNECTIONS at a time, each closed after 100 messages or a minute idle, and
 * all on shutdown) rather than a connection per message. SMTP has no idempotency key: the
 * Message-ID is the delivery's id, so a duplicate after a crash (see docs/operations.md) carries
 * the same Message-ID and mail clients that deduplicate show it once.
 */
@Injectable()
export class EmailChannel implements NotificationChannel, OnApplicationShutdown {
  readonly name = 'email';
  private readonly transport: Transporter | null;
  private readonly domain: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl ? createTransport(smtpOptions(config.smtpUrl)) : null;
    this.domain = new URL(config.publicUrl).hostname;
  }

  reaches(person: UserEntity, settings: NotificationSettingsView): boolean {
    return this.transport !== null && !!person.email && settings.email;
  }

  /** Pure (payloads.ts): fan-outs render it in the render worker, by the channel's name. */
  render(message: RenderedMessage, person: UserEntity): EmailPayload {
    return emailPayload(message, person);
  }

  async send(delivery: OutgoingDelivery): Promise<void> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    const payload = delivery.payload as EmailPayload;
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      messageId: `<${delivery.id}@${this.domain}>`,
      attachments: payload.ics
        ? [
            {
              filename: 'booking.ics',
              content: payload.ics,
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            },
          ]
        : [],
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** Connections the pool keeps open to the mail server at most. */
export const SMTP_POOL_CONNECTIONS = 2;

/**
 * SMTP_URL as nodemailer's options: pooled connections, timeouts short enough for a job that
 * retries.
 */
export function smtpOptions(smtpUrl: string): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    pool: true,
    maxConnections: SMTP_POOL_CONNECTIONS,
    maxMessages: 100,
    idleTimeout: 60_000,
    // A message whose connection dropped fails back to the job (which records the attempt and
    // retries with back-off) rather than being sent again by the pool on its own.
    maxRequeues: 0,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}
