// ReactionStore's reads and moderation, on the read connection (WAL: reads never wait for the
// writer thread's commits).
#include "server/reaction_store.hpp"
#include "server/sqlite_statement.hpp"

#include <sqlite3.h>

namespace almere::server {
namespace {

// Folds rows of (kind, id, rating, count), sorted by kind and id, into one entry per subject.
void addCount(std::vector<RatingCounts>& list, const std::string& kind, const std::string& id,
              int64_t rating, int64_t count) {
    if (list.empty() || list.back().kind != kind || list.back().id != id)
        list.push_back({kind, id, 0, {}});
    list.back().count += count;
    if (rating >= 1 && rating <= 5) list.back().ratings[size_t(rating - 1)] += count;
}

const std::string kSelectReaction =
    "SELECT id, subject_kind, subject_id, lon, lat, rating, comment, age_band, home_stadsdeel, "
    "plan_state, lang, channel, created_at, received_at, clock_suspect, moderation, wijk "
    "FROM reactions ";

// The current row of a statement selecting the columns above.
StoredReaction storedReactionAt(const Statement& rows) {
    StoredReaction s;
    Reaction& r = s.reaction;
    r.id = rows.text(0);
    r.subjectKind = rows.text(1);
    r.subjectId = rows.text(2);
    if (!rows.isNull(3) && !rows.isNull(4)) r.pin = GeoPoint{rows.real(3), rows.real(4)};
    r.rating = int(rows.integer(5));
    r.comment = rows.text(6);
    r.ageBand = rows.text(7);
    r.homeStadsdeel = rows.text(8);
    r.consent = true; // nothing without consent is ever stored
    r.planState = rows.text(9);
    r.lang = rows.text(10);
    r.channel = rows.text(11);
    r.createdAt = rows.integer(12);
    s.receivedAt = rows.integer(13);
    s.clockSuspect = rows.integer(14) != 0;
    s.moderation = rows.text(15);
    if (!rows.isNull(16)) r.wijk = rows.text(16);
    return s;
}

} // namespace

Summary ReactionStore::summary() {
    std::lock_guard<std::mutex> lock(readMutex_);
    Summary summary;
    Statement rows(readDb_, "SELECT subject_kind, subject_id, rating, COUNT(*) FROM reactions "
                            "WHERE moderation != 'hidden' GROUP BY subject_kind, subject_id, "
                            "rating ORDER BY subject_kind, subject_id, rating");
    while (rows.step() == SQLITE_ROW) {
        const std::string kind = rows.text(0), id = rows.text(1);
        const int64_t count = rows.integer(3);
        summary.total += count;
        if (kind != "place")
            addCount(summary.subjects, kind, id, rows.integer(2), count);
        else if (!id.empty()) // a pin outside every wijk has no place to be counted at
            addCount(summary.places, kind, id, rows.integer(2), count);
    }
    return summary;
}

std::vector<PublicComment> ReactionStore::approvedComments(const std::string& kind,
                                                           const std::string& id, int limit) {
    std::lock_guard<std::mutex> lock(readMutex_);
    std::vector<PublicComment> comments;
    Statement rows(readDb_, "SELECT rating, comment, lang, created_at FROM reactions "
                            "WHERE subject_kind = ? AND subject_id = ? AND moderation = "
                            "'approved' AND comment != '' ORDER BY rowid DESC LIMIT ?");
    rows.bind(1, kind);
    rows.bind(2, id);
    rows.bind(3, int64_t(limit));
    while (rows.step() == SQLITE_ROW)
        comments.push_back({int(rows.integer(0)), rows.text(1), rows.text(2), rows.integer(3)});
    return comments;
}

std::vector<StoredReaction> ReactionStore::allReactions() {
    std::lock_guard<std::mutex> lock(readMutex_);
    std::vector<StoredReaction> all;
    Statement rows(readDb_, (kSelectReaction + "ORDER BY rowid").c_str());
    while (rows.step() == SQLITE_ROW)
        all.push_back(storedReactionAt(rows));
    return all;
}

std::vector<StoredReaction> ReactionStore::queue(const QueueFilter& f, int limit) {
    std::lock_guard<std::mutex> lock(readMutex_);
    // plan_state is "plans=a,b;phase=x[;...]" (core/plan_state.hpp): a plan is one of the
    // comma-separated ids after "plans=", the phase the value of ";phase=".
    Statement rows(readDb_, (kSelectReaction + R"sql(WHERE comment != '' AND moderation = ?1
 AND (?2 = '' OR (subject_kind = 'plan' AND subject_id = ?2) OR (plan_state LIKE 'plans=%' AND
   instr(',' || substr(plan_state, 7, instr(plan_state || ';', ';') - 7) || ',', ',' || ?2 || ',') > 0))
 AND (?3 = '' OR instr(';' || plan_state || ';', ';phase=' || ?3 || ';') > 0)
 AND (?4 = '' OR wijk = ?4 OR (subject_kind = 'place' AND subject_id = ?4))
 AND (?5 = '' OR channel = ?5)
 AND (?6 IS NULL OR created_at >= ?6) AND (?7 IS NULL OR created_at < ?7)
 ORDER BY rowid LIMIT ?8)sql")
                                .c_str());
    rows.bind(1, f.status);
    rows.bind(2, f.plan);
    rows.bind(3, f.phase);
    rows.bind(4, f.wijk);
    rows.bind(5, f.channel);
    if (f.from) rows.bind(6, *f.from);
    if (f.until) rows.bind(7, *f.until);
    rows.bind(8, int64_t(limit));
    std::vector<StoredReaction> found;
    while (rows.step() == SQLITE_ROW)
        found.push_back(storedReactionAt(rows));
    return found;
}

ModerationOutcome ReactionStore::setModeration(const std::string& id, const std::string& status) {
    std::lock_guard<std::mutex> lock(readMutex_);
    Statement update(readDb_, "UPDATE reactions SET moderation = ? WHERE id = ?");
    update.bind(1, status);
    update.bind(2, id);
    if (update.step() != SQLITE_DONE) return ModerationOutcome::failed;
    return sqlite3_changes(readDb_) == 1 ? ModerationOutcome::updated
                                         : ModerationOutcome::unknownId;
}

std::optional<Reaction> ReactionStore::find(const std::string& id) {
    std::lock_guard<std::mutex> lock(lookupMutex_);
    return findReaction(*lookup_, id);
}

std::unique_ptr<Statement> prepareFindReaction(sqlite3* db) {
    return std::make_unique<Statement>(db, (kSelectReaction + "WHERE id = ?").c_str());
}

std::optional<Reaction> findReaction(Statement& byId, const std::string& id) {
    byId.reset();
    byId.bind(1, id);
    std::optional<Reaction> found;
    if (byId.step() == SQLITE_ROW) found = storedReactionAt(byId).reaction;
    byId.reset(); // ends the read transaction: a held one would keep the WAL from restarting
    return found;
}

} // namespace almere::server
