#include "core/label_layout.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace almere;

namespace {

const glm::vec2 kViewport(1280, 800);

LabelCandidate label(int id, glm::vec2 anchor, int priority, glm::vec2 size = {80, 20}) {
    return {anchor, size, priority, id};
}

} // namespace

TEST_CASE("labels overlapping pair keeps the higher priority", "[labels]") {
    const auto ids = layoutLabels({label(1, {200, 200}, 1), label(2, {230, 205}, 5)}, kViewport);
    CHECK(ids == std::vector<int>{2});
}

TEST_CASE("labels same priority: lower id wins", "[labels]") {
    const auto ids = layoutLabels({label(9, {200, 200}, 3), label(4, {230, 205}, 3)}, kViewport);
    CHECK(ids == std::vector<int>{4});
}

TEST_CASE("labels padding separates near neighbours", "[labels]") {
    // 2 px apart: fine without padding, too close with the default 4 px.
    const std::vector<LabelCandidate> pair = {label(1, {200, 200}, 1), label(2, {282, 200}, 1)};
    CHECK(layoutLabels(pair, kViewport, 0).size() == 2);
    CHECK(layoutLabels(pair, kViewport).size() == 1);
}

TEST_CASE("labels off screen or partly outside are dropped", "[labels]") {
    const auto ids =
        layoutLabels({label(1, {-100, 200}, 9), label(2, {30, 200}, 9), label(3, {640, 795}, 9),
                      label(4, {640, 400}, 0), label(5, {640, 5000}, 9)},
                     kViewport);
    CHECK(ids == std::vector<int>{4});
}

TEST_CASE("labels result is ordered by priority then id", "[labels]") {
    const auto ids = layoutLabels({label(5, {100, 100}, 1), label(3, {400, 100}, 7),
                                   label(1, {700, 100}, 1), label(2, {1000, 100}, 7)},
                                  kViewport);
    CHECK(ids == std::vector<int>{2, 3, 1, 5});
}

TEST_CASE("labels random set has no overlaps and is deterministic", "[labels]") {
    std::mt19937 rng(1234);
    std::uniform_real_distribution<float> x(0, 1280), y(0, 800), w(20, 200), h(10, 30);
    std::uniform_int_distribution<int> prio(0, 5);
    std::vector<LabelCandidate> cands;
    for (int i = 0; i < 100; ++i) {
        // One draw per statement: argument evaluation order differs between compilers.
        const glm::vec2 anchor(x(rng), 0.0f);
        const float ay = y(rng), sw = w(rng), sh = h(rng);
        cands.push_back(label(i, {anchor.x, ay}, prio(rng), {sw, sh}));
    }

    const float padding = 4;
    const auto ids = layoutLabels(cands, kViewport, padding);
    REQUIRE(ids.size() > 5);
    REQUIRE(ids.size() < 100);
    for (size_t i = 0; i < ids.size(); ++i) {
        const LabelCandidate& a = cands[size_t(ids[i])];
        CHECK(a.anchor.x - a.size.x / 2 >= 0);
        CHECK(a.anchor.y - a.size.y / 2 >= 0);
        CHECK(a.anchor.x + a.size.x / 2 <= kViewport.x);
        CHECK(a.anchor.y + a.size.y / 2 <= kViewport.y);
        for (size_t j = i + 1; j < ids.size(); ++j) {
            const LabelCandidate& b = cands[size_t(ids[j])];
            const glm::vec2 gap = glm::abs(a.anchor - b.anchor) - (a.size + b.size) * 0.5f;
            CHECK(std::max(gap.x, gap.y) >= padding - 1e-3f);
        }
    }

    CHECK(layoutLabels(cands, kViewport, padding) == ids);
    std::reverse(cands.begin(), cands.end());
    CHECK(layoutLabels(cands, kViewport, padding) == ids);
    std::shuffle(cands.begin(), cands.end(), rng);
    CHECK(layoutLabels(cands, kViewport, padding) == ids);
}
