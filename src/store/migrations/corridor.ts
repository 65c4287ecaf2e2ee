import type { Migration } from './types.js';

/** Corridor state (versions 100-199): lifecycle, transition log, receipts, checkpoints, forks, attestations. */
export const CORRIDOR_MIGRATIONS: readonly Migration[] = [
  {
    version: 100,
    name: 'corridor.core',
    up: `
CREATE TABLE corridor (
  corridor_id   TEXT PRIMARY KEY,
  config        TEXT NOT NULL,
  genesis_root  TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('DRAFT','PENDING','ACTIVE','HALTED','SUSPENDED','DEPRECATED')),
  state_since   TEXT NOT NULL,
  receipt_count INTEGER NOT NULL DEFAULT 0 CHECK (receipt_count >= 0),
  head          TEXT NOT NULL,
  mmr_peaks     TEXT NOT NULL DEFAULT '[]',
  created_at    TEXT NOT NULL
) STRICT;
CREATE TABLE corridor_transition (
  corridor_id TEXT NOT NULL REFERENCES corridor(corridor_id),
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  from_state  TEXT NOT NULL,
  to_state    TEXT NOT NULL,
  at          TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  PRIMARY KEY (corridor_id, seq)
) STRICT;
CREATE TABLE corridor_receipt (
  corridor_id TEXT NOT NULL REFERENCES corridor(corridor_id),
  sequence    INTEGER NOT NULL CHECK (sequence >= 0),
  prev_root   TEXT NOT NULL,
  next_root   TEXT NOT NULL,
  body        TEXT NOT NULL,
  UNIQUE (corridor_id, sequence)
) STRICT;
CREATE TABLE corridor_checkpoint (
  corridor_id   TEXT NOT NULL REFERENCES corridor(corridor_id),
  receipt_count INTEGER NOT NULL,
  digest        TEXT NOT NULL,
  body          TEXT NOT NULL,
  PRIMARY KEY (corridor_id, receipt_count)
) STRICT;
CREATE TABLE corridor_fork (
  corridor_id   TEXT NOT NULL REFERENCES corridor(corridor_id),
  sequence      INTEGER NOT NULL,
  prev_root     TEXT NOT NULL,
  next_root     TEXT NOT NULL,
  body          TEXT NOT NULL,
  detected_at   TEXT NOT NULL,
  PRIMARY KEY (corridor_id, sequence, next_root)
) STRICT;
CREATE TABLE corridor_attestation (
  corridor_id      TEXT NOT NULL REFERENCES corridor(corridor_id),
  watcher          TEXT NOT NULL,
  receipt_count    INTEGER NOT NULL,
  final_state_root TEXT NOT NULL,
  head_commitment  TEXT NOT NULL,
  observed_at      TEXT NOT NULL,
  body             TEXT NOT NULL,
  PRIMARY KEY (corridor_id, watcher, receipt_count)
) STRICT;
`,
  },
  {
    version: 101,
    name: 'corridor.anchors',
    up: `
CREATE TABLE corridor_anchor (
  corridor_id           TEXT NOT NULL REFERENCES corridor(corridor_id),
  head_commitment       TEXT NOT NULL,
  network               TEXT NOT NULL,
  tx_hash               TEXT NOT NULL,
  block_number          INTEGER NOT NULL CHECK (block_number >= 0),
  observed_block_number INTEGER NOT NULL CHECK (observed_block_number >= block_number),
  recorded_at           TEXT NOT NULL,
  body                  TEXT NOT NULL,
  PRIMARY KEY (corridor_id, network, tx_hash)
) STRICT;
CREATE INDEX corridor_anchor_head ON corridor_anchor (corridor_id, head_commitment);
`,
  },
];
