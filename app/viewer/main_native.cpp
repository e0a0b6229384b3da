// Kiosk / desktop entry point. See --help.
#include "core/staff_access.hpp"
#include "platform/files.hpp"
#include "platform/outbox_export.hpp"
#include "platform/session_link.hpp"
#include "viewer/app.hpp"
#include "viewer/visitor_script.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void usage() {
    std::printf(
        "almere2050 [options]\n"
        "  --fullscreen            kiosk mode\n"
        "  --size WxH              window size in pixels (default 1280x720)\n"
        "  --lang CODE             interface language: nl (default), en, pl, ... (assets/lang)\n"
        "  --screenshot FILE.png   render, write the image, quit (with --frames N, default 3)\n"
        "  --bench N               orbit for N frames, print frame-time statistics as JSON, quit\n"
        "  --hide LAYER            water | outlines | buildings | shadows (tests)\n"
        "  --buildings DIR         real buildings from this baked tiles folder (index.bin\n"
        "                          and its tiles) instead of assets/almere.buildings (tests)\n"
        "  --select CODE           start with a wijk selected, e.g. WK003420\n"
        "  --credits               start with the credits screen open\n"
        "  --languages             start with the language choice open\n"
        "  --goals                 start with the city-wide goals open\n"
        "  --plans STATE           plan switches and timeline, e.g. "
        "\"plans=pampus,hart;phase=2050\"\n"
        "  --plan-card N           start with plan N's card open (0 = first plan)\n"
        "  --camera E,N,D,YAW,PITCH  start view: target east/north (m, local RD), distance (m),\n"
        "                          heading and tilt (degrees)\n"
        "  --server URL            feedback server, e.g. http://127.0.0.1:8080 (none: reactions\n"
        "                          wait in the outbox)\n"
        "  --data DIR              where the kiosk keeps its outbox (default\n"
        "                          $XDG_DATA_HOME/almere2050, else ~/.local/share/almere2050)\n"
        "  --kiosk-key-file PATH   send the key in this file with every reaction (lifts the\n"
        "                          server's rate limit for this kiosk); ALMERE_KIOSK_KEY also "
        "works\n"
        "  --export-outbox FILE    write every reaction in the --data outbox (pending, delivered,\n"
        "                          refused, with the reason) to FILE as JSON (\"-\" = stdout), "
        "quit;\n"
        "                          to an existing folder: a CSV and a JSON file (USB stick)\n"
        "Kiosk staff panel (long press top right, then the PIN):\n"
        "  --staff-pin-file PATH   the staff PIN (4 to 8 digits; default DATA/staff-pin; no PIN:\n"
        "                          no panel)\n"
        "  --export-dir DIR        offer DIR for the export too, beside USB sticks under /media\n"
        "  --staff-demo SCREEN     open the panel at its PIN pad (pin) or status screen\n"
        "                          (FILE.json: a made-up outbox and clock; screenshots)\n"
        "  --idle SECONDS          forget a half-given reaction after this long untouched\n"
        "                          (default 120; 0 = never)\n"
        "  --feedback-demo STEP    open \"Geef je mening\" at a step with example answers\n"
        "                          (subject, ambition, pin, rating, comment, background,\n"
        "                          consent, thanks)\n"
        "  --summary FILE          show this saved GET /api/summary body (screenshots)\n"
        "  --reactions             start with others' reaction counts on the map\n"
        "The kiosk between visitors (issue 11):\n"
        "  --attract               after the start-over (1.5 x --idle untouched) show a slow tour\n"
        "                          of the city, \"Tik om te beginnen\"; the first touch ends it\n"
        "                          (a long press in the staff corner goes on to the PIN pad)\n"
        "  --attract-demo SECONDS  the attract screen at this moment of its tour, standing still\n"
        "                          (golden images; with --script, once the script gets there)\n"
        "  --script FILE           a scripted visitor (viewer/visitor_script.hpp): taps, long\n"
        "                          presses (the staff corner), typing, checks; with\n"
        "                          --screenshot, its `screenshot` step writes it\n"
        "  --soak-script FILE      repeat FILE as visits for --minutes (default 30), printing\n"
        "                          memory, open files and frame times (bench/kiosk_soak.sh)\n"
        "Reading help and links that open a view (issue 10):\n"
        "  --large-text            start with the larger text (about 150 %%)\n"
        "  --high-contrast         start with the high-contrast colours\n"
        "  --share-url URL         the public viewer's address: shows \"Deel deze weergave\",\n"
        "                          which shows the view as a QR code (URL#v=...)\n"
        "  --view TEXT             open this view, as in a link's #v= (e.g.\n"
        "                          \"plans=pampus;phase=2050;wijk=WK003417;lang=en\")\n"
        "  --share                 with --share-url: start with the QR code shown\n"
        "  --reduced-motion        no camera easing, no growing plans: jump to the end\n"
        "  --plan-mask             (tests) draw only the areas of the plans that are on, on black\n"
        "Burgerberaad sessions (issue 9), with --server:\n"
        "  --facilitate AGENDA     lead a new session with assets/sessions/AGENDA.json on the\n"
        "                          big screen (join code, QR code, rounds, results)\n"
        "  --session CODE          with --facilitate: resume this session instead\n"
        "  --facilitator-key-file PATH  the server's facilitator key (ALMERE_FACILITATOR_KEY\n"
        "                          also works)\n"
        "  --join-url URL          where participants join, if not the --server URL (the QR code\n"
        "                          shows URL/s/CODE)\n"
        "  --join CODE             follow session CODE as a participant does (testing)\n"
        "  --session-demo FILE     the facilitator's screen from a saved {\"state\", \"results\"}\n"
        "                          instead of a server (screenshots)\n"
        "  --join-demo FILE        a participant's view of a saved {\"state\"} (screenshots)\n"
        "  --looked-around         with --join-demo: as after moving the map oneself\n");
}

// The key without the line end an editor adds; "" when there is none.
std::string trimmed(std::string text) {
    const char* space = " \t\r\n";
    text.erase(0, text.find_first_not_of(space));
    text.erase(text.find_last_not_of(space) + 1);
    return text;
}

// A header value: printable ASCII without spaces, so it cannot break the request it rides in.
bool isUsableKey(const std::string& key) {
    return !key.empty() && key.size() <= 256 &&
           std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 0x7F; });
}

} // namespace

int main(int argc, char** argv) {
    almere::AppOptions options;
    options.channel = "kiosk";
    options.feedbackIdleSeconds = 120;
    std::string exportFile;
    std::string staffPinFile; // "" = DATA_DIR/staff-pin, if there is one
    almere::VisitorScriptOptions script;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
        auto needs = [&]() {
            if (!next) {
                std::fprintf(stderr, "almere2050: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            ++i;
            return std::string(next);
        };
        if (arg == "--fullscreen")
            options.window.fullscreen = true;
        else if (arg == "--size") {
            const std::string v = needs();
            if (std::sscanf(v.c_str(), "%dx%d", &options.window.width, &options.window.height) !=
                    2 ||
                options.window.width < 64 || options.window.height < 64 ||
                options.window.width > 8192 || options.window.height > 8192) {
                std::fprintf(stderr, "almere2050: --size expects WxH, e.g. 1280x720\n");
                return 2;
            }
        } else if (arg == "--lang")
            options.language = needs();
        else if (arg == "--screenshot")
            options.screenshotPath = needs();
        else if (arg == "--frames")
            options.frames = std::max(1, std::atoi(needs().c_str()));
        else if (arg == "--bench")
            options.benchFrames = std::max(1, std::atoi(needs().c_str()));
        else if (arg == "--select")
            options.selectWijk = needs();
        else if (arg == "--credits")
            options.showCredits = true;
        else if (arg == "--languages")
            options.showLanguages = true;
        else if (arg == "--goals")
            options.showGoals = true;
        else if (arg == "--plans")
            options.planState = needs();
        else if (arg == "--plan-card")
            options.planCard = std::atoi(needs().c_str());
        else if (arg == "--camera") {
            almere::CameraPose pose;
            double yawDeg = 0, pitchDeg = 0;
            if (std::sscanf(needs().c_str(), "%lf,%lf,%lf,%lf,%lf", &pose.target.x, &pose.target.y,
                            &pose.distance, &yawDeg, &pitchDeg) != 5) {
                std::fprintf(stderr, "almere2050: --camera expects E,N,DISTANCE,YAW,PITCH\n");
                return 2;
            }
            pose.target.y = -pose.target.y; // north is -z in the world frame
            pose.yaw = yawDeg * 3.14159265358979 / 180.0;
            pose.pitch = pitchDeg * 3.14159265358979 / 180.0;
            options.camera = pose;
        } else if (arg == "--buildings") {
            options.buildingsFile = needs();
        } else if (arg == "--hide") {
            const std::string layer = needs();
            if (layer == "water")
                options.layers.water = false;
            else if (layer == "outlines")
                options.layers.outlines = false;
            else if (layer == "buildings")
                options.layers.buildings = false;
            else if (layer == "shadows")
                options.layers.shadows = false;
            else {
                std::fprintf(stderr, "almere2050: unknown layer '%s'\n", layer.c_str());
                return 2;
            }
        } else if (arg == "--server")
            options.feedback.serverUrl = needs();
        else if (arg == "--data")
            options.feedback.dataDir = needs();
        else if (arg == "--kiosk-key-file") {
            std::string key;
            if (!almere::platform::readFile(needs(), key, 4096) || !isUsableKey(trimmed(key))) {
                std::fprintf(stderr,
                             "almere2050: --kiosk-key-file: %s holds no key (one word of "
                             "printable ASCII)\n",
                             next);
                return 2;
            }
            options.feedback.kioskKey = trimmed(key);
        } else if (arg == "--export-outbox")
            exportFile = needs();
        else if (arg == "--staff-pin-file")
            staffPinFile = needs();
        else if (arg == "--export-dir")
            options.staff.exportDir = needs();
        else if (arg == "--staff-demo") {
            options.staff.demo = needs();
            if (options.staff.demo != "pin") {
                if (!almere::platform::readFile(options.staff.demo, options.staff.demoJson)) {
                    std::fprintf(stderr, "almere2050: --staff-demo: pin or a JSON file, not %s\n",
                                 next);
                    return 2;
                }
                options.staff.demo = "status";
            }
        } else if (arg == "--idle")
            options.feedbackIdleSeconds = std::max(0.0, std::atof(needs().c_str()));
        else if (arg == "--feedback-demo")
            options.feedbackDemo = needs();
        else if (arg == "--summary") {
            // A saved GET /api/summary body, shown as if the server had sent it.
            if (!almere::platform::readFile(needs(), options.summaryJson)) {
                std::fprintf(stderr, "almere2050: --summary: cannot read %s\n", next);
                return 2;
            }
        } else if (arg == "--reactions")
            options.showReactions = true;
        else if (arg == "--attract")
            options.attract.enabled = true;
        else if (arg == "--attract-demo") {
            options.attract.enabled = true;
            options.attract.demoSeconds = std::max(0.0, std::atof(needs().c_str()));
        } else if (arg == "--script" || arg == "--soak-script") {
            script.path = needs();
            script.soak = arg == "--soak-script";
        } else if (arg == "--minutes")
            script.minutes = std::max(0.0, std::atof(needs().c_str()));
        else if (arg == "--large-text")
            options.reading.largeText = true;
        else if (arg == "--high-contrast")
            options.reading.highContrast = true;
        else if (arg == "--share-url")
            options.shareBase = needs();
        else if (arg == "--view")
            options.viewLink = needs();
        else if (arg == "--share")
            options.showShare = true;
        else if (arg == "--reduced-motion")
            options.reducedMotion = true;
        else if (arg == "--plan-mask")
            options.planMask = true;
        else if (arg == "--facilitate") {
            options.session.role = "facilitator";
            options.session.agenda = needs();
        } else if (arg == "--session")
            options.session.code = needs();
        else if (arg == "--join") {
            options.session.role = "participant";
            options.session.code = needs();
        } else if (arg == "--join-url")
            options.session.joinBase = needs();
        else if (arg == "--facilitator-key-file") {
            std::string key;
            if (!almere::platform::readFile(needs(), key, 4096) || !isUsableKey(trimmed(key))) {
                std::fprintf(stderr,
                             "almere2050: --facilitator-key-file: %s holds no key (one word of "
                             "printable ASCII)\n",
                             next);
                return 2;
            }
            options.session.facilitatorKey = trimmed(key);
        } else if (arg == "--join-demo") {
            options.session.role = "participant";
            if (!almere::platform::readFile(needs(), options.session.demoJson)) {
                std::fprintf(stderr, "almere2050: --join-demo: cannot read %s\n", next);
                return 2;
            }
        } else if (arg == "--looked-around")
            options.session.demoLookedAround = true;
        else if (arg == "--session-demo") {
            options.session.role = "facilitator";
            if (!almere::platform::readFile(needs(), options.session.demoJson)) {
                std::fprintf(stderr, "almere2050: --session-demo: cannot read %s\n", next);
                return 2;
            }
        } else if (arg == "--help" || arg == "-h") {
            usage();
            return 0;
        } else {
            std::fprintf(stderr, "almere2050: unknown option '%s' (see --help)\n", arg.c_str());
            return 2;
        }
    }
    // The environment's key, unless --kiosk-key-file named one.
    if (const char* key = std::getenv("ALMERE_KIOSK_KEY");
        key && *key && options.feedback.kioskKey.empty()) {
        options.feedback.kioskKey = trimmed(key);
        if (!isUsableKey(options.feedback.kioskKey)) {
            std::fprintf(stderr, "almere2050: ALMERE_KIOSK_KEY: expected one word of printable "
                                 "ASCII\n");
            return 2;
        }
    }
    if (const char* key = std::getenv("ALMERE_FACILITATOR_KEY");
        key && *key && options.session.facilitatorKey.empty())
        options.session.facilitatorKey = trimmed(key);
    if (!options.session.role.empty()) {
        options.session.serverUrl = options.feedback.serverUrl;
        if (options.session.demoJson.empty()) {
            const std::string why = almere::platform::checkSessionServer(options.session.serverUrl);
            if (options.session.serverUrl.empty() || !why.empty()) {
                std::fprintf(stderr, "almere2050: a session needs --server: %s\n",
                             why.empty() ? "none given" : why.c_str());
                return 2;
            }
            if (options.session.role == "facilitator" && options.session.facilitatorKey.empty()) {
                std::fprintf(stderr, "almere2050: --facilitate needs --facilitator-key-file\n");
                return 2;
            }
        }
        options.feedbackIdleSeconds = 0; // a session's screen never starts over by itself
    }
    options.window.hidden = !options.screenshotPath.empty() || options.benchFrames > 0;
    options.attract.reducedMotion = options.reducedMotion;
    options.attract.language = options.language;
    // --attract-demo alone opens on the attract screen; a script walks there itself.
    options.attract.startShown = options.attract.demoSeconds >= 0 && script.path.empty();
    if (!script.path.empty()) options.frames = 1 << 30; // the script's `screenshot` decides
    if (options.feedback.dataDir.empty()) {
        const char* xdg = std::getenv("XDG_DATA_HOME");
        const char* home = std::getenv("HOME");
        options.feedback.dataDir = xdg && *xdg ? std::string(xdg) + "/almere2050"
                                   : home      ? std::string(home) + "/.local/share/almere2050"
                                               : "almere2050-data";
    }
    // The staff panel's PIN: only from the kiosk's own files, never typed on a command line
    // (where `ps` would show it). Without one the panel cannot open.
    options.staff.dataDir = options.feedback.dataDir;
    const bool pinAsked = !staffPinFile.empty();
    if (!pinAsked) staffPinFile = options.feedback.dataDir + "/staff-pin";
    std::string pin;
    if (almere::platform::readFile(staffPinFile, pin, 4096)) {
        options.staff.pin = trimmed(pin);
        if (!almere::StaffAccess::isUsablePin(options.staff.pin)) {
            std::fprintf(stderr, "almere2050: %s: the staff PIN must be 4 to 8 digits\n",
                         staffPinFile.c_str());
            return 2;
        }
    } else if (pinAsked) {
        std::fprintf(stderr, "almere2050: --staff-pin-file: cannot read %s\n",
                     staffPinFile.c_str());
        return 2;
    }
    if (!exportFile.empty()) {
        // For staff: no window, no sync; the running kiosk (if any) is not disturbed.
        const std::string error =
            almere::platform::exportOutbox(options.feedback.dataDir, exportFile);
        if (!error.empty())
            std::fprintf(stderr, "almere2050: --export-outbox: %s\n", error.c_str());
        return error.empty() ? 0 : 1;
    }

    almere::App app;
    if (!app.init(options)) {
        std::fprintf(stderr, "almere2050: %s\n", app.error().c_str());
        return 1;
    }
    int code = 0;
    if (!script.path.empty()) {
        code = almere::runVisitorScript(app, script);
    } else {
        while (app.frame()) {
        }
        code = app.exitCode();
    }
    app.shutdown();
    return code;
}
