// Text contrast (issue 10): WCAG 2.x's ratio in core, checked against known values, and every
// colour pair of both interface themes (ui/theme) held to AA.
#include "core/contrast.hpp"
#include "ui/theme.hpp"

#include <catch2/catch.hpp>

using namespace almere;

TEST_CASE("contrast: WCAG 2.x relative luminance and ratio, known values", "[contrast]") {
    const glm::u8vec3 white{255, 255, 255}, black{0, 0, 0};
    CHECK(relativeLuminance(white) == Approx(1.0));
    CHECK(relativeLuminance(black) == Approx(0.0));
    CHECK(contrastRatio(black, white) == Approx(21.0));
    CHECK(contrastRatio(white, white) == Approx(1.0));
    // #777 on white is the classic "just too light" grey: 4.48, under AA's 4.5.
    CHECK(contrastRatio({0x77, 0x77, 0x77}, white) == Approx(4.48).margin(0.005));
    CHECK(contrastRatio({0x76, 0x76, 0x76}, white) == Approx(4.54).margin(0.005));
    // Order does not matter; pure red and blue on white as WebAIM's checker gives them.
    CHECK(contrastRatio(white, {0x77, 0x77, 0x77}) == contrastRatio({0x77, 0x77, 0x77}, white));
    CHECK(contrastRatio({255, 0, 0}, white) == Approx(4.0).margin(0.005));
    CHECK(contrastRatio({0, 0, 255}, white) == Approx(8.59).margin(0.005));
    // Yellow on black, the high-contrast halo: 19.56.
    CHECK(contrastRatio({255, 255, 0}, black) == Approx(19.56).margin(0.005));
}

TEST_CASE("theme: every text pair >= 4.5:1, large text and non-text >= 3:1, both themes",
          "[contrast]") {
    for (bool highContrast : {false, true}) {
        const ui::Theme& theme = ui::themeFor(highContrast);
        const auto pairs = ui::colourPairs(theme);
        CHECK(pairs.size() >= 13);
        for (const ui::ColourPair& p : pairs) {
            const double ratio = contrastRatio(p.foreground, p.background);
            INFO((highContrast ? "high contrast: " : "ordinary: ") << p.what << " " << ratio);
            CHECK(ratio >= (p.largeOrNonText ? kMinLargeContrast : kMinTextContrast));
        }
    }
}

TEST_CASE("theme: the high-contrast theme is stronger than the ordinary one", "[contrast]") {
    const auto ordinary = ui::colourPairs(ui::ordinaryTheme());
    const auto strong = ui::colourPairs(ui::highContrastTheme());
    REQUIRE(ordinary.size() == strong.size());
    for (size_t i = 0; i < strong.size(); ++i) {
        INFO(strong[i].what);
        CHECK(contrastRatio(strong[i].foreground, strong[i].background) >= 7.0);
        CHECK(contrastRatio(strong[i].foreground, strong[i].background) >=
              contrastRatio(ordinary[i].foreground, ordinary[i].background) - 0.01);
    }
    CHECK(ui::highContrastTheme().borderSize >= 2.0f);
    CHECK(ui::highContrastTheme().panelAlpha == 1.0f);
}

TEST_CASE("theme: a plan colour as a switch's fill is darkened until white text reads",
          "[contrast]") {
    const glm::u8vec3 white{255, 255, 255}, orange{230, 120, 60}, navy{0, 0, 110};
    REQUIRE(contrastRatio(orange, white) < kMinTextContrast);
    const glm::u8vec3 fill = ui::readableFill(orange, white);
    CHECK(contrastRatio(fill, white) >= kMinTextContrast);
    CHECK(fill.r > fill.b); // still orange, only darker
    CHECK(ui::readableFill(navy, white) == navy);
}
