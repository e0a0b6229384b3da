// The kiosk's staff panel: see kiosk_staff.hpp.
#include "viewer/kiosk_staff.hpp"

#include "core/clock_check.hpp"
#include "core/staff_access.hpp"
#include "platform/outbox.hpp"
#include "platform/outbox_export.hpp"
#include "ui/staff_panel.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace almere {
namespace {

using platform::Outbox;

constexpr size_t kRefusedShown = 3;   // the latest few refusals, with the server's reason
constexpr double kRefreshSeconds = 1; // how often the open status screen reads the outbox

int64_t systemNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// "14:32" in the kiosk's own time zone; with the date when it is not today.
std::string clockText(int64_t ms, int64_t nowMs) {
    const std::time_t t = std::time_t(ms / 1000), now = std::time_t(nowMs / 1000);
    std::tm when{}, today{};
    localtime_r(&t, &when);
    localtime_r(&now, &today);
    char text[32];
    const bool sameDay = when.tm_year == today.tm_year && when.tm_yday == today.tm_yday;
    std::strftime(text, sizeof text, sameDay ? "%H:%M" : "%d-%m-%Y %H:%M", &when);
    return text;
}

std::string agoText(int64_t ms, int64_t nowMs) {
    const int64_t minutes = (nowMs - ms) / 60000;
    if (minutes < 1) return "zojuist";
    if (minutes == 1) return "1 minuut geleden";
    if (minutes < 120) return std::to_string(minutes) + " minuten geleden";
    return std::to_string(minutes / 60) + " uur geleden";
}

std::string durationText(int64_t seconds) {
    seconds = std::llabs(seconds);
    if (seconds >= 2 * 86400) return std::to_string(seconds / 86400) + " dagen";
    if (seconds >= 3600)
        return std::to_string(seconds / 3600) + " uur en " + std::to_string(seconds % 3600 / 60) +
               " minuten";
    return std::to_string(seconds / 60) + " minuten";
}

// The staff's words for a clock that is clearly wrong; "" when it looks right.
std::string clockWarning(int64_t nowMs, const platform::SyncStatus& sync) {
    // A day's margin: __DATE__ is the build machine's date, the kiosk may be a time zone away.
    const int64_t built = compileDateUnix(__DATE__) - 86400;
    const std::optional<int64_t> serverAhead =
        sync.sawServerDate ? std::optional<int64_t>(sync.serverAheadMs / 1000) : std::nullopt;
    const ClockCheck check = checkClock(nowMs / 1000, built, serverAhead);
    const std::string shown = clockText(nowMs, nowMs + 2 * 86400000LL); // always with the date
    switch (check.verdict) {
    case ClockVerdict::BeforeBuild:
        return "Let op: de klok van deze kiosk staat op " + shown +
               ". Dat kan niet kloppen: die datum ligt voor de datum van deze versie van de app. "
               "Reacties krijgen zo een verkeerde datum. Zet de klok goed.";
    case ClockVerdict::FarFromServer:
        return "Let op: de klok van deze kiosk loopt " + durationText(check.serverAheadSeconds) +
               (check.serverAheadSeconds > 0 ? " achter op" : " voor op") +
               " de server. Reacties krijgen zo een verkeerde tijd. Zet de klok goed.";
    case ClockVerdict::Plausible:
        break;
    }
    return "";
}

// Rows for the status screen's golden image, written into a fresh outbox with the outbox's own
// methods, so the screen reads them the way it reads a real one.
struct Demo {
    int64_t nowMs = 0;
    platform::SyncStatus sync;
    std::vector<std::string> folders; // shown, not looked for (the test machine's /media varies)
};

std::string fillDemoOutbox(const std::string& json, const std::string& dataDir, Demo& demo) {
    const auto doc = nlohmann::json::parse(json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return "--staff-demo: not a JSON object";
    demo.nowMs = doc.value("now", int64_t(0)) * 1000;
    auto outbox = Outbox::open(dataDir);
    if (!outbox) return outbox.error();
    Outbox& box = *outbox.value();
    int serial = 0;
    const auto add = [&](int64_t atMs) {
        char id[40];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", ++serial);
        box.add(id, R"({"comment": "never shown"})", atMs);
        return std::string(id);
    };
    const int64_t minute = 60000;
    for (int i = 0; i < doc.value("delivered", 0); ++i)
        box.markDelivered(add(demo.nowMs - 90 * minute), demo.nowMs - 25 * minute);
    if (doc.contains("refused"))
        for (const auto& refusal : doc["refused"])
            box.markRejected(add(demo.nowMs - 80 * minute), refusal.value("reason", ""),
                             demo.nowMs - refusal.value("minutes_ago", 0) * minute);
    for (int i = 0; i < doc.value("waiting", 0); ++i)
        box.scheduleRetry(add(demo.nowMs - (10 - i) * minute), demo.nowMs + minute,
                          doc.value("last_error", ""));
    if (doc.contains("folders"))
        for (const auto& folder : doc["folders"])
            if (folder.is_string()) demo.folders.push_back(folder.get<std::string>());
    demo.sync.hasServer = true;
    demo.sync.reachable = doc.value("reachable", false);
    demo.sync.lastError = doc.value("last_error", "");
    demo.sync.lastAttemptMs = demo.nowMs - minute;
    if (doc.contains("last_success_minutes_ago")) // absent: never
        demo.sync.lastSuccessMs = demo.nowMs - doc.value("last_success_minutes_ago", 0) * minute;
    return "";
}

class NativeKioskStaff final : public KioskStaff {
  public:
    NativeKioskStaff(const StaffOptions& options, platform::FeedbackSink* sink)
        : options_(options), access_(options.pin), sink_(sink) {
        if (!options.demo.empty()) startDemo();
    }

    ~NativeKioskStaff() override {
        outbox_.reset();
        if (!demoDir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(demoDir_, ec);
        }
    }

    void event(const SDL_Event& e, glm::ivec2 viewport, double now) override {
        const double w = viewport.x;
        switch (e.type) {
        case SDL_MOUSEBUTTONDOWN:
            if (e.button.which != SDL_TOUCH_MOUSEID)
                access_.pointerDown(e.button.x, e.button.y, w, now);
            break;
        case SDL_MOUSEMOTION:
            if (e.motion.which != SDL_TOUCH_MOUSEID)
                access_.pointerMoved(e.motion.x, e.motion.y, w);
            break;
        case SDL_MOUSEBUTTONUP:
            if (e.button.which != SDL_TOUCH_MOUSEID) access_.pointerUp();
            break;
        case SDL_FINGERDOWN:
            access_.pointerDown(e.tfinger.x * w, e.tfinger.y * viewport.y, w, now);
            break;
        case SDL_FINGERMOTION:
            access_.pointerMoved(e.tfinger.x * w, e.tfinger.y * viewport.y, w);
            break;
        case SDL_FINGERUP:
            access_.pointerUp();
            break;
        default:
            break;
        }
        if (access_.open()) access_.touched(now);
    }

    bool update(double now) override {
        if (demoClock_) access_.touched(now); // a demo never closes for being idle
        const StaffScreen before = access_.screen();
        bool redraw = access_.update(now);
        if (before != StaffScreen::Closed && !access_.open()) closed();
        // While open: the numbers and the lockout's countdown change by themselves.
        if (access_.open() && now >= nextRefresh_) {
            nextRefresh_ = now + kRefreshSeconds;
            if (access_.screen() == StaffScreen::Status) refresh();
            redraw = true;
        }
        return redraw;
    }

    bool open() const override { return access_.open(); }

    void draw(const ui::Fonts& fonts, glm::ivec2 viewport, double now,
              std::vector<glm::vec4>& panels,
              std::vector<std::pair<std::string, glm::vec4>>& targets) override {
        if (access_.screen() == StaffScreen::Pin) {
            ui::StaffPinView view;
            view.typed = access_.typed().size();
            view.lockedSeconds = int(std::ceil(access_.lockedFor(now)));
            view.wrong = wrongPin_;
            const ui::StaffPanelInput in = ui::drawStaffPin(view, fonts, viewport, panels, targets);
            if (in.digit) access_.digit(in.digit, now), wrongPin_ = false;
            if (in.erase) access_.erase(now);
            if (in.confirm) {
                wrongPin_ = !access_.confirm(now);
                if (!wrongPin_) {
                    nextRefresh_ = 0;
                    refresh();
                }
            }
            if (in.close) access_.close(), closed();
        } else if (access_.screen() == StaffScreen::Status) {
            const ui::StaffPanelInput in =
                ui::drawStaffStatus(status_, fonts, viewport, panels, targets);
            if (in.sendNow && sink_) {
                sink_->sendNow();
                nextRefresh_ = now + 0.5; // show the outcome soon
            }
            if (in.chooseFolder >= 0) status_.folder = in.chooseFolder;
            if (in.exportNow) exportNow();
            if (in.close) access_.close(), closed();
        }
    }

    void close() override {
        access_.close();
        closed();
    }

  private:
    int64_t nowMs() const { return demo_.nowMs > 0 ? demo_.nowMs : systemNowMs(); }

    void startDemo() {
        if (options_.demo == "status" && !options_.demoJson.empty()) {
            char pattern[] = "/tmp/almere-staff-demo-XXXXXX";
            if (const char* dir = mkdtemp(pattern)) {
                demoDir_ = dir;
                options_.dataDir = demoDir_;
                if (std::string error = fillDemoOutbox(options_.demoJson, demoDir_, demo_);
                    !error.empty())
                    status_.readError = error;
            }
            // The golden image shows clock times: the same on every machine.
            setenv("TZ", "UTC", 1);
            tzset();
        }
        if (options_.demo != "pin" && options_.demo != "status") return;
        // Opened as a finger would open it: a long press in the corner, then the PIN.
        access_.pointerDown(1e9, 0, 1e9, 0);
        access_.update(StaffAccess::kHoldSeconds);
        if (options_.demo == "status") {
            for (char d : options_.pin)
                access_.digit(d, StaffAccess::kHoldSeconds);
            access_.confirm(StaffAccess::kHoldSeconds);
            refresh();
        } else {
            access_.digit('4', StaffAccess::kHoldSeconds);
            access_.digit('2', StaffAccess::kHoldSeconds);
        }
        demoClock_ = true;
    }

    void closed() {
        outbox_.reset(); // no connection held between staff visits
        wrongPin_ = false;
        status_.exportMessage.clear();
    }

    void refresh() {
        const int64_t now = nowMs();
        const platform::SyncStatus sync = demo_.nowMs > 0 ? demo_.sync
                                          : sink_         ? sink_->syncStatus()
                                                          : platform::SyncStatus{};
        if (!outbox_) {
            auto opened = Outbox::open(options_.dataDir);
            if (!opened) {
                status_.readError =
                    "De reacties op deze kiosk zijn niet te lezen: " + opened.error();
                return;
            }
            outbox_ = opened.take();
        }
        auto view = outbox_->staffView(kRefusedShown);
        if (!view) {
            status_.readError = "De reacties op deze kiosk zijn niet te lezen: " + view.error();
            outbox_.reset();
            return;
        }
        status_.readError.clear();
        const auto& v = view.value();
        status_.waiting = v.counts.pending;
        status_.delivered = v.counts.delivered;
        status_.refused = v.counts.rejected;
        status_.refusedLines.clear();
        for (const auto& r : v.latestRefused)
            status_.refusedLines.push_back(clockText(r.settledAtMs, now) + "  " + r.refusedReason);
        const int64_t last = std::max(v.lastDeliveredMs, sync.lastSuccessMs);
        status_.lastSync =
            last > 0 ? clockText(last, now) + " (" + agoText(last, now) + ")" : "nog nooit";
        if (!sync.hasServer) {
            status_.serverOk = false;
            status_.server = "geen server ingesteld (--server): reacties blijven op de kiosk";
        } else if (sync.lastAttemptMs == 0) {
            status_.serverOk = true;
            status_.server = "nog niet geprobeerd";
        } else if (sync.reachable) {
            status_.serverOk = true;
            status_.server = "bereikbaar (" + clockText(sync.lastAttemptMs, now) + ")";
        } else {
            status_.serverOk = false;
            status_.server = "niet bereikbaar (" + clockText(sync.lastAttemptMs, now) + ": " +
                             sync.lastError + ")";
        }
        status_.clockWarning = clockWarning(now, sync);
        const std::string chosen =
            status_.folders.empty() ? "" : status_.folders[size_t(status_.folder)];
        status_.folders =
            demo_.nowMs > 0 ? demo_.folders : platform::exportFolders(options_.exportDir);
        status_.folder = 0;
        for (size_t i = 0; i < status_.folders.size(); ++i)
            if (status_.folders[i] == chosen) status_.folder = int(i);
    }

    void exportNow() {
        if (status_.folders.empty()) return;
        const std::string folder = status_.folders[size_t(status_.folder)];
        auto written = platform::exportOutboxToFolder(options_.dataDir, folder, nowMs());
        status_.exportFailed = !written;
        if (!written) {
            status_.exportMessage = "Exporteren is niet gelukt: " + written.error();
            return;
        }
        namespace fs = std::filesystem;
        status_.exportMessage =
            std::to_string(written.value().reactions) + " reacties opgeslagen in " + folder + ": " +
            fs::path(written.value().csvPath).filename().string() + " en " +
            fs::path(written.value().jsonPath).filename().string() + ". Klaar: de stick mag eruit.";
    }

    StaffOptions options_;
    StaffAccess access_;
    platform::FeedbackSink* sink_;
    std::unique_ptr<Outbox> outbox_; // the panel's own connection, while it is open
    ui::StaffStatusView status_;
    bool wrongPin_ = false;
    double nextRefresh_ = 0;
    Demo demo_;
    std::string demoDir_;
    bool demoClock_ = false;
};

} // namespace

std::unique_ptr<KioskStaff> makeKioskStaff(const StaffOptions& options,
                                           platform::FeedbackSink* sink) {
    if (!StaffAccess::isUsablePin(options.pin)) return nullptr;
    return std::make_unique<NativeKioskStaff>(options, sink);
}

} // namespace almere
