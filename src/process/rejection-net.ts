import type { Logger } from '../log.js';

/**
 * A bot that serves many channels must not fall over because one handler forgot to catch a
 * rejected promise: every platform handler catches its own errors, and this is the net under
 * them. Node's default for an unhandled rejection is to end the process, which would take every
 * channel's answers and the digest schedule down with one bad request.
 */
export function installRejectionNet(logger: Pick<Logger, 'error'>): () => void {
  const onRejection = (err: unknown): void => {
    logger.error({ err }, 'unhandled rejection (the bot keeps running)');
  };
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('unhandledRejection', onRejection);
  };
}
