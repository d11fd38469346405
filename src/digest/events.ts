import { EventEmitter } from 'node:events';

/**
 * `/digest subscribe` and `unsubscribe` announce changes here so the schedulers running in this
 * process pick them up at once; other processes sharing the database see them at their next
 * periodic re-read of the subscriptions.
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(50);

export function announceSubscriptionsChanged(): void {
  emitter.emit('changed');
}

export function onSubscriptionsChanged(listener: () => void): () => void {
  emitter.on('changed', listener);
  return () => emitter.off('changed', listener);
}
