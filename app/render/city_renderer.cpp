#include "render/city_renderer.hpp"

#include "core/building_tile_view.hpp"
#include "core/ground_shadow.hpp"
#include "core/visibility.hpp"

#include <algorithm>
#include <glm/gtc/type_ptr.hpp>

namespace almere {
namespace {

// Several meshes in one buffer pair, each remembered as its range of indices.
struct MeshPacker {
    MeshData all;
    template <class Range> Range add(const MeshData& mesh) {
        const Range range{uint32_t(all.indices.size()), uint32_t(mesh.indices.size())};
        all.append(mesh);
        return range;
    }
};

} // namespace

GpuMesh::GpuMesh(const MeshData& mesh) {
    glGenVertexArrays(1, &vao_);
    glBindVertexArray(vao_);
    glGenBuffers(1, &vbo_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(mesh.vertices.size() * sizeof(Vertex)),
                 mesh.vertices.data(), GL_STATIC_DRAW);
    glGenBuffers(1, &ibo_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(mesh.indices.size() * sizeof(uint32_t)),
                 mesh.indices.data(), GL_STATIC_DRAW);
    const auto stride = GLsizei(sizeof(Vertex));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(Vertex, position));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(Vertex, normal));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, (void*)offsetof(Vertex, color));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 1, GL_UNSIGNED_SHORT, GL_FALSE, stride,
                          (void*)offsetof(Vertex, feature));
    glBindVertexArray(0);
}

GpuMesh& GpuMesh::operator=(GpuMesh&& o) noexcept {
    if (this != &o) {
        this->~GpuMesh();
        vao_ = o.vao_;
        vbo_ = o.vbo_;
        ibo_ = o.ibo_;
        o.vao_ = o.vbo_ = o.ibo_ = 0;
    }
    return *this;
}

GpuMesh::~GpuMesh() {
    if (ibo_) glDeleteBuffers(1, &ibo_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    vao_ = vbo_ = ibo_ = 0;
}

void GpuMesh::draw(GLenum mode, uint32_t first, uint32_t count) const {
    if (!vao_ || count == 0) return;
    glBindVertexArray(vao_);
    glDrawElements(mode, GLsizei(count), GL_UNSIGNED_INT,
                   (void*)(uintptr_t(first) * sizeof(uint32_t)));
}

Result<CityRenderer> CityRenderer::create(const CityModel& city, const std::string& vertexSource,
                                          const std::string& fragmentSource) {
    auto program = ShaderProgram::create("shaders/city", vertexSource, fragmentSource);
    if (!program) return Result<CityRenderer>::failure(program.error());
    CityRenderer r(program.take());

    MeshPacker pack;
    r.context_ = pack.add<Range>(city.context);
    r.water_ = pack.add<Range>(city.water3d);
    r.land_ = pack.add<Range>(city.land);
    r.outlines_ = pack.add<Range>(city.outlines);
    r.layers_ = GpuMesh(pack.all);

    glm::vec2 lo(1e30f), hi(-1e30f);
    for (const Vertex& v : city.context.vertices) {
        lo = glm::min(lo, glm::vec2(v.position.x, v.position.z));
        hi = glm::max(hi, glm::vec2(v.position.x, v.position.z));
    }
    r.mapBounds_ = glm::vec4(lo, hi);
    return r;
}

void CityRenderer::setMassing(const MeshData& massing, const BuildingEnds& ends,
                              const std::vector<MassingTile>& tiles) {
    MeshData boxes, specks;
    MassingLevel& full = massingLevels_[size_t(BlockDetail::Full)];
    MassingLevel& box = massingLevels_[size_t(BlockDetail::Box)];
    MassingLevel& speck = massingLevels_[size_t(BlockDetail::Speck)];
    box.ends.clear();
    speck.ends.clear();
    farBlocks(massing, ends, boxes, box.ends);
    speckBlocks(massing, ends, specks, speck.ends);
    full = {GpuMesh(massing), ends};
    box.mesh = GpuMesh(boxes);
    speck.mesh = GpuMesh(specks);
    BuildingEnds shadowEnds;
    MeshData shadows = groundShadows(massing, ends, shadowEnds);
    shadowCells_ = groupByCell(shadows, shadowEnds, kShadowCellM);
    shadows_ = GpuMesh(shadows);
    tiles_ = tiles;
}

void CityRenderer::setGround(const MeshData& ground, const std::vector<MeshCell>& cells) {
    ground_ = GpuMesh(ground);
    groundCells_ = cells;
}

void CityRenderer::addRealTile(const RealTileMesh& tile, size_t key) {
    removeRealTile(key);
    if (tile.buildings == 0) return;
    RealTileGpu gpu;
    MeshPacker pack;
    pack.add<Range>(tile.mesh); // first: the ends count from 0
    const Range shadows = pack.add<Range>(tile.shadows);
    gpu.mesh = GpuMesh(pack.all);
    gpu.ends = tile.ends;
    gpu.bounds.min = tile.min;
    gpu.bounds.max = tile.max;
    gpu.bounds.buildings = tile.buildings;
    gpu.shadowCells = tile.shadowCells;
    for (MeshCell& cell : gpu.shadowCells)
        cell.first += shadows.first;
    gpu.key = key;
    realTiles_.push_back(std::move(gpu));
}

void CityRenderer::removeRealTile(size_t key) {
    for (size_t i = 0; i < realTiles_.size(); ++i)
        if (realTiles_[i].key == key) {
            // The last one moved into its place: the drawing order of tiles does not matter.
            std::swap(realTiles_[i], realTiles_.back());
            realTiles_.pop_back(); // ~GpuMesh deletes its buffers
            return;
        }
}

void CityRenderer::drawRealTiles(const FrameParams& p) const {
    const TileViewer viewer{p.viewProj, p.eye, p.fovY, p.viewportHeight};
    for (const RealTileGpu& tile : realTiles_) {
        const MassingTile& b = tile.bounds;
        if (!boxInFrustum(p.viewProj, b.min, b.max)) continue;
        const bool full = tileDetail(b.min, b.max, viewer) == TileDetail::Full;
        const uint32_t n = realBuildingsToDraw(b, full, p.eye, p.fovY, p.viewportHeight);
        const IndexRange r = buildingIndices(tile.ends, full ? 0 : b.buildings, n);
        tile.mesh.draw(GL_TRIANGLES, r.first, r.count);
    }
}

void CityRenderer::setPlans(const std::vector<PlanLayer>& plans) {
    plans_ = upload(plans);
}

void CityRenderer::setThemes(const std::vector<PlanLayer>& themes) {
    themes_ = upload(themes);
}

std::vector<CityRenderer::PlanGpu> CityRenderer::upload(const std::vector<PlanLayer>& layers) {
    std::vector<PlanGpu> out;
    for (const PlanLayer& layer : layers) {
        PlanGpu gpu;
        MeshPacker pack;
        gpu.massing = pack.add<Range>(layer.massing);
        gpu.area = pack.add<Range>(layer.area);
        gpu.outline = pack.add<Range>(layer.outline);
        gpu.band = pack.add<Range>(layer.band);
        gpu.routes = pack.add<Range>(layer.routes);
        gpu.shadows =
            pack.add<Range>(groundShadows(layer.massing, layer.massingEnds, gpu.shadowEnds));
        const Range plots = pack.add<Range>(layer.plots);
        gpu.plotCells = layer.plotCells;
        for (MeshCell& cell : gpu.plotCells)
            cell.first += plots.first;
        gpu.massingEnds = layer.massingEnds;
        gpu.bounds.buildings = uint32_t(layer.massingEnds.size());
        gpu.bounds.min = glm::vec3(1e30f);
        gpu.bounds.max = glm::vec3(-1e30f);
        for (const Vertex& v : layer.massing.vertices) {
            gpu.bounds.min = glm::min(gpu.bounds.min, v.position);
            gpu.bounds.max = glm::max(gpu.bounds.max, v.position);
        }
        gpu.mesh = GpuMesh(pack.all);
        out.push_back(std::move(gpu));
    }
    return out;
}

void CityRenderer::drawTints(const std::vector<PlanGpu>& layers, const std::vector<float>& presence,
                             float tint, GLint alpha, const FrameParams& p,
                             const std::vector<float>* shown) const {
    for (size_t i = 0; i < layers.size() && i < presence.size(); ++i) {
        if (presence[i] <= 0.0f) continue;
        glUniform1f(alpha, tint * presence[i]);
        layers[i].mesh.draw(GL_TRIANGLES, layers[i].area.first, layers[i].area.count);
        // A plan's farm plots over its tint, under its edge band: laid out as soon as the plan
        // starts to grow (whole once a quarter of its blocks stand: at the first step after
        // now), fading in and out with the plan. Not by its growth alone, which at 2040 would
        // leave the city's own plots showing through.
        const float growing = shown && i < shown->size() ? std::min(1.0f, 4.0f * (*shown)[i]) : 0;
        const float plots = presence[i] * growing;
        if (plots > 0.0f && p.layers.buildings) {
            glUniform1f(alpha, plots);
            glUniform1f(program_.uniform("u_lit"), 1.0f); // as the city's own plots
            // Whole (most of the time): not blended, which costs a software renderer more for
            // what can fill the screen.
            if (plots >= 1.0f) glDisable(GL_BLEND);
            drawNear(layers[i].mesh, layers[i].plotCells, p);
            glEnable(GL_BLEND);
            glUniform1f(program_.uniform("u_lit"), 0.0f);
        }
        glUniform1f(alpha, presence[i]);
        layers[i].mesh.draw(GL_TRIANGLES, layers[i].band.first, layers[i].band.count);
        layers[i].mesh.draw(GL_LINES, layers[i].outline.first, layers[i].outline.count);
    }
}

void CityRenderer::drawMarks(const std::vector<PlanGpu>& layers,
                             const std::vector<float>& presence) const {
    for (size_t i = 0; i < layers.size() && i < presence.size(); ++i)
        if (presence[i] > 0.5f)
            layers[i].mesh.draw(GL_TRIANGLES, layers[i].routes.first, layers[i].routes.count);
}

void CityRenderer::useProgram(const FrameParams& p) const {
    glUseProgram(program_.id());
    glUniformMatrix4fv(program_.uniform("u_viewProj"), 1, GL_FALSE, glm::value_ptr(p.viewProj));
    glUniform1f(program_.uniform("u_selected"), float(p.selectedWijk));
    glUniform3fv(program_.uniform("u_sunDir"), 1, glm::value_ptr(sunDirection()));
    glUniform3fv(program_.uniform("u_eye"), 1, glm::value_ptr(p.eye));
    glUniform3fv(program_.uniform("u_skyColor"), 1, glm::value_ptr(kSkyColor));
    glUniform1f(program_.uniform("u_hazeDistance"), p.hazeDistance);
    glUniform4fv(program_.uniform("u_mapBounds"), 1, glm::value_ptr(mapBounds_));
    glUniform1f(program_.uniform("u_rise"), 1.0f);
    glUniform1f(program_.uniform("u_landTop"), float(layer::kLandTop));
}

uint32_t CityRenderer::planBlocksToDraw(size_t i, const FrameParams& p) const {
    // The plan's growth picks a prefix of its shuffled blocks; distance thins that further,
    // as for the city's own tiles. (Drawing all of them from the start view added about
    // 5,000 blocks of vertex work for little: the plans read there by their tint, edge band
    // and coloured blocks, see tests/plans/plan_visibility.sh.)
    const MassingTile& b = plans_[i].bounds;
    if (i >= p.planShown.size() || b.buildings == 0 || !boxInFrustum(p.viewProj, b.min, b.max))
        return 0;
    const float far =
        float(buildingsToDraw(b, p.eye, p.fovY, p.viewportHeight)) / float(b.buildings);
    return uint32_t(p.planShown[i] * far * float(b.buildings) + 0.5f);
}

void CityRenderer::drawShadows(const FrameParams& p, GLint alpha) const {
    // Blended over the ground, under the walls (depth tested, not written); lifted towards the
    // camera by polygon offset so they never fight the ground they lie on.
    glDisable(GL_CULL_FACE);
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(-1.0f, -2.0f);
    // Fully dark up to kShadowFadeStart from the camera, gone at kShadowFadeEnd.
    auto strength = [&](glm::vec3 min, glm::vec3 max) {
        const float d = glm::length(p.eye - glm::clamp(p.eye, min, max));
        return 1.0f - glm::smoothstep(kShadowFadeStart, kShadowFadeEnd, d);
    };
    auto drawCells = [&](const GpuMesh& mesh, const std::vector<MeshCell>& cells) {
        for (const MeshCell& cell : cells) {
            const float s = strength(cell.min, cell.max);
            if (s <= 0.0f || !boxInFrustum(p.viewProj, cell.min, cell.max)) continue;
            glUniform1f(alpha, s);
            mesh.draw(GL_TRIANGLES, cell.first, cell.count);
        }
    };
    drawCells(shadows_, shadowCells_);
    // Real buildings' shadows: every loaded tile's, though only those within reach are drawn.
    for (const RealTileGpu& tile : realTiles_)
        drawCells(tile.mesh, tile.shadowCells);
    for (size_t i = 0; i < plans_.size(); ++i) {
        // A plan's shadows grow with its rising blocks.
        const float s = strength(plans_[i].bounds.min, plans_[i].bounds.max) *
                        (i < p.planPresence.size() ? p.planPresence[i] : 1.0f);
        if (s <= 0.0f) continue;
        const IndexRange r = buildingIndices(plans_[i].shadowEnds, 0, planBlocksToDraw(i, p));
        glUniform1f(alpha, s);
        plans_[i].mesh.draw(GL_TRIANGLES, plans_[i].shadows.first + r.first, r.count);
    }
    glDisable(GL_POLYGON_OFFSET_FILL);
    glEnable(GL_CULL_FACE);
}

void CityRenderer::drawNear(const GpuMesh& mesh, const std::vector<MeshCell>& cells,
                            const FrameParams& p) const {
    for (const MeshCell& cell : cells)
        if (distanceToBox(p.eye, cell.min, cell.max) <= kGroundFarM &&
            boxInFrustum(p.viewProj, cell.min, cell.max))
            mesh.draw(GL_TRIANGLES, cell.first, cell.count);
}

void CityRenderer::drawPlanMask(const FrameParams& p) const {
    useProgram(p);
    glUniform1f(program_.uniform("u_lit"), 0.0f);
    glUniform1f(program_.uniform("u_alpha"), 1.0f);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    for (size_t i = 0; i < plans_.size() && i < p.planPresence.size(); ++i)
        if (p.planPresence[i] > 0.0f) {
            plans_[i].mesh.draw(GL_TRIANGLES, plans_[i].area.first, plans_[i].area.count);
            // The plan's schematic lines and named spots are the plan's too.
            plans_[i].mesh.draw(GL_TRIANGLES, plans_[i].routes.first, plans_[i].routes.count);
        }
    glEnable(GL_DEPTH_TEST);
    glBindVertexArray(0);
}

void CityRenderer::draw(const FrameParams& p) const {
    useProgram(p);
    const GLint lit = program_.uniform("u_lit");
    const GLint alpha = program_.uniform("u_alpha");
    const GLint rise = program_.uniform("u_rise");
    glUniform1f(alpha, 1.0f);

    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glEnable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    // Near to far, so early depth testing skips shading what is covered: the layers are
    // heights apart, so the order does not change the picture, only the cost.
    glUniform1f(lit, 1.0f);
    if (p.layers.buildings) {
        for (const MassingTile& tile : tiles_) {
            if (!boxInFrustum(p.viewProj, tile.min, tile.max)) continue;
            const uint32_t n = buildingsToDraw(tile, p.eye, p.fovY, p.viewportHeight);
            const MassingLevel& level =
                massingLevels_[size_t(tileBlockDetail(tile, p.eye, p.fovY, p.viewportHeight))];
            const IndexRange r = buildingIndices(level.ends, tile.firstBuilding, n);
            level.mesh.draw(GL_TRIANGLES, r.first, r.count);
        }
        drawRealTiles(p);
    }
    if (p.layers.buildings) drawNear(ground_, groundCells_, p);
    if (p.layers.water) layers_.draw(GL_TRIANGLES, water_.first, water_.count);
    layers_.draw(GL_TRIANGLES, land_.first, land_.count);
    layers_.draw(GL_TRIANGLES, context_.first, context_.count);
    for (size_t i = 0; i < plans_.size(); ++i) {
        const IndexRange r = buildingIndices(plans_[i].massingEnds, 0, planBlocksToDraw(i, p));
        // Switched on, the new district rises out of the land as its tint fades in (presence
        // eases from 0 to 1; with reduced motion it is 1 at once, so nothing moves).
        glUniform1f(rise, i < p.planPresence.size() ? p.planPresence[i] : 1.0f);
        plans_[i].mesh.draw(GL_TRIANGLES, plans_[i].massing.first + r.first, r.count);
    }
    glUniform1f(rise, 1.0f);
    // Schematic lines and named spots appear with their plan or theme.
    drawMarks(plans_, p.planPresence);
    drawMarks(themes_, p.themePresence);
    glUniform1f(lit, 0.0f);
    if (p.layers.outlines) layers_.draw(GL_LINES, outlines_.first, outlines_.count);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glDepthMask(GL_FALSE);
    // Plan areas: a see-through tint over the map and a bold outline, fading in and out.
    drawTints(themes_, p.themePresence, kThemeTint, alpha, p, nullptr);
    drawTints(plans_, p.planPresence, kPlanTint, alpha, p, &p.planShown);
    // Last, so that they lie on whatever ground is there: a plan's farm plots too.
    if (p.layers.buildings && p.layers.shadows) drawShadows(p, alpha);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glUniform1f(alpha, 1.0f);
    glBindVertexArray(0);
}

} // namespace almere
