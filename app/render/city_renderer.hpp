#pragma once
// Draws the city in a handful of calls from two vertex buffers: the map layers (context,
// water, land, outlines), uploaded at load, and the schematic buildings, uploaded once they
// are generated (after the first frame, so the city shows sooner).
#include "core/city_model.hpp"
#include "core/ground_shadow.hpp"
#include "core/plan_layers.hpp"
#include "core/real_tile_mesh.hpp"
#include "render/shader_program.hpp"

#include <glm/glm.hpp>
#include <vector>

namespace almere {

struct LayerVisibility {
    bool water = true;
    bool outlines = true;
    bool buildings = true;
    bool shadows = true; // the soft ground shadows under the buildings
};

struct FrameParams {
    glm::mat4 viewProj{1};
    glm::vec3 eye{0};
    double fovY = 0.785398;
    int viewportHeight = 720; // pixels
    float hazeDistance = 60000;
    int selectedWijk = -1;
    LayerVisibility layers;
    std::vector<float> planPresence;  // per plan, 0..1: area tint strength
    std::vector<float> planShown;     // per plan, 0..1: share of its blocks standing
    std::vector<float> themePresence; // per theme, 0..1
};

// One vertex + index buffer pair with its vertex layout.
class GpuMesh {
  public:
    GpuMesh() = default;
    explicit GpuMesh(const MeshData& mesh);
    GpuMesh(GpuMesh&& o) noexcept { *this = std::move(o); }
    GpuMesh& operator=(GpuMesh&& o) noexcept;
    GpuMesh(const GpuMesh&) = delete;
    ~GpuMesh();

    // Draws `count` indices from `first` (in indices) with the mesh bound.
    void draw(GLenum mode, uint32_t first, uint32_t count) const;

  private:
    GLuint vao_ = 0, vbo_ = 0, ibo_ = 0;
};

class CityRenderer {
  public:
    // Compiles the shader and uploads the map layers. Needs a current GL context.
    static Result<CityRenderer> create(const CityModel& city, const std::string& vertexSource,
                                       const std::string& fragmentSource);
    CityRenderer(CityRenderer&&) noexcept = default;
    CityRenderer(const CityRenderer&) = delete;

    // The schematic streets and farm plots, drawn by cell near the camera only.
    void setGround(const MeshData& ground, const std::vector<MeshCell>& cells);
    void setMassing(const MeshData& massing, const BuildingEnds& ends,
                    const std::vector<MassingTile>& tiles);
    // One tile of real buildings (issue 12), uploaded as it arrives; drawn in full near the
    // camera and as flat roofs further away (building_tile_view.hpp), with the ground shadows
    // of its full buildings. `key` names it for removeRealTile (the viewer: its index number).
    void addRealTile(const RealTileMesh& tile, size_t key);
    // Frees the GPU buffers of the tile added with `key` (nothing if there is none).
    void removeRealTile(size_t key);
    size_t realTileCount() const { return realTiles_.size(); }
    void setPlans(const std::vector<PlanLayer>& plans);
    void setThemes(const std::vector<PlanLayer>& themes);
    void draw(const FrameParams& params) const;
    // Only the areas (and schematic lines) of the plans that are on, unlit and opaque, on whatever
    // is there (the viewer's --plan-mask: tests check that what plans change lies in their areas).
    void drawPlanMask(const FrameParams& params) const;

    static constexpr glm::vec3 kSkyColor{0.80f, 0.87f, 0.94f};

  private:
    explicit CityRenderer(ShaderProgram program) : program_(std::move(program)) {}
    struct Range {
        uint32_t first = 0; // in indices
        uint32_t count = 0;
    };
    ShaderProgram program_;
    GpuMesh layers_, shadows_, ground_;
    std::vector<MeshCell> groundCells_;
    Range context_, water_, land_, outlines_;
    glm::vec4 mapBounds_{0}; // x/z extent of the context layer
    std::vector<MassingTile> tiles_;
    // The schematic blocks in full, and the same blocks cheaper for tiles whose blocks are a
    // few pixels tall (core/massing.hpp farBlocks and speckBlocks): one level per
    // BlockDetail, which visibility.hpp tileBlockDetail picks per tile.
    struct MassingLevel {
        GpuMesh mesh;
        BuildingEnds ends;
    };
    MassingLevel massingLevels_[3];
    std::vector<MeshCell> shadowCells_; // of shadows_, see core/ground_shadow.hpp
    struct PlanGpu {
        GpuMesh mesh;
        Range area, outline, band, massing, routes, shadows;
        MassingTile bounds; // the whole plan as one tile, for distance thinning
        BuildingEnds massingEnds, shadowEnds;
        std::vector<MeshCell> plotCells; // its farm plots, in mesh's indices
    };
    struct RealTileGpu {
        GpuMesh mesh;      // the buildings, then their shadows
        BuildingEnds ends; // full buildings, then their roofs (RealTileMesh)
        MassingTile bounds;
        std::vector<MeshCell> shadowCells; // in mesh's indices
        size_t key = 0;
    };
    std::vector<RealTileGpu> realTiles_;
    void drawRealTiles(const FrameParams& params) const;
    std::vector<PlanGpu> plans_, themes_;
    static std::vector<PlanGpu> upload(const std::vector<PlanLayer>& layers);
    void drawMarks(const std::vector<PlanGpu>& layers, const std::vector<float>& presence) const;
    // Opacity of the area tints at full presence: a plan's area must read from the start view;
    // themes overlap each other and the plans, so theirs stays lighter.
    static constexpr float kPlanTint = 0.55f;
    static constexpr float kThemeTint = 0.35f;
    void useProgram(const FrameParams& params) const; // and the uniforms every pass shares
    uint32_t planBlocksToDraw(size_t plan, const FrameParams& params) const;
    // Streets and farm plots only near the camera: from further away they are a few pixels wide,
    // and 8 cm above the land they would flicker against it at the depth buffer's precision.
    static constexpr float kGroundFarM = 2500;
    void drawNear(const GpuMesh& mesh, const std::vector<MeshCell>& cells,
                  const FrameParams& params) const;
    // Ground shadows are drawn near the camera only (by 250 m cells): beyond kShadowFadeEnd metres
    // a block's shadow is a few pixels wide, and drawing every block's costs triangles on a
    // software renderer (bench/ground_shadow_bench.sh); they fade out rather than pop.
    static constexpr float kShadowFadeStart = 600.0f;
    static constexpr float kShadowFadeEnd = 1000.0f;
    void drawShadows(const FrameParams& params, GLint alpha) const;
    // `shown`: per plan, the share of its blocks standing (plans: their farm plots follow it).
    void drawTints(const std::vector<PlanGpu>& layers, const std::vector<float>& presence,
                   float tint, GLint alpha, const FrameParams& params,
                   const std::vector<float>* shown) const;
};

} // namespace almere
