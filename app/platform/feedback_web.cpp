// The browser's FeedbackSink: the page keeps reactions in localStorage and posts them to the
// server, retrying until they arrive (window.almereFeedback in web/index.html).
#include "platform/feedback_sink.hpp"

#include <cstdlib>
#include <emscripten.h>

namespace almere::platform {
namespace {

// Takes ownership of a string made by stringToNewUTF8 in JavaScript.
std::string adopt(char* text) {
    std::string s = text ? text : "";
    std::free(text);
    return s;
}

class WebFeedbackSink : public FeedbackSink {
  public:
    std::string submit(const std::string& id, const std::string& json) override {
        // clang-format off: JavaScript inside (clang-format splits "===")
        return adopt(reinterpret_cast<char*>(EM_ASM_INT(
            {
                var f = window.almereFeedback;
                var r = f ? f.submit(UTF8ToString($0), UTF8ToString($1))
                          : 'Deze pagina kan geen reacties bewaren.';
                return stringToNewUTF8(r);
            },
            id.c_str(), json.c_str())));
        // clang-format on
    }

    size_t pending() const override {
        return size_t(
            EM_ASM_INT({ return window.almereFeedback ? window.almereFeedback.pending() : 0; }));
    }

    std::string latestSummary() const override {
        return adopt(reinterpret_cast<char*>(EM_ASM_INT({
            return stringToNewUTF8(window.almereFeedback ? window.almereFeedback.lastSummary : "");
        })));
    }
};

} // namespace

std::unique_ptr<FeedbackSink> openFeedbackSink(const FeedbackConfig&, std::string&) {
    return std::make_unique<WebFeedbackSink>();
}

} // namespace almere::platform
