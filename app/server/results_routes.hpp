#pragma once
// The staff's results (issue 11), answered behind the admin check of server/api.cpp:
//   GET /staff/resultaten[?kaart=aantal|gemiddelde]   the results page (server/staff_pages)
//   GET /staff/rapport                                the printable report
//   GET /api/admin/results.json                       every table (server/staff_results)
//   GET /api/admin/results/<table>.csv                one table; 404 for an unknown name
// Each answer counts afresh from the store's rows (the same rows as /api/admin/export.json),
// is never cached (residents' numbers stay off shared disks), and the pages run no script
// (Content-Security-Policy: nothing but their own inline style).
#include "server/http_message.hpp"
#include "server/reaction_store.hpp"
#include "server/staff_results.hpp"

#include <string>

namespace almere::server {

bool isStaffResultsPath(const std::string& path);

void serveStaffResults(const HttpRequest& req, HttpResponse& res, ReactionStore& store,
                       const ResultsContent& content);

// The content of the results from the content pack at `assets`: the form's ids (`rules`), the
// Dutch words (lang/nl.json), the wijk map (city/) and, when there is one,
// feedback/population.json. A missing map is a warning in `warning`; a broken population table
// is an error (false): its numbers would be shown as fact.
bool loadResultsContent(const std::string& assets, const ReactionRules& rules,
                        ResultsContent& content, std::string& warning, std::string& error);

} // namespace almere::server
