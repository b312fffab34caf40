import type { Locale, UserEntity } from '../identity';
import { MessageFacts, renderMessage, RenderedMessage } from './render';

/** What the email channel stores with a delivery and sends (email.channel.ts). */
export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
}

/**
 * What a payload renderer knows of the person: the worker gets this copy, never the whole
 * account (its password hash among it).
 */
export type Recipient = Pick<UserEntity, 'id' | 'email' | 'locale'>;

export function recipientOf(person: UserEntity): Recipient {
  return { id: person.id, email: person.email, locale: person.locale };
}

export function emailPayload(message: RenderedMessage, person: Recipient): EmailPayload {
  return {
    to: person.email ?? '',
    subject: message.title,
    text: message.text,
    html: message.html,
    ics: message.ics,
  };
}

/**
 * The channels whose payload is a pure function of the message and the person, by channel name:
 * these are rendered in the render worker (render-worker.js) with the message. A channel not here
 * is rendered on the main thread by its own `render`, from the message the worker sends back.
 */
export const PAYLOAD_RENDERERS: Record<
  string,
  (message: RenderedMessage, person: Recipient) => unknown
> = { email: emailPayload };

/** One event for one person: what the worker renders (all of it plain data). */
export interface RenderTask {
  facts: MessageFacts;
  locale: Locale;
  link: string;
  person: Recipient;
  /** Channels (names in PAYLOAD_RENDERERS) whose payload to render, as JSON. */
  channels: string[];
  /** Whether to answer the whole message too (a channel that renders on the main thread). */
  needMessage: boolean;
}

export interface RenderResult {
  title: string;
  text: string;
  /** Each of the task's channels' payload as JSON, in the task's order. */
  payloads: string[];
  message?: RenderedMessage;
}

/** Renders one task: the message in the person's language and each channel's payload. */
export function renderTask(task: RenderTask): RenderResult {
  const message = renderMessage(task.facts, task.locale, task.link);
  return {
    title: message.title,
    text: message.text,
    payloads: task.channels.map((name) =>
      JSON.stringify(PAYLOAD_RENDERERS[name](message, task.person)),
    ),
    ...(task.needMessage ? { message } : {}),
  };
}
