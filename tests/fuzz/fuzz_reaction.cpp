// libFuzzer target for what the feedback server reads from the network: the reaction body
// (parseReaction), the moderation body, the Content-Type and Authorization headers and the
// comments query, and the CSV cell writer that turns stored text into spreadsheet cells.
// Every input goes to all of them. Besides "no crash, no sanitizer report" it checks:
//  - an accepted reaction survives toJson -> parseReaction unchanged;
//  - a CSV cell is always quoted and never starts with a formula character.
// Built and run by tests/fuzz/run.sh.
#include "core/city_source.hpp"
#include "core/csv_cell.hpp"
#include "core/reaction.hpp"
#include "server/exports.hpp"
#include "server/request_checks.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace {

almere::ReactionRules rules;

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_reaction: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const std::string path = std::string(ALMERE_SOURCE_DIR) + "/assets/feedback/form.json";
    std::ifstream in(path, std::ios::binary);
    almere::SourceFile form{path, std::string(std::istreambuf_iterator<char>(in), {})};
    auto parsed = almere::parseReactionRules(form);
    require(bool(parsed), "cannot load assets/feedback/form.json");
    rules = parsed.take();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    auto reaction = almere::parseReaction(input, rules);
    if (reaction) {
        const std::string json = almere::toJson(reaction.value());
        auto again = almere::parseReaction(json, rules);
        require(bool(again), "toJson of an accepted reaction is refused");
        require(almere::toJson(again.value()) == json, "a reaction changes in a round trip");
    } else {
        require(!reaction.error().empty(), "a refusal without a reason");
    }

    (void)almere::server::isJsonContentType(input);
    (void)almere::server::bearerToken(input);
    (void)almere::server::parseModerationRequest(input);
    const size_t amp = input.find('&');
    (void)almere::server::isSubjectQuery(input.substr(0, amp),
                                         amp == input.npos ? "" : input.substr(amp + 1));
    (void)almere::server::phaseOf(input);

    const std::string cell = almere::csvCell(input);
    require(cell.size() >= 2 && cell.front() == '"' && cell.back() == '"', "unquoted CSV cell");
    require(std::string_view("=+-@\t\r").find(cell[1]) == std::string_view::npos,
            "a CSV cell starts with a formula character");
    return 0;
}
