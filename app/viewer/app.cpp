#include "viewer/app.hpp"

#include "core/city_gltf.hpp"
#include "core/geo.hpp"
#include "core/plan_layers.hpp"
#include "core/reaction.hpp"
#include "core/view_fit.hpp"
#include "platform/files.hpp"
#include "platform/host.hpp"
#include "platform/input.hpp"
#include "platform/keyboard.hpp"
#include "platform/screenshot.hpp"
#include "render/gl.hpp"
#include "ui/overlay.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <nlohmann/json.hpp>

namespace almere {
namespace {

double nowMs() {
    return double(SDL_GetPerformanceCounter()) * 1000.0 / double(SDL_GetPerformanceFrequency());
}

// The reading help's larger text: about 150 %, as asked for (issue 10).
float textScale(const ReadingHelp& reading) {
    return reading.largeText ? 1.5f : 1.0f;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

} // namespace

bool App::init(const AppOptions& options) {
    options_ = options;
    reading_ = startReading_ = options.reading;
    // A link's language and reading help count from the start (its view, once the plans are in).
    ViewLink link;
    if (!options.viewLink.empty() && viewLinkFromFragment("v=" + options.viewLink, link)) {
        // A language not here (or not yet: the browser fetches it) falls back to Dutch.
        if (!link.language.empty()) options_.language = link.language;
        reading_ = link.reading;
        startLink_ = link;
    } else if (!options.viewLink.empty()) {
        std::fprintf(stderr, "almere2050: ignoring a view link it cannot read\n");
    }
    creditsOpen_ = options.showCredits;
    goalsOpen_ = options.showGoals;
    languagesOpen_ = options.showLanguages;
    startTicks_ = SDL_GetPerformanceCounter();
    auto window = platform::Window::create(options.window);
    if (!window) {
        error_ = window.error();
        platform::notifyError(error_);
        exitCode_ = 1;
        return false;
    }
    window_.reset(window.value());
    double mark = double(startTicks_) * 1000.0 / double(SDL_GetPerformanceFrequency());
    auto phase = [&](const char* name) {
        const double t = nowMs();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%s %.0f", stats_.startup.empty() ? "" : ", ", name,
                      t - mark);
        stats_.startup += buf;
        mark = t;
    };
    phase("window");

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // a kiosk keeps no state between evenings
    // Every control by keyboard too (ui/keyboard_nav: Tab, Shift+Tab, Space, Enter, Esc).
    ui::KeyboardNav::enable();
    ui::applyStyle(reading_.highContrast, textScale(reading_));
    ImGui_ImplSDL2_InitForOpenGL(window_->sdl(), window_->context());
    ImGui_ImplOpenGL3_Init("#version 300 es");
    std::printf("almere2050: renderer %s\n", platform::rendererName().c_str());

    const std::string root = platform::assetRoot();
    // Dutch is always there: the default, and what a missing or broken language falls back to.
    const std::string wanted = options_.language;
    if (loadLanguage("nl") == LanguageFile::missing)
        error_ = "assets/lang/nl.json: cannot read the file";
    startLanguage_ = "nl";
    if (wanted != "nl") showLanguage(wanted, true);
    platform::readFile(root + "/fonts/NotoSans-Regular.ttf", fontRegular_);
    platform::readFile(root + "/fonts/NotoSans-Bold.ttf", fontBold_);
    ui::loadFonts(fontRegular_, fontBold_, window_->pixelRatio(), fonts_, textScale(reading_));
    session_ = makeSessionMode(options.session, fontBold_, window_->pixelRatio());
    if (!session_) attract_ = makeAttractMode(options.attract);
    if (attract_) attract_->addFont(fontBold_, window_->pixelRatio());
    phase("ui");

    const bool loaded = loadCity();
    mark = nowMs();
    if (!loaded) {
        platform::notifyError(error_);
        exitCode_ = 1;
    }
    lastTicks_ = SDL_GetPerformanceCounter();
    lastInput_ = double(lastTicks_) / double(SDL_GetPerformanceFrequency());
    return true;
}

App::LanguageFile App::loadLanguage(const std::string& code) {
    std::string text;
    const std::string path = "assets/lang/" + code + ".json";
    if (!platform::readFile(platform::assetRoot() + "/lang/" + code + ".json", text))
        return LanguageFile::missing;
    auto parsed = Strings::parse({path, text});
    if (!parsed) {
        // Without Dutch there is nothing to show; another broken language leaves the texts as
        // they are (said in the log, for the staff).
        if (code == "nl") error_ = parsed.error();
        std::fprintf(stderr, "almere2050: %s\n", parsed.error().c_str());
        return LanguageFile::broken;
    }
    // A language for the text route only (Arabic: no glyphs in the interface font) would draw
    // as empty boxes: such a link or option keeps the interface as it is.
    if (!parsed.value().forInterface() && code != "nl") return LanguageFile::broken;
    strings_ = parsed.take();
    options_.language = code;
    redrawFrames_ = std::max(redrawFrames_, 2);
    return LanguageFile::shown;
}

void App::showLanguage(const std::string& code, bool atStart) {
    wantedLanguage_ = code;
    auto shown = [this, code, atStart](LanguageFile file) {
        // Start-over returns to the language the kiosk or link began with, once it is shown.
        if (file == LanguageFile::shown && atStart) startLanguage_ = code;
    };
    const LanguageFile file = loadLanguage(code);
    if (file != LanguageFile::missing) return shown(file);
    // The browser's first download carries Dutch only: the others are fetched when chosen,
    // and the texts change when they arrive (unless the resident chose again meanwhile).
    platform::fetchAsset("lang/" + code + ".json", [this, code, shown](bool arrived) {
        if (arrived && wantedLanguage_ == code) shown(loadLanguage(code));
    });
}

void App::findLanguages() {
    languages_.clear();
    // The form lists every language a reaction may be in; the build's index holds the header
    // of each one that is for the interface (its letters are in the font): its own name and
    // whether a native speaker checked it. The texts themselves may not be downloaded yet.
    std::string text;
    platform::readFile(platform::assetRoot() + "/lang/index.json", text);
    const nlohmann::json index = nlohmann::json::parse(text, nullptr, false);
    for (const std::string& code : form_ ? form_->languages : std::vector<std::string>{}) {
        if (!index.is_object() || !index.contains(code)) continue;
        auto parsed = Strings::parse({"assets/lang/index.json", index[code].dump()});
        if (parsed && parsed.value().forInterface())
            languages_.push_back({code, parsed.value().language(), parsed.value().uncheckedNote()});
    }
}

bool App::loadCity() {
    const double loadStart = nowMs();
    const std::string root = platform::assetRoot();
    std::vector<uint8_t> glb;
    if (!platform::readFile(root + "/almere.glb", glb)) {
        error_ = "assets/almere.glb: cannot read the file";
        return false;
    }
    auto city = almere::loadCity(glb, "assets/almere.glb");
    if (!city) {
        error_ = city.error();
        return false;
    }
    city_ = std::make_unique<CityModel>(city.take());
    cityFingerprint_ = fingerprintWijken(*city_);
    loadRealBuildings();
    if (!error_.empty()) return false;
    const double parsed = nowMs();
    deriveCity(*city_);
    const double derived = nowMs();

    std::string vs, fs;
    if (!platform::readFile(root + "/shaders/city.vert", vs) ||
        !platform::readFile(root + "/shaders/city.frag", fs)) {
        error_ = "assets/shaders/city.*: cannot read the shaders";
        return false;
    }
    auto renderer = CityRenderer::create(*city_, vs, fs);
    if (!renderer) {
        error_ = renderer.error();
        return false;
    }
    renderer_ = std::make_unique<CityRenderer>(renderer.take());
    massingPending_ = true;
    char buf[96];
    std::snprintf(buf, sizeof buf, ", city (read+parse %.0f, derive %.0f, upload %.0f)",
                  parsed - loadStart, derived - parsed, nowMs() - derived);
    stats_.startup += buf;

    // Looking north over the whole city from the south, as on the vision's maps.
    const glm::dvec2 lo = city_->landMin, hi = city_->landMax;
    CameraLimits limits;
    limits.boundsMin = {lo.x, -hi.y};
    limits.boundsMax = {hi.x, -lo.y};
    limits.minDistance = 600;
    limits.maxDistance = 50000;
    // Upright screens (phones) see less across: they may step back as far as needed to show
    // the whole city (see fitHomeToPanels).
    {
        const glm::ivec2 px = window_->drawableSize();
        const double aspect = px.y > 0 ? double(px.x) / double(px.y) : 1.0;
        limits.maxDistance *= std::clamp(1.6 / aspect, 1.0, 4.0);
    }
    CameraPose home;
    // On large screens the open plans panel covers the right: look a little east of the middle.
    const glm::ivec2 vp = viewport();
    const double east = vp.x >= 1000 && vp.y >= 600 ? 2500 : 0;
    home.target = {(lo.x + hi.x) * 0.5 + east, -(lo.y + hi.y) * 0.5 + 1500};
    // Step back on portrait screens (phones) so the whole city still fits across.
    const glm::ivec2 size = window_->drawableSize();
    const double aspect = size.y > 0 ? double(size.x) / double(size.y) : 1.0;
    home.distance = 24000 * std::clamp(std::sqrt(1.6 / aspect), 1.0, 2.0);
    home.yaw = 0.0;
    home.pitch = 0.95;
    camera_ = std::make_unique<OrbitCamera>(home, limits);
    if (!loadPlans()) return false;
    loadFeedback();
    findLanguages();
    if (!error_.empty()) return false;
    if (options_.camera) camera_->setGoal(*options_.camera);
    camera_->snapToGoal();
    if (!options_.selectWijk.empty()) selected_ = city_->findWijk(options_.selectWijk);
    openViewLink();
    if (options_.showShare && !options_.shareBase.empty()) shareView();
    return true;
}

void App::openViewLink() {
    if (!startLink_) return;
    // Exactly that view at once: no move from the overview, no growing plans.
    applyView(viewAccess(), startLink_->view);
    camera_->snapToGoal();
    planState_->snap();
    planCard_ = -1;
}

// Swaps the font atlas and colours for reading_ (between frames: ImGui may not be mid-frame).
void App::applyReadingHelp() {
    fontsDirty_ = false;
    const float scale = textScale(reading_);
    ui::applyStyle(reading_.highContrast, scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ui::loadFonts(fontRegular_, fontBold_, window_->pixelRatio(), fonts_, scale);
    if (attract_) attract_->addFont(fontBold_, window_->pixelRatio());
    ImGui_ImplOpenGL3_CreateFontsTexture();
    redrawFrames_ = std::max(redrawFrames_, 2);
}

void App::shareView() {
    const std::string url = viewLinkUrl(options_.shareBase, currentLink());
    // The browser copies it; the kiosk shows it as a QR code to carry home.
    if (!platform::shareInPage(url, strings_("share.copied"))) {
        shareUrl_ = url;
        shareQr_ = ui::encodeQr(url);
    }
}

ViewLink App::currentLink() {
    ViewLink link;
    link.view = currentView(viewAccess());
    link.language = options_.language;
    link.reading = reading_;
    return link;
}

std::string App::viewLinkText() {
    return encodeViewLink(currentLink());
}

// The page's address follows the view, at most twice a second and once the camera has settled
// (replaceState in every frame of an orbit would be wasted work, and some browsers throttle it).
void App::publishView(double seconds) {
    if (session_ || !city_ || seconds < nextPublish_ || (camera_ && camera_->isMoving())) return;
    nextPublish_ = seconds + 0.5;
    const std::string text = viewLinkText();
    if (text == publishedLink_) return;
    publishedLink_ = text;
    platform::publishViewLink(text);
}

glm::ivec2 App::viewport() const {
    return window_->logicalSize();
}

bool App::handleEvents() {
    SDL_Event event;
    const glm::ivec2 vp = viewport();
    bool any = false;
    // Keys let go in the frame they went down (a quick tap, a test's key press): Dear ImGui 1.86
    // reads which keys are down once a frame, so it sees them let go only now.
    std::vector<SDL_Event> ups;
    ups.swap(deferredKeyUps_);
    for (SDL_Event& up : ups)
        if (!routeKey(up)) ImGui_ImplSDL2_ProcessEvent(&up);
    std::vector<SDL_Scancode> wentDown;
    while (SDL_PollEvent(&event)) {
        // The attract screen eats the touch that ends it (it must not also press what is under
        // the finger); only that touch counts as a visitor's input.
        const bool attract = attract_ && attract_->showing();
        if (attract_ && attract_->consume(event, viewAccess(), vp)) {
            any = any || (attract && !attract_->showing());
            continue;
        }
        any = true;
        if (event.type == SDL_KEYDOWN) wentDown.push_back(event.key.keysym.scancode);
        if (event.type == SDL_KEYUP && std::find(wentDown.begin(), wentDown.end(),
                                                 event.key.keysym.scancode) != wentDown.end()) {
            deferredKeyUps_.push_back(event);
            continue;
        }
        const bool controls = keyNav_.controlsFocused();
        if (!routeKey(event)) ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) quit_ = true;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_FOCUS_LOST)
            gestures_.cancelAll();
        // A real keyboard (desktop, laptop, phone with one) types into the comment as well;
        // Space and Enter press the control with the focus ring, if there is one.
        if (feedback_.step() == FeedbackStep::Comment) {
            if (event.type == SDL_TEXTINPUT && !(controls && event.text.text[0] == ' '))
                feedback_.type(event.text.text);
            if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_BACKSPACE)
                feedback_.backspace();
            if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_RETURN && !controls)
                feedback_.type("\n");
        }
        if (staff_) staff_->event(event, vp, nowMs() / 1000.0);
        platform::feedPointerEvent(event, vp, panels_, double(SDL_GetTicks()) / 1000.0, gestures_);
    }
    if (attract_) attract_->afterEvents();
    return any || !ups.empty();
}

bool App::routeKey(const SDL_Event& e) {
    using platform::AppKey;
    const AppKey key = platform::appKey(e);
    if (key == AppKey::None) return false;
    keyboardUser_ = true;
    const bool down = e.type == SDL_KEYDOWN;
    const bool controls = keyNav_.controlsFocused();
    auto feed = [](SDL_Event ev) { ImGui_ImplSDL2_ProcessEvent(&ev); };
    switch (key) {
    case AppKey::Tab: {
        // The next (Shift: previous) control in drawing order: ui/keyboard_nav.
        if (!down) return true;
        keyNav_.tab((e.key.keysym.mod & KMOD_SHIFT) != 0 ? -1 : 1);
        return true;
    }
    case AppKey::Escape:
        if (down) controls ? keyNav_.escape() : platform::releaseKeyboard();
        return true;
    case AppKey::Enter:
        // On a control, Enter presses it as Space does (1.86 presses buttons with Space only).
        if (!down) {
            feed(platform::asKey(e, SDL_SCANCODE_SPACE, SDLK_SPACE));
            return true;
        }
        if (controls)
            feed(platform::asKey(e, SDL_SCANCODE_SPACE, SDLK_SPACE));
        else if (feedback_.step() != FeedbackStep::Comment)
            chooseAtCentre();
        return true;
    case AppKey::Home:
        if (down && !controls && camera_) camera_->reset();
        return true;
    case AppKey::Arrow:
    case AppKey::Zoom:
        // The map's keys while no control has the focus ring (let-go keys reach ImGui always,
        // so none stays down there).
        return down && !controls;
    default:
        return false;
    }
}

void App::chooseAtCentre() {
    if (!camera_ || !city_) return;
    const glm::ivec2 vp = viewport();
    const auto ground = camera_->groundPoint(glm::dvec2(vp) * 0.5, vp, layer::kLandTop);
    if (!ground) return;
    const int wijk = wijkAt(*city_, {ground->x, -ground->y});
    chooseOnMap({ground->x, -ground->y}, wijk);
}

void App::chooseOnMap(glm::dvec2 local, int wijk) {
    const std::string code = wijk >= 0 ? city_->wijken[size_t(wijk)].code : "";
    if (feedback_.step() == FeedbackStep::Pin)
        feedback_.setPin(local, code); // a reaction about a place: drops (or moves) its pin
    else if (feedback_.step() == FeedbackStep::Where && wijk >= 0)
        feedback_.chooseWijk(code); // a plan for this wijk
    else if (!feedback_.open())
        selected_ = wijk;
}

int App::shownWijk() const {
    if (feedback_.step() == FeedbackStep::Where && city_)
        return feedback_.wijk().empty() ? -1 : city_->findWijk(feedback_.wijk());
    return selected_;
}

void App::applyKeyboardCamera(double dt) {
    if (!camera_ || keyNav_.controlsFocused() || ImGui::GetIO().WantTextInput) return;
    const CameraKeys keys = platform::heldCameraKeys();
    if (!keys.any()) return;
    const CameraStep step = keyboardCameraStep(keys, dt, viewport());
    if (session_) session_->userMoved();
    CameraPose goal = camera_->goal();
    goal.yaw += step.yaw;
    goal.pitch += step.pitch;
    camera_->setGoal(goal);
    if (step.panPx != glm::dvec2(0)) camera_->pan(step.panPx.x, step.panPx.y, viewport().y);
    if (step.zoomFactor != 1.0) camera_->zoom(step.zoomFactor);
}

void App::announceChanges(double seconds) {
    if (!city_ || !plans_ || !planState_) return;
    ViewFacts facts;
    facts.language = options_.language;
    const int wijk = shownWijk();
    if (wijk >= 0 && size_t(wijk) < city_->wijken.size())
        facts.wijk = city_->wijken[size_t(wijk)].name;
    for (size_t i = 0; i < plans_->plans.size(); ++i)
        if (planState_->enabled(i))
            facts.plansOn.push_back(strings_(("plan." + plans_->plans[i].id + ".title").c_str()));
    if (size_t(planState_->phase()) < plans_->phases.size())
        facts.phase = strings_(
            ("phase." + plans_->phases[size_t(planState_->phase())].id + ".label").c_str());
    const std::string sentence = announcer_.update(facts, seconds, strings_);
    if (!sentence.empty()) platform::announce(sentence);
}

void App::placeCommentField() {
    if (!platform::hasOwnTextField()) return;
    const auto rect = targetRect("feedback.comment");
    const bool open = feedback_.step() == FeedbackStep::Comment && rect.has_value();
    if (!open && !commentFieldOpen_) return;
    const glm::vec4 r = rect.value_or(glm::vec4(0));
    char where[96];
    std::snprintf(where, sizeof where, "%.0f,%.0f,%.0f,%.0f|", r.x, r.y, r.z, r.w);
    const std::string shown = open ? where + feedback_.comment() : std::string();
    if (open == commentFieldOpen_ && shown == commentFieldShown_) return;
    const float box[4] = {r.x, r.y, r.z, r.w};
    platform::showCommentField(open, box, feedback_.comment(), strings_("feedback.comment_label"));
    commentFieldOpen_ = open;
    commentFieldShown_ = shown;
}

void App::fitHomeToPanels() {
    // Upright screens only (phones): there the panels take the top and the bottom, and the
    // city must fit between them. Wide screens keep their start view (and their goldens).
    const glm::ivec2 vp = viewport();
    if (!camera_ || !city_ || vp.x >= vp.y || options_.camera || session_) return;
    float top = 0, bottom = float(vp.y);
    for (const glm::vec4& p : panels_) {
        if (p.y < vp.y * 0.5f)
            top = std::max(top, p.y + p.w);
        else
            bottom = std::min(bottom, p.y);
    }
    const float margin = 8;
    const glm::vec4 band(margin, top + margin, float(vp.x) - 2 * margin, bottom - top - 2 * margin);
    if (band.w < vp.y * 0.2f) return; // no room worth fitting into
    // The city: every wijk (the land around it reaches far beyond, into the polder)...
    std::vector<glm::dvec2> points;
    for (const WijkInfo& w : city_->wijken)
        points.push_back(w.label);
    std::vector<glm::dvec2> halfSizes(points.size(), glm::dvec2(0));
    // ... and every stadsdeel's name whole, with a little room (ui::drawMapLabels).
    for (const PlaceLabel& p : city_->stadsdelen) {
        ImFont* font = ui::stadsdeelFont(fonts_, vp);
        const ImVec2 size = font->CalcTextSizeA(font->FontSize * ImGui::GetIO().FontGlobalScale,
                                                FLT_MAX, 0.0f, p.name.c_str());
        points.push_back(p.label);
        halfSizes.push_back(glm::dvec2(size.x * 0.5 + 4, size.y * 0.5 + 4));
    }
    // Looking down more steeply than on wide screens: the names spread over the band's height.
    CameraPose start = camera_->home();
    start.pitch = 1.3;
    camera_->setHome(fitPointsInBand(*camera_, start, points, vp, band, halfSizes));
    camera_->reset();
    camera_->snapToGoal();
    redrawFrames_ = std::max(redrawFrames_, 2);
}

const std::string& App::replaceComment(const std::string& utf8) {
    if (feedback_.step() == FeedbackStep::Comment) feedback_.setComment(utf8);
    redrawFrames_ = std::max(redrawFrames_, 2);
    return feedback_.comment();
}

void App::applyGestures(double dt) {
    applyKeyboardCamera(dt);
    const GestureOutput g = gestures_.take();
    if (!camera_) return;
    if (session_ && (g.orbit != glm::dvec2(0) || g.pan != glm::dvec2(0) || g.zoomFactor != 1.0 ||
                     g.rotate != 0.0 || g.tap))
        session_->userMoved();
    const glm::ivec2 vp = viewport();
    if (g.orbit != glm::dvec2(0)) camera_->orbit(g.orbit.x, g.orbit.y, vp.x);
    if (g.pan != glm::dvec2(0)) camera_->pan(g.pan.x, g.pan.y, vp.y);
    if (g.zoomFactor != 1.0) camera_->zoomAt(g.zoomFactor, g.zoomCentre, vp);
    if (g.rotate != 0.0) camera_->rotate(g.rotate);
    if (g.tap && city_) {
        const auto ground = camera_->groundPoint(*g.tap, vp, layer::kLandTop);
        if (ground)
            chooseOnMap({ground->x, -ground->y}, wijkAt(*city_, {ground->x, -ground->y}));
        else if (!feedback_.open())
            selected_ = -1;
    }
}

void App::render() {
    const glm::ivec2 size = window_->drawableSize();
    glViewport(0, 0, size.x, size.y);
    const glm::vec3 sky = CityRenderer::kSkyColor;
    glClearColor(sky.r, sky.g, sky.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    FrameParams params;
    if (renderer_ && camera_) {
        const double aspect = size.y > 0 ? double(size.x) / double(size.y) : 1.0;
        params.viewProj = camera_->projection(aspect) * camera_->view();
        params.eye = glm::vec3(camera_->eye());
        params.fovY = OrbitCamera::kFovY;
        params.viewportHeight = size.y;
        params.hazeDistance = float(camera_->pose().distance * 3.0 + 20000.0);
        params.selectedWijk = shownWijk();
        params.layers = options_.layers;
        for (size_t i = 0; planState_ && i < plans_->plans.size(); ++i) {
            params.planPresence.push_back(float(planState_->presence(i)));
            params.planShown.push_back(float(planState_->shown(i)));
        }
        for (size_t i = 0; planState_ && i < plans_->themes.size(); ++i)
            params.themePresence.push_back(planState_->themeEnabled(i) ? 1.0f : 0.0f);
        if (planState_ && planState_->compare()) {
            // Today on the left of the divider, the chosen plans and time on the right.
            const int split = int(planState_->divider() * size.x + 0.5);
            glEnable(GL_SCISSOR_TEST);
            glScissor(split, 0, size.x - split, size.y);
            renderer_->draw(params);
            FrameParams today = params;
            std::fill(today.planPresence.begin(), today.planPresence.end(), 0.0f);
            std::fill(today.planShown.begin(), today.planShown.end(), 0.0f);
            std::fill(today.themePresence.begin(), today.themePresence.end(), 0.0f);
            glScissor(0, 0, split, size.y);
            renderer_->draw(today);
            glDisable(GL_SCISSOR_TEST);
        } else {
            renderer_->draw(params);
        }
    }

    if (fontsDirty_ && !session_) applyReadingHelp();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    platform::pointerWithoutWindowSystem();
    ImGui::NewFrame();
    keyNav_.beforePanels();
    ui::OverlayState state;
    state.strings = &strings_;
    state.city = city_.get();
    state.camera = camera_.get();
    state.viewport = viewport();
    state.selectedWijk = selected_;
    state.creditsOpen = creditsOpen_;
    state.languages = &languages_;
    state.language = options_.language;
    state.languagesOpen = languagesOpen_;
    state.error = error_;
    state.plans = plans_.get();
    state.planState = planState_.get();
    state.planCard = planCard_;
    state.goalsOpen = goalsOpen_;
    const glm::ivec2 vp = viewport();
    // Larger text leaves no room for the plans panel beside the title: it starts folded.
    state.plansOpen = plansOpen_.value_or(vp.x >= 1000 && vp.y >= 600 && !reading_.largeText);
    state.feedback = form_ ? &feedback_ : nullptr;
    state.form = form_.get();
    state.feedbackError = feedbackError_;
    state.feedbackPending = sink_ ? sink_->pending() : 0;
    refreshSummary();
    state.summary = summary_.get();
    state.showReactions = showReactions_;
    state.reading = reading_;
    state.readingOpen = readingOpen_;
    state.menuOpen = menuOpen_;
    state.embed = options_.embed;
    state.canShare = !options_.shareBase.empty();
    state.shareUrl = shareUrl_;
    state.shareQr = shareQr_.size > 0 ? &shareQr_ : nullptr;
    state.ownKeyboard = !platform::hasOwnTextField();
    state.keyboardUser = keyboardUser_;

    const auto labels = ui::drawMapLabels(state, fonts_);
    // A mode draws its own screen in place of the kiosk's panels: the attract screen between
    // visitors, or a session's screens. The kiosk's staff panel lies over any of them.
    ui::OverlayActions actions;
    if (attract_ && attract_->active() && error_.empty())
        actions = attract_->draw(state, fonts_);
    else if (session_ && error_.empty())
        actions = session_->draw(state, fonts_, viewAccess());
    else
        actions = ui::drawOverlay(state, fonts_);
    if (staff_ && staff_->open())
        staff_->draw(fonts_, vp, nowMs() / 1000.0, actions.panels, actions.targets);
    ImGui::Render();
    keyNav_.afterRender();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (options_.planMask && renderer_ && camera_) {
        glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        renderer_->drawPlanMask(params);
    }

    panels_ = actions.panels;
    targets_ = actions.targets;
    for (size_t i = 0; i < panels_.size(); ++i)
        targets_.push_back({"panel:" + std::to_string(i), panels_[i]});
    targets_.insert(targets_.end(), labels.begin(), labels.end());
    focusedTarget_ = actions.focusedTarget;
    if (actions.resetView && camera_) {
        camera_->reset();
        selected_ = -1;
    }
    if (actions.openCredits) creditsOpen_ = true;
    if (actions.closeCredits) creditsOpen_ = false;
    if (actions.clearSelection) selected_ = -1;
    if (actions.openLanguages) {
        languagesOpen_ = true;
        creditsOpen_ = false; // both are centred: one at a time
    }
    if (actions.closeLanguages) languagesOpen_ = false;
    if (!actions.chooseLanguage.empty()) {
        showLanguage(actions.chooseLanguage);
        languagesOpen_ = false;
    }
    if (planState_ && actions.togglePlan >= 0) {
        planState_->toggle(size_t(actions.togglePlan));
        // Switching a plan on opens its card; switching it off closes it.
        planCard_ = planState_->enabled(size_t(actions.togglePlan)) ? actions.togglePlan : -1;
        selected_ = -1;
        // ... and brings its area into view, between the panels.
        if (planCard_ >= 0 && camera_) {
            const PlanView view = planView(*city_, plans_->plans[size_t(planCard_)]);
            CameraPose goal = camera_->goal();
            goal.target = {view.centre.x, -view.centre.y};
            goal.distance = view.distance;
            camera_->setGoal(goal);
        }
    }
    if (planState_ && actions.toggleTheme >= 0)
        planState_->toggleTheme(size_t(actions.toggleTheme));
    if (planState_ && actions.setPhase >= 0) planState_->setPhase(actions.setPhase);
    if (planState_ && actions.dragTime >= 0) planState_->dragTime(actions.dragTime);
    if (actions.closePlanCard) planCard_ = -1;
    if (actions.togglePlansPanel) plansOpen_ = !state.plansOpen;
    if (actions.toggleGoals) goalsOpen_ = !goalsOpen_;
    if (planState_ && actions.toggleCompare) planState_->setCompare(!planState_->compare());
    if (planState_ && actions.divider >= 0) planState_->setDivider(actions.divider);
    applyFeedback(actions.feedback);
    if (actions.toggleReactions) showReactions_ = !showReactions_;
    if (actions.toggleMenu) menuOpen_ = !menuOpen_;
    // A choice made in the menu closes it (the reading help's switches open in its place).
    if (actions.toggleReadingPanel || actions.share || actions.openCredits || actions.resetView ||
        actions.openLanguages)
        menuOpen_ = false;
    if (actions.toggleReadingPanel) readingOpen_ = !readingOpen_;
    if (actions.toggleLargeText || actions.toggleHighContrast) {
        reading_.largeText ^= actions.toggleLargeText;
        reading_.highContrast ^= actions.toggleHighContrast;
        fontsDirty_ = true;
    }
    if (actions.share) shareView();
    if (actions.closeShare) {
        shareUrl_.clear();
        shareQr_ = {};
    }
    placeCommentField();
}

void App::refreshSummary() {
    // New summaries come every minute or so: look once a second, not in every frame of an orbit
    // (in the browser each look copies the whole body out of JavaScript).
    const double now = nowMs();
    if (now < nextSummaryCheckMs_) return;
    nextSummaryCheckMs_ = now + 1000.0;
    const std::string text = sink_ ? sink_->latestSummary() : options_.summaryJson;
    if (text.empty() || text == summaryText_) return;
    summaryText_ = text;
    auto parsed = parseFeedbackSummary(text);
    if (parsed)
        summary_ = std::make_unique<FeedbackSummary>(parsed.take());
    else
        std::fprintf(stderr, "almere2050: ignoring the server's summary: %s\n",
                     parsed.error().c_str());
}

void App::applyFeedback(const ui::FeedbackInput& in) {
    if (in.start || in.again) feedback_.start(selectedCode());
    if (!in.startKind.empty()) feedback_.startWith(in.startKind, in.startId, selectedCode());
    if (in.startAtSelection && city_ && selected_ >= 0) {
        const WijkInfo& w = city_->wijken[size_t(selected_)];
        feedback_.startAtPlace(w.label, w.code);
    }
    if (in.start || in.again || !in.startKind.empty() || in.startAtSelection) {
        feedbackError_.clear();
        planCard_ = -1;
        selected_ = -1;
    }
    if (!in.chooseKind.empty()) feedback_.chooseSubject(in.chooseKind, in.chooseId);
    if (in.wholeCity) {
        feedback_.chooseWijk("");
        feedback_.next();
    }
    if (in.rating) feedback_.setRating(in.rating);
    if (!in.typed.empty()) feedback_.type(in.typed);
    if (in.backspace) feedback_.backspace();
    if (in.clearComment) feedback_.clearComment();
    if (in.toggleCapitals) feedback_.toggleCapitals();
    if (!in.ageBand.empty()) feedback_.setAgeBand(in.ageBand);
    if (!in.home.empty()) feedback_.setHome(in.home);
    if (in.consent >= 0) feedback_.setConsent(in.consent == 1);
    if (in.next) feedback_.next();
    if (in.back) feedback_.back();
    if (in.cancel) feedback_.cancel();
    if (in.submit) submitFeedback();
}

void App::startOver() {
    startedOver_ = true;
    if (staff_) staff_->close();
    feedback_.cancel();
    feedbackError_.clear();
    selected_ = -1;
    planCard_ = -1;
    goalsOpen_ = creditsOpen_ = languagesOpen_ = showReactions_ = false;
    plansOpen_.reset();
    if (camera_) camera_->reset();
    if (planState_)
        planState_->decode(options_.planState.empty() ? "plans=;phase=nu" : options_.planState);
    if (options_.language != startLanguage_ || wantedLanguage_ != startLanguage_)
        showLanguage(startLanguage_);
    // The reading help is for one visit: the next visitor finds the kiosk as it began.
    readingOpen_ = menuOpen_ = false;
    shareUrl_.clear();
    shareQr_ = {};
    if (!(reading_ == startReading_)) {
        reading_ = startReading_;
        fontsDirty_ = true;
    }
    redrawFrames_ = std::max(redrawFrames_, 2);
    if (attract_) attract_->start(viewAccess()); // the tour, until the next visitor's touch
}

void App::submitFeedback() {
    if (!feedback_.canGoOn()) return;
    // In a Burgerberaad the staff count it apart from the kiosk and the browser (issue 11).
    const Reaction r =
        feedback_.reaction(planState_ ? planState_->encode() : "", options_.language,
                           session_ ? "session" : options_.channel, int64_t(std::time(nullptr)));
    // Thank the resident only once the reaction is safe on this device.
    feedbackError_ = sink_ ? sink_->submit(r.id, toJson(r)) : sinkError_;
    if (feedbackError_.empty()) feedback_.finished();
}

void App::loadFeedback() {
    std::string text;
    const std::string path = "assets/feedback/form.json";
    if (!platform::readFile(platform::assetRoot() + "/feedback/form.json", text)) {
        error_ = path + ": cannot read the file";
        return;
    }
    auto rules = parseReactionRules({path, text});
    if (!rules) {
        error_ = rules.error();
        return;
    }
    form_ = std::make_unique<ReactionRules>(rules.take());
    // Screenshots and benchmarks never store anything.
    if (options_.screenshotPath.empty() && options_.benchFrames == 0) {
        sink_ = platform::openFeedbackSink(options_.feedback, sinkError_);
        if (!sink_)
            std::fprintf(stderr, "almere2050: reactions cannot be stored: %s\n",
                         sinkError_.c_str());
    } else {
        sinkError_ = "not stored: screenshot or benchmark run";
    }
    staff_ = makeKioskStaff(options_.staff, sink_.get());
    if (!options_.feedbackDemo.empty()) showFeedbackDemo(options_.feedbackDemo);
    showReactions_ = options_.showReactions;
}

// Walks the flow to `step` with example answers, for screenshots of each step.
void App::showFeedbackDemo(const std::string& step) {
    if (step == "subject") return feedback_.start();
    if (step == "ambition") {
        feedback_.start();
        return feedback_.chooseSubject("ambition", "");
    }
    if (step == "pin") {
        feedback_.start();
        feedback_.chooseSubject("place", "");
        return feedback_.setPin(wgs84ToLocal({5.2178, 52.3747}), "WK003417");
    }
    feedback_.startWith("plan", "pampus");
    feedback_.chooseWijk("WK003417");
    if (step == "where") return;
    feedback_.next();
    feedback_.setRating(4);
    if (step == "rating") return;
    feedback_.next();
    feedback_.type("Meer bomen en een fietspad langs het water. Caf\xc3\xa9 \xc3\xab!");
    if (step == "comment") return;
    feedback_.next();
    feedback_.setAgeBand("35_54");
    feedback_.setHome("stad");
    if (step == "background") return;
    feedback_.next();
    feedback_.setConsent(true);
    if (step == "consent") return;
    feedback_.finished();
}

bool App::loadPlans() {
    std::string text;
    if (!platform::readFile(platform::assetRoot() + "/plans.json", text)) {
        error_ = "assets/plans.json: cannot read the file";
        return false;
    }
    std::vector<std::string> codes;
    for (const WijkInfo& w : city_->wijken)
        codes.push_back(w.code);
    auto catalog = parsePlanCatalog({"assets/plans.json", text}, codes);
    if (!catalog) {
        error_ = catalog.error();
        return false;
    }
    plans_ = std::make_unique<PlanCatalog>(catalog.take());
    planState_ = std::make_unique<PlanState>(plans_.get());
    if (!options_.planState.empty() && !planState_->decode(options_.planState)) {
        error_ = "plan state '" + options_.planState + "' names an unknown plan or phase";
        return false;
    }
    planState_->snap();
    if (options_.planCard >= 0 && size_t(options_.planCard) < plans_->plans.size())
        planCard_ = options_.planCard;
    return true;
}

void App::loadRealBuildings() {
    // Natively the folder beside almere.glb (or --buildings DIR); on the web the same folder
    // under the page's, whose index is fetched now and whose tiles come as the camera needs
    // them, never with the first download.
    const bool asked = !options_.buildingsFile.empty();
    const std::string dir =
        asked ? options_.buildingsFile : platform::assetRoot() + "/almere.buildings";
    const std::string name = asked ? dir : "assets/almere.buildings";
    realBuildings_ = std::make_unique<RealBuildings>(dir, "almere.buildings", name);
    if (!asked || !realBuildings_->settled()) return;
    if (!realBuildings_->found())
        error_ = name + "/" + kBuildingIndexName + ": cannot read the file";
    else if (!realBuildings_->error().empty())
        error_ = realBuildings_->error();
}

void App::useRealIndex() {
    if (!realBuildings_ || !realBuildings_->settled()) return;
    if (realBuildings_->found() && realBuildings_->index().cityFingerprint != cityFingerprint_) {
        // The tiles beside almere.glb must be the ones baked with it (an old folder left
        // behind, or a new .glb copied onto a kiosk without its buildings, was sorted into
        // another city's wijken): schematic buildings rather than misplaced ones. A folder
        // named with --buildings is the operator's (or a test's) choice: shown, with a note.
        const bool asked = !options_.buildingsFile.empty();
        std::fprintf(stderr, "almere2050: %s: baked with another almere.glb%s\n",
                     asked ? options_.buildingsFile.c_str() : "assets/almere.buildings",
                     asked ? "; shown as asked"
                           : " (showing schematic buildings; bake both again with "
                             "almere-bake --buildings)");
        if (!asked) {
            realBuildings_.reset();
            return;
        }
    }
    city_->realIndex = realBuildings_->index();
    // The baker names the layer in the .glb's credits; tiles given apart from their .glb (or a
    // .glb baked without the layer) must still be credited wherever its buildings show.
    const std::string credit = city_->realIndex.credit();
    std::vector<std::string>& credits = city_->attribution;
    if (showsRealBuildings(*city_) &&
        std::find(credits.begin(), credits.end(), credit) == credits.end())
        credits.push_back(credit);
}

void App::updateRealBuildings() {
    if (!realBuildings_ || massingPending_ || !renderer_ || !camera_) return;
    const glm::ivec2 size = window_->drawableSize();
    const double aspect = size.y > 0 ? double(size.x) / double(size.y) : 1.0;
    const TileViewer viewer{camera_->projection(aspect) * camera_->view(),
                            glm::vec3(camera_->eye()), OrbitCamera::kFovY, size.y};
    const bool wasBusy = realBuildings_->busy();
    if (realBuildings_->update(*city_, viewer, *renderer_))
        redrawFrames_ = std::max(redrawFrames_, 2);
    if (wasBusy && !realBuildings_->busy())
        std::printf("almere2050: real buildings: %zu tiles drawn (%.1f MB on the GPU, %zu "
                    "unloaded so far), %.0f ms after start\n",
                    renderer_->realTileCount(), double(realBuildings_->loadedBytes()) / 1e6,
                    realBuildings_->tilesDropped(),
                    nowMs() - double(startTicks_) * 1000.0 / double(SDL_GetPerformanceFrequency()));
}

void App::addMassing() {
    const double start = nowMs();
    useRealIndex();
    deriveDetails(*city_);
    renderer_->setMassing(city_->massing, city_->massingEnds, city_->massingTiles);
    renderer_->setGround(city_->ground, city_->groundCells);
    if (plans_) renderer_->setPlans(buildPlanLayers(*city_, *plans_));
    if (plans_) renderer_->setThemes(buildThemeLayers(*city_, *plans_));
    std::printf(
        "almere2050: picking grids and %zu buildings (%s) in %.0f ms\n", city_->massingEnds.size(),
        showsRealBuildings(*city_) ? "real where the layer covers, else schematic" : "schematic",
        nowMs() - start);
    massingPending_ = false;
    redrawFrames_ = std::max(redrawFrames_, 1);
}

bool App::frame() {
    const uint64_t ticks = SDL_GetPerformanceCounter();
    const double dt = double(ticks - lastTicks_) / double(SDL_GetPerformanceFrequency());
    lastTicks_ = ticks;
    const double begin = nowMs();
    const std::clock_t cpuBegin = std::clock();

    const bool input = handleEvents();
    const double seconds = double(ticks) / double(SDL_GetPerformanceFrequency());
    if (input) {
        lastInput_ = seconds;
        startedOver_ = false;
    }
    // An unattended kiosk: a reaction left half-way is forgotten before the next visitor.
    // The thank-you screen steps aside sooner, for the next visitor.
    const double idleLimit = feedback_.step() == FeedbackStep::Thanks
                                 ? std::min(options_.feedbackIdleSeconds, 20.0)
                                 : options_.feedbackIdleSeconds;
    if (idleLimit > 0 && feedback_.open() && seconds - lastInput_ > idleLimit) {
        feedback_.cancel();
        feedbackError_.clear();
        redrawFrames_ = std::max(redrawFrames_, 2);
    }
    // A while later the whole screen starts over: the next visitor finds the kiosk as it began,
    // not the last visitor's plans, card or language.
    if (options_.feedbackIdleSeconds > 0 && !startedOver_ &&
        seconds - lastInput_ > 1.5 * options_.feedbackIdleSeconds)
        startOver();
    if (staff_ && staff_->update(seconds)) redrawFrames_ = std::max(redrawFrames_, 2);
    applyGestures(dt);
    // The tour's plans are not news to a screen reader (nor to the kiosk's log, all evening).
    const bool attract = attract_ && attract_->active();
    if (!attract) announceChanges(seconds);
    const bool attractFrame = attract && attract_->update(viewAccess(), seconds);
    const bool sessionNews = session_ && city_ && session_->update(viewAccess(), seconds);
    if (session_ && !session_->error().empty() && error_.empty()) error_ = session_->error();
    const bool scripted = options_.benchFrames > 0 || !options_.screenshotPath.empty();
    if (options_.benchFrames > 0 && camera_) camera_->orbit(4.0, 0.0, viewport().x);
    // Reduced motion: the view jumps to where it is going (no easing, no growing plans).
    const bool jump = scripted || options_.reducedMotion;
    if (camera_) jump ? camera_->snapToGoal() : camera_->update(std::min(dt, 0.1));
    if (planState_) jump ? planState_->snap() : planState_->update(std::min(dt, 0.1));
    // The tour draws at its own modest frame rate, and waits for a touch in between.
    if (attract && !attractFrame && !scripted) {
        platform::idleUntilInput(std::max(1, int(attract_->secondsToNextFrame(seconds) * 1000)));
        return !quit_;
    }

    // Draw only when something changed: a kiosk idles between visitors and phones run on
    // batteries. A still canvas keeps showing the last frame.
    const double now = double(ticks) / double(SDL_GetPerformanceFrequency());
    if (input || sessionNews || (camera_ && camera_->isMoving()) ||
        (planState_ && planState_->animating())) {
        redrawUntil_ = now + 0.5;
        redrawFrames_ = 6;
    }
    // The first frame shows the city without buildings; they follow on the next.
    // With a layer of real buildings, once its index says which wijken it covers (the web
    // fetches it; natively it is read at load).
    if (massingPending_ && frameCount_ >= 1 && (!realBuildings_ || realBuildings_->settled()))
        addMassing();
    updateRealBuildings();
    // Also on frames that draw nothing: a change that needs no redraw of its own (a language
    // that arrived, the camera settling) still reaches the address within half a second.
    publishView(seconds);
    if (!scripted && frameCount_ > 0 && now > redrawUntil_ && redrawFrames_ <= 0) {
        platform::idleUntilInput(100);
        return !quit_;
    }
    render();
    // Panels get their size in their second frame (Dear ImGui's auto-resize); a browser may
    // still resize the canvas after that: fit again while the view is the start view.
    if (frameCount_ >= 1 && viewport() != fittedFor_ && camera_ &&
        (frameCount_ == 1 || camera_->goal().target == camera_->home().target)) {
        fittedFor_ = viewport();
        fitHomeToPanels();
    }
    --redrawFrames_;
    if (options_.benchFrames > 0) glFinish(); // time the GPU's work, not just its queueing
    ++frameCount_;
    const double end = nowMs();
    if (frameCount_ == 1) {
        stats_.firstFrameMs =
            (end - double(startTicks_) * 1000.0 / double(SDL_GetPerformanceFrequency()));
        if (city_) platform::notifyFirstFrame();
        std::printf("almere2050: startup ms: %s, first frame %.0f (total %.0f)\n",
                    stats_.startup.c_str(), end - begin, stats_.firstFrameMs);
    } else if (options_.benchFrames > 0 && !(realBuildings_ && realBuildings_->busy())) {
        // Frames that still add tiles of real buildings are loading, not the steady state.
        stats_.frameMs.push_back(end - begin);
        stats_.cpuMs += double(std::clock() - cpuBegin) * 1000.0 / CLOCKS_PER_SEC;
    }
    finishFrame();
    window_->swap();
    return !quit_;
}

void App::finishFrame() {
    // A screenshot waits (up to 600 frames) for the tiles of real buildings its view needs.
    const bool tilesComing =
        realBuildings_ && realBuildings_->busy() && frameCount_ < uint64_t(options_.frames) + 600;
    if (!options_.screenshotPath.empty() && frameCount_ >= uint64_t(options_.frames) &&
        !tilesComing) {
        const glm::ivec2 size = window_->drawableSize();
        std::string err;
        if (!platform::writeScreenshot(options_.screenshotPath, size, err)) {
            std::fprintf(stderr, "almere2050: %s\n", err.c_str());
            exitCode_ = 1;
        }
        quit_ = true;
    }
    if (options_.benchFrames > 0 && stats_.frameMs.size() >= size_t(options_.benchFrames)) {
        const glm::ivec2 size = window_->drawableSize();
        const size_t triangles =
            city_ ? (city_->context.indices.size() + city_->water3d.indices.size() +
                     city_->land.indices.size() + city_->massing.indices.size()) /
                        3
                  : 0;
        std::printf("{\"width\": %d, \"height\": %d, \"frames\": %zu, \"triangles\": %zu, "
                    "\"first_frame_ms\": %.1f, \"median_ms\": %.2f, \"p95_ms\": %.2f, "
                    "\"cpu_ms_per_frame\": %.2f, "
                    "\"renderer\": \"%s\"}\n",
                    size.x, size.y, stats_.frameMs.size(), triangles, stats_.firstFrameMs,
                    percentile(stats_.frameMs, 0.5), percentile(stats_.frameMs, 0.95),
                    stats_.cpuMs / double(stats_.frameMs.size()),
                    reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
        quit_ = true;
    }
}

void App::shutdown() {
    renderer_.reset();
    if (ImGui::GetCurrentContext()) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    window_.reset();
}

ViewAccess App::viewAccess() {
    return {city_.get(), plans_.get(), planState_.get(), camera_.get(),
            &selected_,  &strings_,    options_.language};
}

void App::sessionState(const std::string& json) {
    if (session_) session_->receiveState(json);
}

std::string App::sessionViewText() {
    return encodeSessionView(currentView(viewAccess()));
}

std::string App::selectedCode() const {
    const int wijk = shownWijk();
    return city_ && wijk >= 0 ? city_->wijken[size_t(wijk)].code : std::string();
}

std::optional<glm::vec4> App::targetRect(const std::string& name) const {
    for (const auto& t : targets_)
        if (t.first == name) return t.second;
    return std::nullopt;
}

std::optional<glm::dvec2> App::screenPositionOf(const std::string& code) const {
    if (!city_ || !camera_) return std::nullopt;
    const int i = city_->findWijk(code);
    if (i < 0) return std::nullopt;
    const glm::dvec2 p = city_->wijken[size_t(i)].label;
    return camera_->projectMapPoint(p, layer::kLandTop, viewport());
}

} // namespace almere
