-- Events and jobs: delivery bookkeeping for the transactional outbox.
--
-- The dispatcher must never hold a transaction open while subscribers run (PGlite has one connection),
-- so it claims an event by pushing `available_at` one lease into the future and counting the attempt.
-- A dispatcher that dies mid-delivery leaves the event undispatched; when its lease runs out the event
-- becomes available again (at-least-once). A failed delivery sets `available_at` to a backoff time and
-- keeps the error for operators.
ALTER TABLE outbox_events
  ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  ADD COLUMN available_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN last_error text;

DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_ready_idx ON outbox_events (available_at) WHERE dispatched_at IS NULL;
