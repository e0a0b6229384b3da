#include "viewer/visitor_script.hpp"

#include "platform/process_stats.hpp"
#include "viewer/app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

namespace almere {
namespace {

struct Step {
    std::string command, argument;
    int line = 0;
};

const char* const kSteps[] = {"closed",  "subject",    "pin",     "where", "rating",
                              "comment", "background", "consent", "thanks"};
const char* const kCommands[] = {"tap",
                                 "tap-at",
                                 "tap-seen",
                                 "press-at",
                                 "type",
                                 "wait",
                                 "wait-attract",
                                 "expect-step",
                                 "expect-comment",
                                 "expect-attract",
                                 "expect-selected",
                                 "screenshot"};

bool readScript(const std::string& path, std::vector<Step>& steps, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = path + ": cannot read the script";
        return false;
    }
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        if (!text.empty() && text.back() == '\r') text.pop_back();
        const size_t start = text.find_first_not_of(" \t");
        if (start == std::string::npos || text[start] == '#') continue;
        const size_t space = text.find(' ', start);
        Step step;
        step.line = line;
        step.command = text.substr(start, space == std::string::npos ? space : space - start);
        step.argument = space == std::string::npos ? "" : text.substr(space + 1);
        if (std::find(std::begin(kCommands), std::end(kCommands), step.command) ==
            std::end(kCommands)) {
            error = path + ":" + std::to_string(line) + ": unknown command '" + step.command + "'";
            return false;
        }
        steps.push_back(step);
    }
    if (steps.empty()) error = path + ": the script has no steps";
    return !steps.empty();
}

double median(std::vector<double> v, double p = 0.5) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

void pushButton(SDL_Window* window, Uint32 type, int x, int y) {
    SDL_Event e{};
    e.type = type;
    e.button.timestamp = SDL_GetTicks();
    e.button.windowID = window ? SDL_GetWindowID(window) : 0;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
}

// Each UTF-8 character as a text input event, as a keyboard sends them.
void pushText(SDL_Window* window, const std::string& text) {
    for (size_t i = 0; i < text.size();) {
        size_t n = 1;
        while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80)
            ++n;
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        e.text.timestamp = SDL_GetTicks();
        e.text.windowID = window ? SDL_GetWindowID(window) : 0;
        text.copy(e.text.text, std::min(n, sizeof e.text.text - 1), i);
        SDL_PushEvent(&e);
        i += n;
    }
}

class Runner {
  public:
    Runner(App& app, const VisitorScriptOptions& options, std::vector<Step> steps)
        : app_(app), options_(options), steps_(std::move(steps)) {}

    int run() {
        begin_ = clock();
        launch_ = platform::processStats();
        while (true) {
            const double now = clock();
            if (!beforeFrame(now)) break;
            const uint64_t drawn = app_.frameCount();
            const double start = clock();
            if (!app_.frame()) break;
            if (app_.frameCount() == drawn) continue;
            frames_.push_back({start - begin_, (clock() - start) * 1e3});
            for (const auto& t : app_.targets())
                seen_[t.first] = t.second;
        }
        if (options_.soak && failed_.empty()) report();
        if (!failed_.empty()) {
            std::fprintf(stderr, "almere2050: %s\n", failed_.c_str());
            return 1;
        }
        return app_.exitCode();
    }

  private:
    static double clock() {
        using namespace std::chrono;
        return duration<double>(steady_clock::now().time_since_epoch()).count();
    }

    bool fail(const Step& step, const std::string& why) {
        failed_ =
            options_.path + ":" + std::to_string(step.line) + ": " + step.command + ": " + why;
        return false;
    }

    void next() {
        ++index_;
        stepStart_ = -1;
    }

    // Before each frame: the script's next events. False: stop the loop.
    bool beforeFrame(double now) {
        SDL_Window* window = SDL_GL_GetCurrentWindow();
        // A tap's release comes a frame after its press (a long press's once it has been held),
        // and the next step waits until the screen has been drawn with its effect (or a second
        // has passed).
        if (app_.frameCount() < settleFrame_ && now < settleUntil_) return true;
        // Panels take their size in their second frame (Dear ImGui's auto-resize).
        if (app_.frameCount() < 3) return true;
        if (upPending_) {
            if (now < releaseAt_) return true;
            if (releaseAt_ > 0) {
                // Held long enough: the kiosk's next frame still sees the press (a slow frame
                // must not let go before the kiosk has counted the whole hold), then it lets go.
                releaseAt_ = 0;
                settle(now, 1);
                return true;
            }
            pushButton(window, SDL_MOUSEBUTTONUP, tapAt_.x, tapAt_.y);
            upPending_ = false;
            settle(now, 2);
            return true;
        }
        while (index_ < steps_.size()) {
            const Step& step = steps_[index_];
            if (stepStart_ < 0) stepStart_ = now;
            const double waited = now - stepStart_;
            const std::string& c = step.command;
            if (c == "tap" || c == "tap-at" || c == "tap-seen" || c == "press-at") {
                glm::ivec2 at;
                double hold = 0;
                if (c == "tap" || c == "tap-seen") {
                    auto rect = app_.targetRect(step.argument);
                    if (c == "tap-seen" && seen_.count(step.argument)) rect = seen_[step.argument];
                    if (!rect) {
                        if (waited > 15) return fail(step, "no control '" + step.argument + "'");
                        return true; // perhaps in the next frame
                    }
                    // A panel that just opened moves in its first frames (auto-resize,
                    // centring): tap once it has stood still for a frame.
                    if (c == "tap" && (!steadyRect_ || *steadyRect_ != *rect ||
                                       steadyFrame_ == app_.frameCount())) {
                        if (!steadyRect_ || *steadyRect_ != *rect) steadyFrame_ = app_.frameCount();
                        steadyRect_ = rect;
                        return true;
                    }
                    steadyRect_.reset();
                    at = glm::ivec2(int(rect->x + rect->z * 0.5f), int(rect->y + rect->w * 0.5f));
                } else {
                    double fx = 0.5, fy = 0.5;
                    int w = 0, h = 0;
                    const int given =
                        std::sscanf(step.argument.c_str(), "%lf %lf %lf", &fx, &fy, &hold);
                    if (c == "press-at" && given < 3) return fail(step, "expected FX FY SECONDS");
                    if (c == "tap-at") hold = 0;
                    if (window) SDL_GetWindowSize(window, &w, &h);
                    at = glm::ivec2(int(fx * w), int(fy * h));
                }
                // The pointer moves there first (SDL's mouse state, which Dear ImGui reads).
                if (window) SDL_WarpMouseInWindow(window, at.x, at.y);
                pushButton(window, SDL_MOUSEBUTTONDOWN, at.x, at.y);
                tapAt_ = at;
                upPending_ = true;
                releaseAt_ = hold > 0 ? now + hold : 0;
                settle(now, 1);
                next();
                return true;
            }
            if (c == "type") {
                pushText(window, step.argument);
                settle(now, 1);
                next();
                return true;
            }
            if (c == "wait") {
                if (waited < std::atof(step.argument.c_str())) return true;
            } else if (c == "wait-attract") {
                if (!app_.attractShowing()) {
                    if (waited > 120) return fail(step, "no attract screen after two minutes");
                    return true;
                }
            } else if (c == "expect-step") {
                const int shown = app_.feedbackStep();
                const std::string name =
                    shown >= 0 && shown < int(std::size(kSteps)) ? kSteps[shown] : "?";
                if (name != step.argument) return fail(step, "the step is " + name);
            } else if (c == "expect-comment") {
                if (app_.feedbackComment() != step.argument)
                    return fail(step, "the comment is '" + app_.feedbackComment() + "'");
            } else if (c == "expect-attract") {
                if (app_.attractShowing() != (step.argument == "1"))
                    return fail(step, app_.attractShowing() ? "the attract screen shows"
                                                            : "no attract screen");
            } else if (c == "expect-selected") {
                const std::string code = app_.selectedCode();
                const bool ok = step.argument == "any" ? !code.empty() : code == step.argument;
                if (!ok) return fail(step, "the wijk chosen is '" + code + "'");
            } else if (c == "screenshot") {
                app_.screenshotAfterNextFrame();
                screenshot_ = true;
                next();
                return true;
            }
            next();
        }
        // The end of the script: a soak starts the next visit while time is left.
        if (!options_.soak) return screenshot_; // a screenshot quits after its frame
        visitDone(now);
        if (now - begin_ >= options_.minutes * 60.0) return false;
        index_ = 0;
        return true;
    }

    void settle(double now, int frames) {
        settleFrame_ = app_.frameCount() + uint64_t(frames);
        settleUntil_ = now + 1.0;
    }

    void visitDone(double now) {
        ++visits_;
        const platform::ProcessStats s = platform::processStats();
        if (visits_ == 1) first_ = s;
        // Memory settles over the first visits (every screen and plan drawn once, the GL
        // driver's pools at their high-water mark): growth counts from the warm-up's end.
        if (visits_ == 1 || now - begin_ <= window()) warm_ = s;
        last_ = s;
        peakKiB_ = std::max(peakKiB_, s.residentKiB);
        std::printf("{\"visit\": %d, \"minutes\": %.2f, \"rss_kib\": %lld, \"open_files\": %d, "
                    "\"outbox_pending\": %zu, \"frames\": %zu}\n",
                    visits_, (now - begin_) / 60.0, static_cast<long long>(s.residentKiB),
                    s.openFiles, app_.feedbackPending(), frames_.size());
        std::fflush(stdout);
    }

    // The first and the last 5 minutes, or a third of a shorter run.
    double window() const { return std::min(300.0, options_.minutes * 60.0 / 3.0); }

    // Frame times of the first and the last window, memory and handles from start to end.
    void report() {
        const double total = clock() - begin_;
        const double window = this->window();
        std::vector<double> first, last;
        for (const auto& f : frames_) {
            if (f.first <= window) first.push_back(f.second);
            if (f.first >= total - window) last.push_back(f.second);
        }
        std::printf(
            "{\"soak\": {\"minutes\": %.2f, \"visits\": %d, \"rss_launch_kib\": %lld, "
            "\"rss_after_first_visit_kib\": %lld, \"rss_after_warmup_kib\": %lld, "
            "\"rss_end_kib\": %lld, \"rss_peak_kib\": %lld, \"rss_growth_after_warmup_kib\": %lld, "
            "\"open_files_after_first_visit\": %d, "
            "\"open_files_end\": %d, \"window_minutes\": %.2f, \"frames_first\": %zu, "
            "\"frame_ms_first_median\": %.2f, \"frame_ms_first_p95\": %.2f, "
            "\"frames_last\": %zu, \"frame_ms_last_median\": %.2f, \"frame_ms_last_p95\": %.2f, "
            "\"outbox_pending\": %zu}}\n",
            total / 60.0, visits_, static_cast<long long>(launch_.residentKiB),
            static_cast<long long>(first_.residentKiB), static_cast<long long>(warm_.residentKiB),
            static_cast<long long>(last_.residentKiB), static_cast<long long>(peakKiB_),
            static_cast<long long>(last_.residentKiB - warm_.residentKiB), first_.openFiles,
            last_.openFiles, window / 60.0, first.size(), median(first), median(first, 0.95),
            last.size(), median(last), median(last, 0.95), app_.feedbackPending());
        std::fflush(stdout);
    }

    App& app_;
    VisitorScriptOptions options_;
    std::vector<Step> steps_;
    size_t index_ = 0;
    double stepStart_ = -1;
    bool upPending_ = false;
    double releaseAt_ = 0; // a long press lets go after this time (0: a tap)
    bool screenshot_ = false;
    glm::ivec2 tapAt_{0};
    uint64_t settleFrame_ = 0;
    double settleUntil_ = 0;
    std::string failed_;
    double begin_ = 0;
    int visits_ = 0;
    platform::ProcessStats launch_, first_, warm_, last_;
    int64_t peakKiB_ = 0;
    std::vector<std::pair<double, double>> frames_; // (seconds since start, frame ms)
    std::map<std::string, glm::vec4> seen_;         // where each control was last drawn
    std::optional<glm::vec4> steadyRect_;           // the control to tap, as drawn in steadyFrame_
    uint64_t steadyFrame_ = 0;
};

} // namespace

int runVisitorScript(App& app, const VisitorScriptOptions& options) {
    std::vector<Step> steps;
    std::string error;
    if (!readScript(options.path, steps, error)) {
        std::fprintf(stderr, "almere2050: %s\n", error.c_str());
        return 1;
    }
    return Runner(app, options, std::move(steps)).run();
}

} // namespace almere
