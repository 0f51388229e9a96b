-- Streams read their events by session (push_event_session_idx) since events became session-scoped (V4), and the
-- retention sweep deletes by age (push_event_created_idx). Nothing reads push_event by device any more: the index
-- only cost a write (and, on H2, a page rewritten at every commit) for every event stored.
DROP INDEX push_event_device_idx;
