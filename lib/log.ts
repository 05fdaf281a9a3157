import pino, { type Logger } from 'pino';

/**
 * The process logger. JSON lines for machines; pretty lines when a person watches a
 * terminal. Log events, ids and counts: never emails, names, tokens, invite codes or
 * document content (the one exception, the magic link without SMTP, is logged on purpose).
 */
function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? 'info';
  if (process.stdout.isTTY && process.env.NODE_ENV !== 'test') {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } },
    });
  }
  return pino({ level, base: undefined });
}

const globalKey = Symbol.for('grimoire.logger');
type WithLogger = typeof globalThis & { [globalKey]?: Logger };

/** One logger per process, shared by the custom server and the Next.js bundle. */
export const logger: Logger = ((globalThis as WithLogger)[globalKey] ??= createLogger());
