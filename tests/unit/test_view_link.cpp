// Links that open a view (issue 10, core/view_link): the session view plus language and
// reading help, in a URL fragment that anybody can write.
#include "core/view_link.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

std::string roundTrip(const std::string& text) {
    ViewLink link;
    if (!decodeViewLink(text, link)) return "refused";
    return encodeViewLink(link);
}

} // namespace

TEST_CASE("view link: view, language and reading help round-trip", "[viewlink]") {
    const std::string text = "plans=pampus,hart;phase=2050;themes=groen;camera=-4200,600,9000,"
                             "12.5,55;wijk=WK003496;lang=en;read=large,contrast";
    CHECK(roundTrip(text) == text);
    ViewLink link;
    REQUIRE(decodeViewLink(text, link));
    CHECK(link.view.planState == "plans=pampus,hart;phase=2050;themes=groen");
    REQUIRE(link.view.camera);
    CHECK(link.view.camera->distance == Approx(9000));
    CHECK(link.view.wijk == "WK003496");
    CHECK(link.language == "en");
    CHECK(link.reading.largeText);
    CHECK(link.reading.highContrast);
    // Parts in another order decode to the same view, written in the one order.
    CHECK(roundTrip("read=contrast;lang=pl;wijk=WK003496") ==
          "wijk=WK003496;lang=pl;read=contrast");
    CHECK(roundTrip("read=large") == "read=large");
    CHECK(roundTrip("") == "");
}

TEST_CASE("view link: hostile text is refused", "[viewlink]") {
    for (const char* bad : {"lang=EN", "lang=e", "lang=engl", "lang=en;lang=nl", "lang=", "lang=e<",
                            "read=", "read=huge", "read=large,large", "read=large;read=contrast",
                            "read=large,", "camera=1,2,3", "wijk=WK999999", "plans=pampus;<script>",
                            "lang=en;;read=large", "javascript:alert(1)"}) {
        INFO(bad);
        CHECK(roundTrip(bad) == "refused");
    }
    CHECK(roundTrip(std::string(kMaxViewLinkChars + 1, 'a')) == "refused");
}

TEST_CASE("view link: from a URL fragment, and into a URL", "[viewlink]") {
    ViewLink link;
    REQUIRE(viewLinkFromFragment("#v=plans=hart;phase=2050;lang=en", link));
    CHECK(link.view.planState == "plans=hart;phase=2050");
    CHECK(link.language == "en");
    // Percent-escapes, as a mail program may write them.
    REQUIRE(viewLinkFromFragment("v=plans%3Dhart%3Bphase%3D2050%3Bread%3Dlarge", link));
    CHECK(link.reading.largeText);
    ViewLink untouched = link;
    for (const char* bad : {"", "#", "#x=plans=hart", "#v=plans=hart%3", "#v=plans=hart%zz",
                            "#v=lang=EN", "#v=plans%3Dhart%00"}) {
        INFO(bad);
        CHECK_FALSE(viewLinkFromFragment(bad, link));
    }
    CHECK(encodeViewLink(link) == encodeViewLink(untouched));
    CHECK(viewLinkUrl("https://almere.example/kaart/#v=old", link) ==
          "https://almere.example/kaart/#v=plans=hart;phase=2050;read=large");
    CHECK(viewLinkUrl("https://almere.example/", ViewLink{}) == "https://almere.example/#v=");
}
