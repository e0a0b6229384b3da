#include "core/city_gltf.hpp"

#include "core/geo.hpp"
#include "core/glb_container.hpp"
#include "core/label_point.hpp"
#include "core/massing.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#define TINYGLTF_IMPLEMENTATION
#define TINYGLTF_NOEXCEPTION
#define JSON_NOEXCEPTION
#define TINYGLTF_NO_STB_IMAGE
#define TINYGLTF_NO_STB_IMAGE_WRITE
#define TINYGLTF_NO_EXTERNAL_IMAGE
#include <tiny_gltf.h>

namespace almere {
namespace {

using tinygltf::Value;

// --- colours of the map layers (the city's own palette lives in character.json) -----------
constexpr glm::u8vec4 kContextColor(185, 194, 166, 255);
constexpr glm::u8vec4 kSeaColor(95, 149, 192, 255);
constexpr glm::u8vec4 kLakeColor(107, 160, 200, 255);
constexpr glm::u8vec4 kOutlineColor(246, 243, 232, 255);

// Generous caps: the real city needs a small fraction. They stop a hostile file from making
// the app allocate gigabytes.
constexpr size_t kMaxVertices = 4'000'000;
constexpr size_t kMaxIndices = 12'000'000;

// Per-vertex wijk index in the shared land mesh (the feature-id convention of EXT_mesh_features).
const char* const kFeatureAttribute = "_FEATURE_ID_0";

Value number(double v) {
    return Value(v);
}
Value text(const std::string& s) {
    return Value(s);
}
Value pair(glm::dvec2 v) {
    return Value(
        Value::Array{number(std::round(v.x * 10) / 10), number(std::round(v.y * 10) / 10)});
}

class GlbWriter {
  public:
    GlbWriter() { model_.buffers.emplace_back(); }

    // withFeatures: also write each vertex's feature (wijk index) as _FEATURE_ID_0.
    int addPrimitiveMesh(tinygltf::Mesh& mesh, const MeshData& data, int mode, Value extras = {},
                         bool withFeatures = false) {
        tinygltf::Primitive prim;
        prim.mode = mode;
        std::vector<glm::vec3> positions, normals;
        std::vector<glm::u8vec4> colors;
        std::vector<uint16_t> features;
        for (const Vertex& v : data.vertices) {
            positions.push_back(v.position);
            normals.push_back(v.normal);
            colors.push_back(v.color);
            features.push_back(v.feature);
        }
        if (withFeatures)
            prim.attributes[kFeatureAttribute] = addAccessor(
                features, TINYGLTF_TYPE_SCALAR, TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT, false);
        prim.attributes["POSITION"] =
            addAccessor(positions, TINYGLTF_TYPE_VEC3, TINYGLTF_COMPONENT_TYPE_FLOAT, true);
        prim.attributes["NORMAL"] =
            addAccessor(normals, TINYGLTF_TYPE_VEC3, TINYGLTF_COMPONENT_TYPE_FLOAT, false);
        prim.attributes["COLOR_0"] = addAccessor(
            colors, TINYGLTF_TYPE_VEC4, TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE, false, true);
        prim.indices = addAccessor(data.indices, TINYGLTF_TYPE_SCALAR,
                                   TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, false, false, true);
        prim.extras = std::move(extras);
        mesh.primitives.push_back(std::move(prim));
        return 0;
    }

    void addNode(const std::string& name, tinygltf::Mesh mesh, Value extras) {
        mesh.name = name;
        model_.meshes.push_back(std::move(mesh));
        addNode(name, std::move(extras), int(model_.meshes.size() - 1));
    }
    void addNode(const std::string& name, Value extras, int mesh = -1) {
        tinygltf::Node node;
        node.name = name;
        node.mesh = mesh;
        node.extras = std::move(extras);
        model_.nodes.push_back(std::move(node));
    }

    std::vector<uint8_t> finish(Value sceneExtras) {
        tinygltf::Scene scene;
        scene.name = "Almere";
        for (size_t i = 0; i < model_.nodes.size(); ++i)
            scene.nodes.push_back(int(i));
        scene.extras = std::move(sceneExtras);
        model_.scenes.push_back(std::move(scene));
        model_.defaultScene = 0;
        model_.asset.version = "2.0";
        model_.asset.generator = "almere-bake";
        std::ostringstream out;
        tinygltf::TinyGLTF gltf;
        gltf.WriteGltfSceneToStream(&model_, out, false, true);
        const std::string bytes = out.str();
        return std::vector<uint8_t>(bytes.begin(), bytes.end());
    }

  private:
    template <class T>
    int addAccessor(const std::vector<T>& items, int type, int component, bool minMax,
                    bool normalized = false, bool indices = false) {
        std::vector<uint8_t>& buffer = model_.buffers[0].data;
        while (buffer.size() % 4)
            buffer.push_back(0);
        tinygltf::BufferView view;
        view.buffer = 0;
        view.byteOffset = buffer.size();
        view.byteLength = items.size() * sizeof(T);
        view.target = indices ? TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER : TINYGLTF_TARGET_ARRAY_BUFFER;
        const auto* raw = reinterpret_cast<const uint8_t*>(items.data());
        buffer.insert(buffer.end(), raw, raw + view.byteLength);
        model_.bufferViews.push_back(view);

        tinygltf::Accessor accessor;
        accessor.bufferView = int(model_.bufferViews.size() - 1);
        accessor.componentType = component;
        accessor.type = type;
        accessor.count = items.size();
        accessor.normalized = normalized;
        if constexpr (std::is_same_v<T, glm::vec3>) {
            if (minMax && !items.empty()) {
                glm::vec3 lo = items[0], hi = items[0];
                for (const glm::vec3& v : items) {
                    lo = glm::min(lo, v);
                    hi = glm::max(hi, v);
                }
                accessor.minValues = {lo.x, lo.y, lo.z};
                accessor.maxValues = {hi.x, hi.y, hi.z};
            }
        }
        model_.accessors.push_back(accessor);
        return int(model_.accessors.size() - 1);
    }

    tinygltf::Model model_;
};

glm::u8vec4 varied(Rgb base, const std::string& key) {
    // +-4 % per wijk so neighbouring wijken of the same style stay distinguishable.
    const float f = 0.96f + 0.08f * float(hashString(key) % 1000) / 1000.0f;
    return glm::u8vec4(glm::clamp(glm::vec3(base) * f, glm::vec3(0), glm::vec3(255)), 255);
}

Value ringsValue(const std::vector<Polygon>& parts) {
    Value::Array out;
    for (const Polygon& part : parts) {
        Value::Array rings;
        auto add = [&](const Ring& ring) {
            Value::Array flat;
            for (glm::dvec2 v : ring) {
                flat.push_back(number(std::round(v.x * 10) / 10));
                flat.push_back(number(std::round(v.y * 10) / 10));
            }
            rings.push_back(Value(flat));
        };
        add(part.outer);
        for (const Ring& hole : part.holes)
            add(hole);
        out.push_back(Value(rings));
    }
    return Value(out);
}

std::string stylesJson(const std::map<std::string, MassingStyle>& styles) {
    nlohmann::json doc;
    auto hex = [](Rgb c) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
        return std::string(buf);
    };
    for (const auto& [name, s] : styles)
        doc["styles"][name] = {{"typology", typologyName(s.typology)},
                               {"spacing_m", s.spacingM},
                               {"fill", s.fill},
                               {"footprint_m", {s.footprintM.x, s.footprintM.y}},
                               {"height_m", {s.heightM.x, s.heightM.y}},
                               {"color", hex(s.color)},
                               {"ground", hex(s.ground)}};
    return doc.dump();
}

} // namespace

Result<std::vector<uint8_t>> bakeCity(const CitySource& source,
                                      const std::vector<std::string>& attribution) {
    using R = Result<std::vector<uint8_t>>;
    if (source.wijken.size() >= kNoFeature) return R::failure("too many wijken");
    GlbWriter glb;

    // Context land: a rectangle under everything, as large as the water data's extent (inside
    // it, whatever is not water is land).
    const glm::dvec2 lo = source.extentMin, hi = source.extentMax;
    if (!(lo.x < hi.x && lo.y < hi.y)) return R::failure("the water extent is empty");
    tinygltf::Mesh context;
    MeshData contextData;
    addFlatPolygon(contextData, Polygon{{lo, {hi.x, lo.y}, hi, {lo.x, hi.y}}, {}}, layer::kContext,
                   kContextColor, kNoFeature);
    glb.addPrimitiveMesh(context, contextData, TINYGLTF_MODE_TRIANGLES);
    glb.addNode("context", context, Value(Value::Object{{"layer", text("context")}}));

    tinygltf::Mesh water;
    for (const WaterSource& w : source.water) {
        MeshData data;
        const bool sea = w.kind == "sea";
        for (const Polygon& p : w.parts)
            if (!addFlatPolygon(data, p, sea ? layer::kSea : layer::kLake,
                                sea ? kSeaColor : kLakeColor, kNoFeature))
                return R::failure("water '" + w.name + "': polygon cannot be triangulated");
        glb.addPrimitiveMesh(water, data, TINYGLTF_MODE_TRIANGLES,
                             Value(Value::Object{{"name", text(w.name)},
                                                 {"kind", text(w.kind)},
                                                 {"schematic", Value(w.schematic)}}));
    }
    glb.addNode("water", water, Value(Value::Object{{"layer", text("water")}}));

    // All wijk slabs share one mesh (few accessors keep the file quick to parse); each vertex
    // names its wijk by index, and the wijk nodes, in the same order, carry the metadata.
    MeshData slabs, lines;
    for (size_t i = 0; i < source.wijken.size(); ++i) {
        const WijkSource& w = source.wijken[i];
        const MassingStyle& style = source.styles.at(w.style);
        const Polygon* largest = nullptr;
        for (const Polygon& p : w.parts) {
            if (!extrudePolygon(slabs, p, 0.0, layer::kLandTop, varied(style.ground, w.code),
                                uint16_t(i)))
                return R::failure("wijk " + w.code + ": polygon cannot be triangulated");
            addOutline(lines, p, layer::kOutline, kOutlineColor, uint16_t(i));
            if (!largest || std::fabs(signedArea(p.outer)) > std::fabs(signedArea(largest->outer)))
                largest = &p;
        }
        glb.addNode(w.code, Value(Value::Object{{"code", text(w.code)},
                                                {"feature", Value(int(i))},
                                                {"name", text(w.name)},
                                                {"stadsdeel", text(w.stadsdeel)},
                                                {"style", text(w.style)},
                                                {"label", pair(labelPoint(*largest))},
                                                {"parts", ringsValue(w.parts)}}));
    }
    tinygltf::Mesh land;
    glb.addPrimitiveMesh(land, slabs, TINYGLTF_MODE_TRIANGLES, {}, true);
    glb.addPrimitiveMesh(land, lines, TINYGLTF_MODE_LINE, {}, true);
    glb.addNode("land", land, Value(Value::Object{{"layer", text("land")}}));

    Value::Array stadsdelen, credits;
    for (const StadsdeelSource& s : source.stadsdelen)
        stadsdelen.push_back(
            Value(Value::Object{{"name", text(s.name)}, {"label", pair(s.label)}}));
    for (const std::string& line : attribution)
        credits.push_back(text(line));
    return glb.finish(Value(Value::Object{
        {"origin_rd", Value(Value::Array{number(kLocalOrigin.x), number(kLocalOrigin.y)})},
        {"stadsdelen", Value(stadsdelen)},
        {"styles_json", text(stylesJson(source.styles))},
        {"attribution", Value(credits)}}));
}

// ---------------------------------------------------------------------------------------------
// Loading: every index, offset and type in the file is checked before it is used.
namespace {

class GlbReader {
  public:
    GlbReader(const tinygltf::Model& model, std::string name) : m_(model), name_(std::move(name)) {}

    bool fail(const std::string& where, const std::string& what) {
        if (error_.empty()) error_ = name_ + ": " + where + ": " + what;
        return false;
    }
    const std::string& error() const { return error_; }

    // Pointer to `count` elements of `elementSize` bytes with their stride, fully in bounds.
    const uint8_t* accessor(int index, int type, int component, size_t elementSize, size_t& count,
                            size_t& stride, const std::string& where) {
        if (index < 0 || size_t(index) >= m_.accessors.size())
            return fail(where, "accessor index out of range"), nullptr;
        const tinygltf::Accessor& a = m_.accessors[size_t(index)];
        if (a.type != type || a.componentType != component)
            return fail(where, "unexpected accessor type"), nullptr;
        if (a.sparse.isSparse) return fail(where, "sparse accessors are not supported"), nullptr;
        if (a.bufferView < 0 || size_t(a.bufferView) >= m_.bufferViews.size())
            return fail(where, "bufferView index out of range"), nullptr;
        const tinygltf::BufferView& v = m_.bufferViews[size_t(a.bufferView)];
        if (v.buffer < 0 || size_t(v.buffer) >= m_.buffers.size())
            return fail(where, "buffer index out of range"), nullptr;
        const std::vector<unsigned char>& data = m_.buffers[size_t(v.buffer)].data;
        stride = v.byteStride ? v.byteStride : elementSize;
        count = a.count;
        if (stride < elementSize) return fail(where, "byteStride smaller than an element"), nullptr;
        if (v.byteOffset > data.size() || v.byteLength > data.size() - v.byteOffset)
            return fail(where, "bufferView outside its buffer"), nullptr;
        if (count == 0) return data.data();
        if (a.byteOffset > v.byteLength || count > (v.byteLength - a.byteOffset) / stride + 1 ||
            a.byteOffset + (count - 1) * stride + elementSize > v.byteLength)
            return fail(where, "accessor reads past its bufferView"), nullptr;
        return data.data() + v.byteOffset + a.byteOffset;
    }

    // feature: the id for every vertex, or kNoFeature to read each vertex's _FEATURE_ID_0.
    bool primitive(const tinygltf::Primitive& p, int mode, uint16_t feature, MeshData& out,
                   const std::string& where) {
        if (p.mode != mode) return fail(where, "unexpected primitive mode");
        auto attr = [&](const char* key) {
            auto it = p.attributes.find(key);
            return it == p.attributes.end() ? -1 : it->second;
        };
        size_t n = 0, nn = 0, nc = 0, ni = 0, sp = 0, sn = 0, sc = 0, si = 0;
        const uint8_t* pos =
            accessor(attr("POSITION"), TINYGLTF_TYPE_VEC3, TINYGLTF_COMPONENT_TYPE_FLOAT, 12, n, sp,
                     where + ".POSITION");
        const uint8_t* nor =
            pos ? accessor(attr("NORMAL"), TINYGLTF_TYPE_VEC3, TINYGLTF_COMPONENT_TYPE_FLOAT, 12,
                           nn, sn, where + ".NORMAL")
                : nullptr;
        const uint8_t* col =
            nor ? accessor(attr("COLOR_0"), TINYGLTF_TYPE_VEC4,
                           TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE, 4, nc, sc, where + ".COLOR_0")
                : nullptr;
        const uint8_t* idx =
            col ? accessor(p.indices, TINYGLTF_TYPE_SCALAR, TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, 4,
                           ni, si, where + ".indices")
                : nullptr;
        if (!idx) return false;
        size_t nf = n, sf = 0;
        const uint8_t* ids = nullptr;
        if (feature == kNoFeature && attr(kFeatureAttribute) >= 0) {
            ids = accessor(attr(kFeatureAttribute), TINYGLTF_TYPE_SCALAR,
                           TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT, 2, nf, sf,
                           where + "." + kFeatureAttribute);
            if (!ids) return false;
        }
        if (nn != n || nc != n || nf != n) return fail(where, "attribute counts differ");
        if (ni % (mode == TINYGLTF_MODE_LINE ? 2 : 3)) return fail(where, "incomplete primitive");
        if (out.vertices.size() + n > kMaxVertices || out.indices.size() + ni > kMaxIndices)
            return fail(where, "too many vertices");
        const uint32_t base = uint32_t(out.vertices.size());
        for (size_t i = 0; i < n; ++i) {
            Vertex v{};
            std::memcpy(&v.position, pos + i * sp, 12);
            std::memcpy(&v.normal, nor + i * sn, 12);
            std::memcpy(&v.color, col + i * sc, 4);
            if (!std::isfinite(v.position.x) || !std::isfinite(v.position.y) ||
                !std::isfinite(v.position.z) || std::fabs(v.position.x) > 1e6 ||
                std::fabs(v.position.z) > 1e6 || std::fabs(v.position.y) > 1e4)
                return fail(where, "vertex position out of range");
            v.feature = feature;
            if (ids) std::memcpy(&v.feature, ids + i * sf, 2);
            out.vertices.push_back(v);
        }
        for (size_t i = 0; i < ni; ++i) {
            uint32_t k;
            std::memcpy(&k, idx + i * si, 4);
            if (k >= n) return fail(where, "index out of range");
            out.indices.push_back(base + k);
        }
        return true;
    }

    const tinygltf::Value* member(const tinygltf::Value& obj, const char* key,
                                  bool (Value::*is)() const, const std::string& where) {
        if (!obj.IsObject() || !obj.Has(key) || !(obj.Get(key).*is)())
            return fail(where, std::string("extras.") + key + " missing or of the wrong type"),
                   nullptr;
        return &obj.Get(key);
    }
    bool string(const Value& obj, const char* key, std::string& out, const std::string& where) {
        const Value* v = member(obj, key, &Value::IsString, where);
        if (v) out = v->Get<std::string>();
        return v != nullptr;
    }
    bool point(const Value& obj, const char* key, glm::dvec2& out, const std::string& where) {
        const Value* v = member(obj, key, &Value::IsArray, where);
        if (!v) return false;
        if (v->ArrayLen() != 2 || !v->Get(0).IsNumber() || !v->Get(1).IsNumber())
            return fail(where, std::string("extras.") + key + " expected [east, north]");
        out = {v->Get(0).GetNumberAsDouble(), v->Get(1).GetNumberAsDouble()};
        return std::isfinite(out.x) && std::isfinite(out.y) ? true
                                                            : fail(where, "non-finite point");
    }
    bool parts(const Value& obj, std::vector<Polygon>& out, const std::string& where) {
        const Value* v = member(obj, "parts", &Value::IsArray, where);
        if (!v) return false;
        for (size_t p = 0; p < v->ArrayLen(); ++p) {
            const Value& rings = v->Get(int(p));
            if (!rings.IsArray() || rings.ArrayLen() == 0)
                return fail(where, "extras.parts: bad part");
            Polygon poly;
            for (size_t r = 0; r < rings.ArrayLen(); ++r) {
                const Value& flat = rings.Get(int(r));
                if (!flat.IsArray() || flat.ArrayLen() < 6 || flat.ArrayLen() % 2)
                    return fail(where, "extras.parts: bad ring");
                Ring ring;
                for (size_t i = 0; i + 1 < flat.ArrayLen(); i += 2) {
                    if (!flat.Get(int(i)).IsNumber() || !flat.Get(int(i + 1)).IsNumber())
                        return fail(where, "extras.parts: ring holds a non-number");
                    ring.push_back({flat.Get(int(i)).GetNumberAsDouble(),
                                    flat.Get(int(i + 1)).GetNumberAsDouble()});
                }
                (r == 0 ? poly.outer : poly.holes.emplace_back()) = std::move(ring);
            }
            out.push_back(std::move(poly));
        }
        return true;
    }

    const tinygltf::Mesh* mesh(const tinygltf::Node& node, size_t primitives,
                               const std::string& where) {
        if (node.mesh < 0 || size_t(node.mesh) >= m_.meshes.size())
            return fail(where, "mesh index out of range"), nullptr;
        const tinygltf::Mesh& mesh = m_.meshes[size_t(node.mesh)];
        if (mesh.primitives.size() < primitives) return fail(where, "too few primitives"), nullptr;
        return &mesh;
    }

  private:
    const tinygltf::Model& m_;
    std::string name_;
    std::string error_;
};

} // namespace

Result<CityModel> loadCity(const std::vector<uint8_t>& glb, const std::string& name) {
    using R = Result<CityModel>;
    if (const std::string problem = glbContainerProblem(glb); !problem.empty())
        return R::failure(name + ": " + problem);
    tinygltf::Model model;
    tinygltf::TinyGLTF loader;
    std::string err, warn;
    if (!loader.LoadBinaryFromMemory(&model, &err, &warn, glb.data(), unsigned(glb.size())))
        return R::failure(name + ": not a valid glTF binary: " + err);

    GlbReader r(model, name);
    CityModel city;
    bool haveContext = false, haveWater = false, haveLand = false;
    for (size_t n = 0; n < model.nodes.size(); ++n) {
        const tinygltf::Node& node = model.nodes[n];
        const std::string where = "node '" + node.name + "'";
        if (node.name == "context") {
            const tinygltf::Mesh* mesh = r.mesh(node, 1, where);
            if (!mesh || !r.primitive(mesh->primitives[0], TINYGLTF_MODE_TRIANGLES, kNoFeature,
                                      city.context, where))
                return R::failure(r.error());
            haveContext = true;
        } else if (node.name == "water") {
            const tinygltf::Mesh* mesh = r.mesh(node, 1, where);
            if (!mesh) return R::failure(r.error());
            for (size_t p = 0; p < mesh->primitives.size(); ++p) {
                const tinygltf::Primitive& prim = mesh->primitives[p];
                WaterInfo info;
                const std::string pw = where + " primitive " + std::to_string(p);
                if (!r.string(prim.extras, "name", info.name, pw) ||
                    !r.primitive(prim, TINYGLTF_MODE_TRIANGLES, uint16_t(city.water.size()),
                                 city.water3d, pw))
                    return R::failure(r.error());
                info.schematic = prim.extras.Has("schematic") &&
                                 prim.extras.Get("schematic").IsBool() &&
                                 prim.extras.Get("schematic").Get<bool>();
                city.water.push_back(info);
            }
            haveWater = true;
        } else if (node.name == "land") {
            const tinygltf::Mesh* mesh = r.mesh(node, 2, where);
            if (!mesh ||
                !r.primitive(mesh->primitives[0], TINYGLTF_MODE_TRIANGLES, kNoFeature, city.land,
                             where) ||
                !r.primitive(mesh->primitives[1], TINYGLTF_MODE_LINE, kNoFeature, city.outlines,
                             where))
                return R::failure(r.error());
            haveLand = true;
        } else {
            if (city.wijken.size() + 1 >= kNoFeature) return R::failure(name + ": too many wijken");
            WijkInfo w;
            const Value* feature = r.member(node.extras, "feature", &Value::IsInt, where);
            if (!feature || !r.string(node.extras, "code", w.code, where) ||
                !r.string(node.extras, "name", w.name, where) ||
                !r.string(node.extras, "stadsdeel", w.stadsdeel, where) ||
                !r.string(node.extras, "style", w.style, where) ||
                !r.point(node.extras, "label", w.label, where) ||
                !r.parts(node.extras, w.parts, where))
                return R::failure(r.error());
            if (feature->Get<int>() != int(city.wijken.size()))
                return R::failure(name + ": " + where + ": extras.feature out of order");
            city.wijken.push_back(std::move(w));
        }
    }
    if (!haveContext || !haveWater || !haveLand || city.wijken.empty())
        return R::failure(name + ": the context, water, land and wijk nodes are not all present");
    for (const MeshData* mesh : {&city.land, &city.outlines})
        for (const Vertex& v : mesh->vertices)
            if (v.feature >= city.wijken.size())
                return R::failure(name + ": land: a vertex names wijk " +
                                  std::to_string(v.feature) + " of " +
                                  std::to_string(city.wijken.size()));

    if (model.scenes.empty()) return R::failure(name + ": no scene");
    const Value& extras = model.scenes[0].extras;
    std::string stylesText;
    const Value* stadsdelen = r.member(extras, "stadsdelen", &Value::IsArray, "scene");
    const Value* credits =
        stadsdelen ? r.member(extras, "attribution", &Value::IsArray, "scene") : nullptr;
    if (!credits || !r.string(extras, "styles_json", stylesText, "scene"))
        return R::failure(r.error());
    for (size_t i = 0; i < stadsdelen->ArrayLen(); ++i) {
        PlaceLabel s;
        const std::string where = "scene stadsdelen[" + std::to_string(i) + "]";
        if (!r.string(stadsdelen->Get(int(i)), "name", s.name, where) ||
            !r.point(stadsdelen->Get(int(i)), "label", s.label, where))
            return R::failure(r.error());
        city.stadsdelen.push_back(std::move(s));
    }
    for (size_t i = 0; i < credits->ArrayLen(); ++i)
        if (credits->Get(int(i)).IsString())
            city.attribution.push_back(credits->Get(int(i)).Get<std::string>());
    auto styles = parseStyles({name + " (styles_json)", stylesText});
    if (!styles) return R::failure(styles.error());
    city.styles = styles.take();
    for (const WijkInfo& w : city.wijken)
        if (!city.styles.count(w.style))
            return R::failure(name + ": wijk " + w.code + ": unknown style '" + w.style + "'");

    city.landMin = glm::dvec2(std::numeric_limits<double>::max());
    city.landMax = -city.landMin;
    for (const Vertex& v : city.land.vertices) {
        city.landMin = glm::min(city.landMin, toEastNorth(v.position));
        city.landMax = glm::max(city.landMax, toEastNorth(v.position));
    }
    return city;
}

} // namespace almere
