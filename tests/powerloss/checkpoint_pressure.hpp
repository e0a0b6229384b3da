#pragma once
// Frequent checkpoints for power-cut runs (issue 8). With SQLite's default (every 1,000 pages)
// a short run only checkpoints when it closes; the riskiest paths of WAL recovery (database
// pages written but not yet synced, a WAL restarted over old frames with a new header) need
// checkpoints in the middle of the writes. This sets how often every new connection checkpoints,
// without touching the product code: an SQLite auto-extension gives each new connection a trace
// callback that sets sqlite3_wal_autocheckpoint as its statements start. The checkpoints
// themselves are SQLite's own, run by the product's connections after their commits.
namespace almere::powerloss {

// Connections checkpoint after `pages` WAL pages from their next statement on; 0 leaves
// SQLite's default (connections already at a small interval keep it until they close).
void checkpointEvery(int pages);

} // namespace almere::powerloss
