#pragma once
// The stores put through power cuts (issue 8).
#include "campaign.hpp"

#include <memory>

namespace almere::powerloss {

// The server's ReactionStore: writer threads inserting (group commit) while a moderator
// approves acknowledged reactions on the store's second connection.
std::unique_ptr<Subject> makeReactionStoreSubject();
// The kiosk's Outbox: one connection adding reactions while another marks them delivered.
std::unique_ptr<Subject> makeOutboxSubject();
// Negative control, not product code: a plain SQLite table with synchronous=OFF, whose
// "acknowledged" rows a power cut should lose. Proves the harness can see a loss.
std::unique_ptr<Subject> makeUnsyncedControlSubject();

} // namespace almere::powerloss
