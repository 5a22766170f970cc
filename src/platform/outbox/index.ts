/** The outbox's public face: publish inside a transaction, subscribe at start-up, dispatch after commit. */
export {
  type DispatchLogger,
  type DispatchOptions,
  type DispatchResult,
  dispatchOutbox,
  OUTBOX_DEFAULTS,
  outboxRetryDelayMs,
} from './dispatch.ts';
export { type DeliveryContext, type OutboxEvent, type OutboxHandler, publishEvent, subscribe, subscribersOf } from './outbox.ts';
