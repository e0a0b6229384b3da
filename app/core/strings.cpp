#include "core/strings.hpp"

#include "core/json_reader.hpp"

namespace almere {

Result<Strings> Strings::parse(const SourceFile& file) {
    JsonReader r(file.name);
    const nlohmann::json doc = r.parse(file.text);
    Strings s;
    const nlohmann::json* text = r.ok() ? r.object(doc, "strings", "") : nullptr;
    bool checked = true; // a file that says false must say so to the reader, too
    if (text && r.string(doc, "language", "", s.language_) &&
        r.optionalBool(doc, "interface", "", s.interface_) &&
        r.optionalBool(doc, "checked_by_native_speaker", "", checked) &&
        (checked || r.string(doc, "language_unchecked", "", s.uncheckedNote_))) {
        for (auto it = text->begin(); it != text->end(); ++it) {
            if (!it->is_string()) {
                r.fail(joinPath("strings", it.key().c_str()), "expected a string");
                break;
            }
            s.text_[it.key()] = it->get<std::string>();
        }
    }
    if (!r.ok()) return Result<Strings>::failure(r.error());
    return s;
}

const char* Strings::operator()(const char* key) const {
    auto it = text_.find(key);
    return it == text_.end() ? key : it->second.c_str();
}

const std::string* Strings::find(const std::string& key) const {
    auto it = text_.find(key);
    return it == text_.end() ? nullptr : &it->second;
}

} // namespace almere
