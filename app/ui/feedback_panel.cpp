#include "ui/feedback_panel.hpp"

#include "core/plan_layers.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace almere::ui {
namespace {

// Faces from very negative to very positive: colour, and the mouth's curve (-1 sad, +1 happy).
const Rgb kFaceColors[5] = {Rgb(214, 69, 65), Rgb(236, 138, 56), Rgb(226, 190, 60),
                            Rgb(132, 190, 80), Rgb(46, 150, 80)};
constexpr float kMinKeyWidth = 36.0f; // 9 mm and a little at the densest phone screens

std::string k(const char* a, const std::string& b) {
    return std::string(a) + b;
}

// The words for a subject: the plan's or ambition's name, or the tapped wijk's.
std::string subjectName(const OverlayState& s) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    if (f.subjectKind() == "plan") return t(k("plan.", f.subjectId() + ".title").c_str());
    if (f.subjectKind() == "ambition") return t(k("ambition.", f.subjectId()).c_str());
    if (s.city) {
        const int w = s.city->findWijk(f.subjectId());
        if (w >= 0) return s.city->wijken[size_t(w)].name;
    }
    return t("feedback.place");
}

void face(ImDrawList* list, ImVec2 centre, float radius, int rating, bool chosen) {
    const Rgb c = kFaceColors[rating - 1];
    list->AddCircleFilled(centre, radius, ImGui::GetColorU32(toColor(c)), 32);
    if (chosen)
        list->AddCircle(centre, radius + 4, ImGui::GetColorU32(toColor(currentTheme().button)), 32,
                        4.0f);
    const ImU32 ink = IM_COL32(30, 30, 30, 255);
    const float eyeY = centre.y - radius * 0.25f;
    list->AddCircleFilled(ImVec2(centre.x - radius * 0.35f, eyeY), radius * 0.11f, ink);
    list->AddCircleFilled(ImVec2(centre.x + radius * 0.35f, eyeY), radius * 0.11f, ink);
    // The mouth bends up for a good rating and down for a bad one.
    const float curve = float(rating - 3) * 0.5f;
    const float mouthY = centre.y + radius * 0.35f;
    const ImVec2 a(centre.x - radius * 0.45f, mouthY - curve * radius * 0.12f);
    const ImVec2 b(centre.x + radius * 0.45f, a.y);
    const ImVec2 ctrl(centre.x, mouthY + curve * radius * 0.3f);
    list->AddBezierQuadratic(a, ctrl, b, ink, radius * 0.09f, 16);
}

// A choice button: filled when chosen.
bool choice(const char* label, bool chosen, float width = 0, float height = touchTarget()) {
    const Theme& theme = currentTheme();
    ImGui::PushStyleColor(ImGuiCol_Button, toColor(chosen ? theme.button : theme.choice));
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(chosen ? theme.buttonText : theme.text));
    // Words wider than the button (a long ambition on a phone) wrap inside a taller button
    // instead of being cut off.
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const float wrap = width - 2 * pad.x;
    bool pressed;
    if (width > 0 && ImGui::CalcTextSize(label).x > wrap) {
        const ImVec2 text = ImGui::CalcTextSize(label, nullptr, false, wrap);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float h = std::max(height, text.y + 2 * pad.y);
        pressed = ImGui::Button((std::string("##") + label).c_str(), ImVec2(width, h));
        ImGui::GetWindowDrawList()->AddText(
            ImGui::GetFont(), ImGui::GetFontSize(),
            ImVec2(at.x + (width - text.x) * 0.5f, at.y + (h - text.y) * 0.5f),
            ImGui::GetColorU32(ImGuiCol_Text), label, nullptr, wrap);
    } else {
        pressed = ImGui::Button(label, ImVec2(width, height));
    }
    ImGui::PopStyleColor(2);
    return pressed;
}

// A choice marked with a plan's colour (a dot), its words left-aligned.
bool colourChoice(const char* label, Rgb color, float width) {
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(52, 12));
    const bool pressed = choice(label, false, width);
    ImGui::PopStyleVar(2);
    const ImVec2 r = ImGui::GetItemRectMin();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(r.x + 26, r.y + touchTarget() * 0.5f), 11,
                                                ImGui::GetColorU32(toColor(color)), 20);
    return pressed;
}

// Back and stop on the left; the step's main action on the right.
void navigation(const OverlayState& s, OverlayActions& actions, const char* forward,
                bool forwardEnabled) {
    const Strings& t = *s.strings;
    ImGui::Spacing();
    if (choice(t("feedback.back"), false)) actions.feedback.back = true;
    target(actions, "feedback.back");
    ImGui::SameLine();
    if (choice(t("feedback.cancel"), false)) actions.feedback.cancel = true;
    target(actions, "feedback.cancel");
    if (!forward) return;
    const float w = ImGui::CalcTextSize(forward).x + 2 * ImGui::GetStyle().FramePadding.x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
    ImGui::BeginDisabled(!forwardEnabled);
    if (button(forward)) {
        if (s.feedback->step() == FeedbackStep::Consent)
            actions.feedback.submit = true;
        else
            actions.feedback.next = true;
    }
    target(actions, "feedback.forward");
    ImGui::EndDisabled();
}

// A reaction here is not a formal one (zienswijze): residents must not think it replaces one.
// Said on the first step they see in the centred panel, before they put any effort in, and again
// when thanked; in the accent colour so it stands apart. Not on the consent step: with a long
// comment that step already fills a phone screen.
bool firstCentredStep(const FeedbackFlow& f) {
    if (f.step() == FeedbackStep::Subject) return true;
    // Started from a card or a tapped place, only the map's card (pin or wijk) came before.
    return f.step() == FeedbackStep::Rating && f.subjectPreset();
}

// "Heel Almere", or the chosen wijk's name.
std::string whereName(const OverlayState& s) {
    const FeedbackFlow& f = *s.feedback;
    if (f.wijk().empty()) return (*s.strings)("feedback.whole_city");
    const int w = s.city ? s.city->findWijk(f.wijk()) : -1;
    return w >= 0 ? s.city->wijken[size_t(w)].name : f.wijk();
}

void notFormalNote(const Strings& t) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(currentTheme().button));
    ImGui::TextUnformatted(t("feedback.not_formal"));
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

// "Stap 2 van 5".
void stepLine(const OverlayState& s) {
    const Strings& t = *s.strings;
    ImGui::TextDisabled("%s %d %s %d", t("feedback.step"), s.feedback->stepNumber(),
                        t("feedback.of"), s.feedback->stepCount());
}

void header(const OverlayState& s, const Fonts& fonts, float width) {
    const Strings& t = *s.strings;
    beginCentredPanel(s, fonts, "##feedback", width, t("feedback.give"));
    if (s.feedback->step() != FeedbackStep::Thanks) stepLine(s);
}

void subjectStep(const OverlayState& s, OverlayActions& actions, float inner) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    if (f.subjectKind() == "ambition") {
        ImGui::TextUnformatted(t("feedback.ambition_q"));
        for (const std::string& a : s.plans->ambitions) {
            if (choice(t(k("ambition.", a).c_str()), false, inner)) {
                actions.feedback.chooseKind = "ambition";
                actions.feedback.chooseId = a;
            }
            target(actions, "ambition:" + a);
            // The vision's title, then what its harder words mean (plain language).
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
            ImGui::TextDisabled("%s", t(k("ambition.", a + ".plain").c_str()));
            ImGui::PopTextWrapPos();
        }
        return;
    }
    ImGui::TextUnformatted(t("feedback.subject_q"));
    for (size_t i = 0; s.plans && i < s.plans->plans.size(); ++i) {
        const PlanDef& plan = s.plans->plans[i];
        ImGui::PushID(int(i));
        if (colourChoice(t(k("plan.", plan.id + ".title").c_str()), plan.color, inner)) {
            actions.feedback.chooseKind = "plan";
            actions.feedback.chooseId = plan.id;
        }
        target(actions, "plan:" + plan.id);
        ImGui::PopID();
    }
    if (choice(t("feedback.place"), false, inner)) actions.feedback.chooseKind = "place";
    target(actions, "feedback.place");
    if (choice(t("feedback.ambition"), false, inner)) actions.feedback.chooseKind = "ambition";
    target(actions, "feedback.ambition");
}

void ratingStep(const OverlayState& s, OverlayActions& actions, float inner) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    ImGui::Text("%s: %s", t("feedback.about"), subjectName(s).c_str());
    ImGui::TextUnformatted(t("feedback.rating_q"));
    // Five across where there is room, one per row on phones; always face and words together.
    const bool across = inner >= 480;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float w = across ? (inner - 4 * spacing) / 5 : inner;
    const float h = across ? 112.0f : touchTarget() + 8;
    for (int r = 1; r <= 5; ++r) {
        if (across && r > 1) ImGui::SameLine();
        ImGui::PushID(r);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##face", ImVec2(w, h))) actions.feedback.rating = r;
        target(actions, "rating:" + std::to_string(r));
        ImDrawList* list = ImGui::GetWindowDrawList();
        const bool chosen = f.rating() == r;
        list->AddRectFilled(at, ImVec2(at.x + w, at.y + h),
                            chosen ? IM_COL32(222, 236, 248, 255) : IM_COL32(241, 244, 247, 255),
                            8.0f);
        const char* words = t(("feedback.rating." + std::to_string(r)).c_str());
        const ImVec2 size = ImGui::CalcTextSize(words);
        const float radius = across ? 28.0f : 22.0f;
        if (across) {
            face(list, ImVec2(at.x + w * 0.5f, at.y + 40), radius, r, chosen);
            list->AddText(ImVec2(at.x + (w - size.x) * 0.5f, at.y + 80),
                          ImGui::GetColorU32(ImGuiCol_Text), words);
        } else {
            face(list, ImVec2(at.x + 34, at.y + h * 0.5f), radius, r, chosen);
            list->AddText(ImVec2(at.x + 72, at.y + (h - size.y) * 0.5f),
                          ImGui::GetColorU32(ImGuiCol_Text), words);
        }
        ImGui::PopID();
    }
}

// The app's own keyboard: a touchscreen kiosk has no other (a browser uses the device's own).
// QWERTY, as on every Dutch keyboard, ten keys a row; accented letters on their own row.
void keyboard(const OverlayState& s, OverlayActions& actions, float inner) {
    const Strings& t = *s.strings;
    static const char* kQwerty = "1234567890qwertyuiopasdfghjkl'zxcvbnm,.?";
    // Accented letters, lower and upper case (UTF-8), then "!".
    static const char* kAccents[2][10] = {
        {"\xc3\xa9", "\xc3\xab", "\xc3\xa8", "\xc3\xaa", "\xc3\xaf", "\xc3\xb6", "\xc3\xbc",
         "\xc3\xb3", "\xc3\xa1", "!"},
        {"\xc3\x89", "\xc3\x8b", "\xc3\x88", "\xc3\x8a", "\xc3\x8f", "\xc3\x96", "\xc3\x9c",
         "\xc3\x93", "\xc3\x81", "!"}};
    const bool caps = s.feedback->capitals();
    const float gap = 6.0f;
    const bool wide = (inner - 9 * gap) / 10 >= kMinKeyWidth;
    const int columns = 10;
    std::vector<std::string> keys;
    for (const char* c = kQwerty; *c; ++c)
        keys.emplace_back(1, caps && *c >= 'a' && *c <= 'z' ? char(*c - 'a' + 'A') : *c);
    for (const char* accent : kAccents[caps ? 1 : 0])
        keys.emplace_back(accent);
    const float key = std::floor((inner - float(columns - 1) * gap) / float(columns));
    // Phones: lower keys so that eight rows and the buttons fit a 640 px high screen; 42 px
    // is still more than 9 mm.
    const float keyHeight = wide ? touchTarget() : 42.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 12));
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i % size_t(columns) != 0) ImGui::SameLine();
        ImGui::PushID(int(i));
        if (choice(keys[i].c_str(), false, key, keyHeight)) actions.feedback.typed = keys[i];
        target(actions, "key:" + keys[i]);
        ImGui::PopID();
    }
    // Shift, space, delete a letter, delete all: four a row, or two on phones.
    const int perRow = wide ? 4 : 2;
    const float w = std::floor((inner - float(perRow - 1) * gap) / float(perRow));
    const struct {
        const char* label;
        const char* name;
        bool on;
    } special[4] = {{t("feedback.key_shift"), "key:shift", caps},
                    {t("feedback.key_space"), "key:space", false},
                    {t("feedback.key_back"), "key:backspace", false},
                    {t("feedback.key_clear"), "key:clear", false}};
    for (int i = 0; i < 4; ++i) {
        if (i % perRow != 0) ImGui::SameLine();
        if (choice(special[i].label, special[i].on, w, keyHeight)) {
            if (i == 0) actions.feedback.toggleCapitals = true;
            if (i == 1) actions.feedback.typed = " ";
            if (i == 2) actions.feedback.backspace = true;
            if (i == 3) actions.feedback.clearComment = true;
        }
        target(actions, special[i].name);
    }
    ImGui::PopStyleVar(2);
}

void commentStep(const OverlayState& s, OverlayActions& actions, float inner) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    ImGui::TextUnformatted(t("feedback.comment_q"));
    // The text so far in a box, with a cursor mark and the count against the limit.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.97f, 0.98f, 0.99f, 1));
    ImGui::BeginChild("##comment", ImVec2(inner, inner >= 480 ? 96.0f : 72.0f), true);
    ImGui::PushTextWrapPos(0.0f);
    if (f.comment().empty())
        ImGui::TextDisabled("%s", t("feedback.comment_empty"));
    else
        ImGui::TextUnformatted((f.comment() + "|").c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetScrollHereY(1.0f); // keep the end of the text in view
    ImGui::EndChild();
    target(actions, "feedback.comment");
    ImGui::PopStyleColor();
    const bool full = f.commentLength() >= kMaxCommentChars;
    ImGui::TextColored(full ? toColor(currentTheme().error)
                            : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled],
                       "%zu / %zu %s", f.commentLength(), kMaxCommentChars, t("feedback.chars"));
    if (s.ownKeyboard) keyboard(s, actions, inner);
}

void backgroundStep(const OverlayState& s, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(t("feedback.background_q"));
    ImGui::PopTextWrapPos();
    auto chips = [&](const char* title, const std::vector<std::string>& ids, const char* prefix,
                     const std::string& chosen, std::string& out) {
        ImGui::TextUnformatted(title);
        for (size_t i = 0; i < ids.size(); ++i) {
            const std::string label = t((prefix + ids[i]).c_str());
            // Wrap within this panel (sameLineIfFits measures against the screen).
            const float w =
                ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
            if (i > 0 && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w <=
                             ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
                ImGui::SameLine();
            ImGui::PushID(ids[i].c_str());
            if (choice(label.c_str(), chosen == ids[i])) out = ids[i];
            target(actions, std::string(prefix) + ids[i]);
            ImGui::PopID();
        }
    };
    ImGui::PushID("age");
    chips(t("feedback.age"), s.form->ageBands, "feedback.age.", f.ageBand(),
          actions.feedback.ageBand);
    ImGui::PopID();
    ImGui::PushID("home");
    chips(t("feedback.home"), s.form->stadsdelen, "feedback.home.", f.home(),
          actions.feedback.home);
    ImGui::PopID();
}

void consentStep(const OverlayState& s, OverlayActions& actions, float inner) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    ImGui::PushTextWrapPos(0.0f);
    // Exactly what will be stored, then what that means.
    ImGui::Text("%s: %s", t("feedback.about"), subjectName(s).c_str());
    if (f.step() == FeedbackStep::Consent && f.wijkChosen())
        ImGui::Text("%s: %s", t("feedback.where"), whereName(s).c_str());
    ImGui::Text("%s: %s", t("feedback.rating"),
                t(("feedback.rating." + std::to_string(f.rating())).c_str()));
    if (!f.comment().empty()) ImGui::Text("%s: %s", t("feedback.comment"), f.comment().c_str());
    if (!f.ageBand().empty())
        ImGui::Text("%s %s", t("feedback.age"), t(k("feedback.age.", f.ageBand()).c_str()));
    if (!f.home().empty())
        ImGui::Text("%s %s", t("feedback.home"), t(k("feedback.home.", f.home()).c_str()));
    ImGui::Spacing();
    ImGui::TextUnformatted(t("feedback.consent_text"));
    ImGui::PopTextWrapPos();
    if (toggleButton(t("feedback.consent_yes"), currentTheme().button, f.consent(), inner))
        actions.feedback.consent = f.consent() ? 0 : 1;
    target(actions, "feedback.consent");
    if (!s.feedbackError.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(toColor(currentTheme().error), "%s", t("feedback.error"));
        ImGui::TextDisabled("%s", s.feedbackError.c_str());
        ImGui::PopTextWrapPos();
    }
}

void thanksStep(const OverlayState& s, OverlayActions& actions) {
    const Strings& t = *s.strings;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(t("feedback.thanks_text"));
    if (s.feedbackPending > 0)
        ImGui::TextDisabled("%s: %zu", t("feedback.pending"), s.feedbackPending);
    ImGui::PopTextWrapPos();
    notFormalNote(t);
    ImGui::Spacing();
    if (button(t("feedback.again"))) actions.feedback.again = true;
    ImGui::SameLine();
    if (button(t("feedback.done"))) actions.feedback.cancel = true;
    target(actions, "feedback.done");
}

// The pin step leaves the map free: a card along the bottom says what to do.
void pinStep(const OverlayState& s, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    beginLeftCard(s, "##feedback", -1.0f, 560.0f);
    stepLine(s);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(t(f.hasPin() ? "feedback.pin_set" : "feedback.pin_q"));
    if (f.hasPin()) ImGui::Text("%s", subjectName(s).c_str());
    if (s.keyboardUser) ImGui::TextDisabled("%s", t("feedback.pin_keys"));
    ImGui::PopTextWrapPos();
    navigation(s, actions, t("feedback.next"), f.canGoOn());
    endPanel(actions);
}

// A plan or ambition: for which wijk? The map stays free to tap one; heel Almere is a button.
void whereStep(const OverlayState& s, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const FeedbackFlow& f = *s.feedback;
    beginLeftCard(s, "##feedback", -1.0f, 560.0f);
    stepLine(s);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("%s: %s", t("feedback.about"), subjectName(s).c_str());
    ImGui::TextUnformatted(t("feedback.where_q"));
    if (f.wijkChosen()) ImGui::Text("%s: %s", t("feedback.where"), whereName(s).c_str());
    if (s.keyboardUser) ImGui::TextDisabled("%s", t("feedback.where_keys"));
    ImGui::PopTextWrapPos();
    if (choice(t("feedback.whole_city"), f.wijkChosen() && f.wijk().empty()))
        actions.feedback.wholeCity = true;
    target(actions, "feedback.whole_city");
    navigation(s, actions, t("feedback.next"), f.canGoOn());
    endPanel(actions);
}

} // namespace

void drawFeedback(const OverlayState& s, const Fonts& fonts, OverlayActions& actions) {
    const FeedbackFlow& f = *s.feedback;
    const Strings& t = *s.strings;
    if (f.step() == FeedbackStep::Pin) return pinStep(s, actions);
    if (f.step() == FeedbackStep::Where) return whereStep(s, actions);
    const float width = std::min(660.0f, maxPanelWidth(s));
    header(s, fonts, width);
    // The room inside the panel, less its scrollbar when the step is taller than the screen.
    const float inner = ImGui::GetContentRegionAvail().x;
    switch (f.step()) {
    case FeedbackStep::Subject:
        subjectStep(s, actions, inner);
        break;
    case FeedbackStep::Rating:
        ratingStep(s, actions, inner);
        break;
    case FeedbackStep::Comment:
        commentStep(s, actions, inner);
        break;
    case FeedbackStep::Background:
        backgroundStep(s, actions);
        break;
    case FeedbackStep::Consent:
        consentStep(s, actions, inner);
        break;
    case FeedbackStep::Thanks:
        thanksStep(s, actions);
        break;
    default:
        break;
    }
    if (firstCentredStep(f)) notFormalNote(t);
    if (f.step() == FeedbackStep::Subject)
        navigation(s, actions, nullptr, false);
    else if (f.step() == FeedbackStep::Consent)
        navigation(s, actions, t("feedback.send"), f.canGoOn());
    else if (f.step() != FeedbackStep::Thanks)
        navigation(s, actions, t("feedback.next"), f.canGoOn());
    endPanel(actions);
}

void drawFeedbackPin(const OverlayState& s) {
    if (!s.feedback || !s.feedback->hasPin() || !s.camera) return;
    const glm::dvec2 p = s.feedback->pin();
    const auto foot = s.camera->projectMapPoint(p, layer::kLandTop, s.viewport);
    if (!foot) return;
    // A pin standing on the map: a stick from the spot up to a round head, in the accent red.
    ImDrawList* list = ImGui::GetBackgroundDrawList();
    const ImVec2 base(float(foot->x), float(foot->y));
    const ImVec2 head(base.x, base.y - 46);
    list->AddLine(base, head, IM_COL32(40, 40, 40, 255), 4.0f);
    list->AddCircleFilled(base, 5, IM_COL32(40, 40, 40, 200));
    list->AddCircleFilled(head, 15, IM_COL32(200, 30, 40, 255), 24);
    list->AddCircle(head, 15, IM_COL32(255, 255, 255, 255), 24, 3.0f);
}

} // namespace almere::ui
