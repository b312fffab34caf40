import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** One line for the log: the error's name and message, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return 'an unprintable error';
  }
}

/**
 * When answering an error failed (a header Node refuses, a page that could not be rendered, a
 * database gone), ends the request with a bare 500 if nothing was sent yet, and logs one line.
 * Never throws: an exception filter that throws would leave an unhandled rejection, which stops
 * the process.
 */
export function answerLastResort(
  reply: FastifyReply,
  logger: Logger,
  original: unknown,
  failure: unknown,
): void {
  try {
    logger.error(
      `Could not answer an error (${describeError(original)}): ${describeError(failure)}`,
    );
  } catch {
    // A logger that throws must not stop the answer below.
  }
  try {
    if (reply.sent || reply.raw.headersSent) return;
    // Whatever was set may be what Node refused: start from no headers at all.
    for (const name of Object.keys(reply.getHeaders())) {
      reply.removeHeader(name);
      reply.raw.removeHeader(name);
    }
    void reply
      .status(500)
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .send('Internal error');
  } catch {
    try {
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain' });
      reply.raw.end('Internal error');
    } catch {
      try {
        reply.raw.destroy();
      } catch {
        // Nothing more can be done for this request; the process goes on.
      }
    }
  }
}
