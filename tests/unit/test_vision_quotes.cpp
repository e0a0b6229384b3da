// Quotes from the vision are the vision's own words. Residents read the texts between “ and ” as
// what the municipality wrote, so a Dutch quote must stand in the Ontwerp Omgevingsvisie (our copy
// in assets/sources) character for character. Only line breaks may differ (the text is a PDF
// extraction), and a cut must be marked "(…)" or "…". Quotes in other languages are translations,
// marked with the file's quote_translated ("(translated)" in en.json), and are not checked
// against the Dutch document.
#include "city_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace almere::test;

namespace {

const char* const kVision = "assets/sources/ontwerp-omgevingsvisie-almere-2050.txt";
const char* const kOpen = "\xE2\x80\x9C";  // “
const char* const kClose = "\xE2\x80\x9D"; // ”

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

// The extraction breaks lines mid-sentence and leaves trailing spaces: every run of whitespace
// becomes one space, and none is kept at either end.
std::string normaliseSpace(const std::string& text) {
    std::string out;
    bool gap = false;
    for (char c : text) {
        if (isSpace(c)) {
            gap = !out.empty();
            continue;
        }
        if (gap) out += ' ';
        out += c;
        gap = false;
    }
    return out;
}

// Splits at every cut mark ("(…)" first, so that its brackets go with it, then "…"); the pieces
// are normalised and empty ones (a cut at the start or end) dropped.
std::vector<std::string> fragments(const std::string& quote) {
    const std::string marks[] = {"(\xE2\x80\xA6)", "\xE2\x80\xA6"};
    std::vector<std::string> pieces{quote};
    for (const std::string& mark : marks) {
        std::vector<std::string> split;
        for (const std::string& piece : pieces) {
            size_t from = 0;
            for (size_t at; (at = piece.find(mark, from)) != std::string::npos;
                 from = at + mark.size())
                split.push_back(piece.substr(from, at - from));
            split.push_back(piece.substr(from));
        }
        pieces = std::move(split);
    }
    std::vector<std::string> out;
    for (const std::string& piece : pieces) {
        std::string n = normaliseSpace(piece);
        if (!n.empty()) out.push_back(std::move(n));
    }
    return out;
}

// True when every fragment of the quote occurs in the (normalised) vision, in the quote's order.
bool quotedIn(const std::string& quote, const std::string& vision) {
    const std::vector<std::string> parts = fragments(quote);
    if (parts.empty()) return false;
    size_t from = 0;
    for (const std::string& part : parts) {
        const size_t at = vision.find(part, from);
        if (at == std::string::npos) return false;
        from = at + part.size();
    }
    return true;
}

struct Quote {
    std::string text;
    bool translated; // followed by " (translated)"
};

// The texts between “ and ” in one interface text.
// `translated`: the language file's quote_translated mark, e.g. "(translated)".
std::vector<Quote> quotesIn(const std::string& text, const std::string& translated = "") {
    const std::string mark = " " + translated;
    std::vector<Quote> out;
    const std::string open(kOpen), close(kClose);
    for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
        const size_t start = at + open.size();
        const size_t end = text.find(close, start);
        if (end == std::string::npos) {
            out.push_back({text.substr(start), false}); // unclosed: still checked, and fails
            break;
        }
        const size_t after = end + close.size();
        out.push_back({text.substr(start, end - start),
                       !translated.empty() && text.compare(after, mark.size(), mark) == 0});
        at = after;
    }
    return out;
}

const std::string& vision() {
    static const std::string text = normaliseSpace(readSourceFile(kVision));
    return text;
}

nlohmann::json strings(const char* language) {
    const std::string text = readSourceFile(std::string("assets/lang/") + language + ".json");
    REQUIRE(!text.empty());
    return nlohmann::json::parse(text).at("strings");
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A real quote (plan.oosterwold.quote) and a real cut one (plan.pampus.quote), for the matcher.
const std::string kOosterwold =
    "Aan de oostkant van de stad, in Oosterwold, ligt de nadruk op het ontwikkelen van een "
    "woonmilieu met een meer landelijk karakter met lagere dichtheden.";
const std::string kPampus = "In het Stadscentrum en in Pampus ligt de nadruk op het cre\xC3\xAB"
                            "ren van een meer stedelijk woonmilieu (\xE2\x80\xA6)";

} // namespace

TEST_CASE("the quote matcher accepts the vision's words, line breaks aside", "[quotes]") {
    REQUIRE(vision().size() > 100000); // our copy of the vision is there, not an empty file
    CHECK(quotedIn(kOosterwold, vision()));
    CHECK(quotedIn(kPampus, vision()));
    // The seed breaks this sentence after "woonmilieu"; a quote may break it anywhere else.
    CHECK(quotedIn("Aan de oostkant van de stad,\nin Oosterwold,   ligt de nadruk", vision()));
    // Cuts: two pieces of l.1708-1710, in order, with the words between left out.
    CHECK(quotedIn("In het Stadscentrum (\xE2\x80\xA6) stedelijke voorzieningen, werkgelegenheid "
                   "en mobiliteit.",
                   vision()));
    CHECK(quotedIn("\xE2\x80\xA6 ligt de nadruk op het ontwikkelen van een woonmilieu", vision()));
}

TEST_CASE("the quote matcher rejects a one-character change of a real quote", "[quotes]") {
    REQUIRE(quotedIn(kOosterwold, vision()));
    // Every letter in turn replaced by another: each change must be caught.
    int letters = 0;
    for (size_t i = 0; i < kOosterwold.size(); ++i) {
        const char c = kOosterwold[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) continue;
        std::string changed = kOosterwold;
        changed[i] = c == 'x' ? 'y' : 'x';
        INFO(changed);
        CHECK_FALSE(quotedIn(changed, vision()));
        ++letters;
    }
    CHECK(letters > 100);
    // Punctuation and typographic quotes count too: ’ for ' is not the vision's text.
    CHECK_FALSE(quotedIn("De plannen voor het 'Hart van de Stad' zijn een voorbeeld", vision()));
    CHECK(
        quotedIn("De plannen voor het \xE2\x80\x98Hart van de Stad\xE2\x80\x99 zijn een voorbeeld",
                 vision()));
    CHECK_FALSE(quotedIn("Aan de oostkant van de stad in Oosterwold", vision())); // comma lost
}

TEST_CASE("the quote matcher rejects unmarked cuts and pieces out of order", "[quotes]") {
    // The words "het ontwikkelen van" left out without a mark (the old English slip, in Dutch).
    CHECK_FALSE(quotedIn("in Oosterwold, ligt de nadruk op een woonmilieu met een meer landelijk",
                         vision()));
    CHECK_FALSE(
        quotedIn("met lagere dichtheden. (\xE2\x80\xA6) Aan de oostkant van de stad", vision()));
    CHECK_FALSE(quotedIn("(\xE2\x80\xA6)", vision())); // a quote of nothing quotes nothing
}

TEST_CASE("quotes are found between curly double quotes, translations marked", "[quotes]") {
    const auto q = quotesIn("\xE2\x80\x9C"
                            "a\xE2\x80\x9D (translated) and \xE2\x80\x9C"
                            "b\xE2\x80\x9D (Bron)",
                            "(translated)");
    REQUIRE(q.size() == 2);
    CHECK(q[0].text == "a");
    CHECK(q[0].translated);
    CHECK(q[1].text == "b");
    CHECK_FALSE(q[1].translated);
}

TEST_CASE("every Dutch quote in the interface texts is in the vision", "[quotes][content]") {
    int checked = 0;
    const nlohmann::json texts = strings("nl"); // kept alive for items()
    for (const auto& [key, value] : texts.items()) {
        const std::string text = value.get<std::string>();
        const std::vector<Quote> quotes = quotesIn(text);
        INFO("assets/lang/nl.json: " << key << ": " << text);
        // A text meant as a quote must be marked as one, or nothing below would look at it.
        if (endsWith(key, ".quote") || key == "disclaimer") CHECK_FALSE(quotes.empty());
        for (const Quote& q : quotes) {
            CHECK(quotedIn(q.text, vision()));
            ++checked;
        }
    }
    CHECK(checked >= 4); // the three plan cards and the disclaimer
}

TEST_CASE("quotes in other languages are the vision's Dutch or marked as translated",
          "[quotes][content]") {
    int translated = 0;
    const nlohmann::json form = nlohmann::json::parse(readSourceFile("assets/feedback/form.json"));
    for (const std::string code : form.at("languages")) {
        if (code == "nl") continue;
        const nlohmann::json file =
            nlohmann::json::parse(readSourceFile("assets/lang/" + code + ".json"));
        // Each language says "translated" its own way (en "(translated)", pl, ar ...).
        const std::string mark = file.value("quote_translated", "");
        INFO("assets/lang/" << code << ".json: quote_translated: " << mark);
        CHECK_FALSE(mark.empty());
        for (const auto& [key, value] : file.at("strings").items()) {
            const std::string text = value.get<std::string>();
            INFO("assets/lang/" << code << ".json: " << key << ": " << text);
            for (const Quote& q : quotesIn(text, mark)) {
                translated += q.translated;
                if (!q.translated) CHECK(quotedIn(q.text, vision()));
            }
            // The plan cards' quotes are translations, marked as such.
            if (endsWith(key, ".quote")) CHECK(quotesIn(text, mark).at(0).translated);
        }
    }
    CHECK(translated >= 9); // three plan quotes in en, pl and ar
}
