#pragma once
// The staff page's own routes (the page itself is the static /staff/, web/staff/):
//
//   POST /api/staff/signin   {"token": "<admin token>"}, same-origin only (the page's form)
//       200 {"csrf", "expires_in"} + Set-Cookie (server/staff_auth.hpp); 403 wrong token;
//       429 more than StaffAuthOptions::signInsPerMinute attempts from one address, Retry-After
//   GET  /api/staff/me       200 {"csrf", "expires_in", "choices": {"plans", "phases",
//                            "wijken": [{"code", "name"}], "channels", "statuses"}}; 401 not
//                            signed in or expired
//   POST /api/staff/signout  (cookie, same-origin, X-Almere-CSRF) 200, the session forgotten
//   GET  /api/admin/queue?status=new|approved|hidden&plan=&phase=&wijk=&channel=kiosk|web|session
//                        &from=YYYY-MM-DD&to=YYYY-MM-DD   (an admin route: token or cookie)
//       200 {"reactions": [{"id", "subject": {"kind", "id"}, "wijk", "rating", "comment", "lang",
//       "channel", "plan_state", "created_at", "moderation"}], "truncated"}: reactions with a
//       comment, oldest first, at most kMaxQueue. plan: about the plan or given while it was
//       switched on; phase: the timeline's phase then; wijk: tied to or pinned in the wijk;
//       from/to: the day it was given (created_at, UTC), both days included. 400 names the
//       first bad or unknown parameter.
// Every answer here carries Cache-Control: no-store.
#include "server/http_server.hpp"
#include "server/participant_page.hpp"
#include "server/reaction_store.hpp"
#include "server/staff_auth.hpp"

#include <map>
#include <string>
#include <vector>

namespace almere::server {

constexpr int kMaxQueue = 500;

// What the staff page may filter by, from the content pack.
struct StaffChoices {
    std::vector<std::string> plans;  // feedback/form.json
    std::vector<std::string> phases; // <assets>/plans.json; empty: any a-z0-9_ id is accepted
    std::vector<WijkPlace> wijken;   // empty: any WK + 6 digits is accepted
    // Dutch names for the page: "plan:pampus", "ambition:..", "phase:2050" (ResultsContent's).
    std::map<std::string, std::string> names;
};

// The phase ids of the plans (<assets>/plans.json, baked, or <assets>/plans/plans.json, the
// sources); empty when neither can be read.
std::vector<std::string> loadPhaseIds(const std::string& assets);

class StaffRoutes {
  public:
    // All must outlive it.
    StaffRoutes(StaffAuth& auth, ReactionStore& store, StaffChoices choices,
                const std::string& adminToken);

    static bool handles(const std::string& path) { return path.rfind("/api/staff/", 0) == 0; }
    Admission admit(const HttpRequest& head, HttpResponse& refusal) const;

    StaffAuth& auth() const { return auth_; }
    // GET /api/admin/queue, once admitted.
    void answerQueue(const HttpRequest& req, HttpResponse& res) const;

  private:
    StaffAuth& auth_;
    ReactionStore& store_;
    StaffChoices choices_;
    const std::string& adminToken_;
};

// The Content-Security-Policy frame-ancestors for a page of the site: the staff page may be
// framed by no one (its one-key actions would work inside a disguised frame), the rest by
// `sitePolicy` (almere-server --frame-ancestors).
std::string framePolicyFor(const std::string& path, const std::string& sitePolicy);

// Staff answers hold residents' words and session secrets: never kept by a cache.
HttpHandler withNoStore(HttpHandler handler);

} // namespace almere::server
