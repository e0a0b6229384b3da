#include "core/json_reader.hpp"

#include <cmath>

namespace almere {

std::string joinPath(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
}

std::string indexPath(const std::string& path, size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

bool JsonReader::fail(const std::string& path, const std::string& message) {
    if (error_.empty()) error_ = file_ + ": " + (path.empty() ? "" : path + ": ") + message;
    return false;
}

nlohmann::json JsonReader::parse(const std::string& text) {
    // nlohmann validates UTF-8 while parsing strings; allow_exceptions=false keeps it from
    // throwing and yields a "discarded" value instead.
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        fail("", "is not valid JSON (or not valid UTF-8)");
        return nlohmann::json();
    }
    return doc;
}

const nlohmann::json* JsonReader::member(const nlohmann::json& parent, const char* key,
                                         const std::string& path) {
    if (!parent.is_object()) {
        fail(path, "expected an object");
        return nullptr;
    }
    auto it = parent.find(key);
    if (it == parent.end()) {
        fail(joinPath(path, key), "is missing");
        return nullptr;
    }
    return &*it;
}

const nlohmann::json* JsonReader::object(const nlohmann::json& parent, const char* key,
                                         const std::string& path) {
    const nlohmann::json* v = member(parent, key, path);
    if (v && !v->is_object()) {
        fail(joinPath(path, key), "expected an object");
        return nullptr;
    }
    return v;
}

const nlohmann::json* JsonReader::array(const nlohmann::json& parent, const char* key,
                                        const std::string& path) {
    const nlohmann::json* v = member(parent, key, path);
    if (v && !v->is_array()) {
        fail(joinPath(path, key), "expected an array");
        return nullptr;
    }
    return v;
}

bool JsonReader::string(const nlohmann::json& parent, const char* key, const std::string& path,
                        std::string& out) {
    const nlohmann::json* v = member(parent, key, path);
    if (!v) return false;
    if (!v->is_string()) return fail(joinPath(path, key), "expected a string");
    out = v->get_ref<const std::string&>();
    return true;
}

bool JsonReader::number(const nlohmann::json& parent, const char* key, const std::string& path,
                        double& out) {
    const nlohmann::json* v = member(parent, key, path);
    if (!v) return false;
    if (!v->is_number()) return fail(joinPath(path, key), "expected a number");
    out = v->get<double>();
    if (!std::isfinite(out)) return fail(joinPath(path, key), "expected a finite number");
    return true;
}

bool JsonReader::optionalBool(const nlohmann::json& parent, const char* key,
                              const std::string& path, bool& out) {
    if (!parent.is_object() || !parent.contains(key)) return true;
    const nlohmann::json& v = parent[key];
    if (!v.is_boolean()) return fail(joinPath(path, key), "expected true or false");
    out = v.get<bool>();
    return true;
}

} // namespace almere
