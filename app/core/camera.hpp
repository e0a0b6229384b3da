// Orbit camera for map navigation: a goal pose that input edits (always within limits) and a
// current pose that eases towards it, so motion is smooth at any frame rate.
//
// World frame: metres, y up, x = east, z = -north; the ground is the plane y = 0.
#pragma once

#include <glm/glm.hpp>

#include <optional>

namespace almere {

struct CameraPose {
    glm::dvec2 target{0.0}; // ground point (x, z) looked at
    double distance = 5000; // metres from eye to target
    double yaw = 0;         // radians, 0 = looking north (-z), pi/2 = looking east (+x)
    double pitch = 0.9;     // radians of the eye above the horizon, seen from the target
};

struct CameraLimits {
    glm::dvec2 boundsMin{-15000.0, -12000.0}; // target stays inside this (x, z) box
    glm::dvec2 boundsMax{15000.0, 12000.0};
    double minDistance = 400, maxDistance = 45000;
    double minPitch = 0.35, maxPitch = 1.45;
};

class OrbitCamera {
  public:
    static constexpr double kFovY = 0.78539816339744831; // 45 degrees, vertical

    OrbitCamera(CameraPose home, CameraLimits limits);

    // Drag right turns the heading right (yaw +), drag down tilts towards top-down (pitch +);
    // dragging across the whole viewport width is half a turn.
    void orbit(double dxPixels, double dyPixels, int viewportWidth = 1280);
    // The ground near the screen centre follows the finger (scale is exact at the target).
    void pan(double dxPixels, double dyPixels, int viewportHeight);
    void zoom(double factor); // factor > 1 zooms in
    // Keeps the ground point under screenPx fixed on screen (judged on the goal pose, so several
    // events within one frame compose); falls back to zoom() when the pixel shows sky.
    void zoomAt(double factor, glm::dvec2 screenPx, glm::ivec2 viewport);
    void rotate(double radians);          // yaw +; a counter-clockwise twist on screen is positive
    void reset();                         // goal = home
    void setHome(const CameraPose& home); // e.g. fitted to the screen's free part; clamped
    void setGoal(const CameraPose& goal); // e.g. fly to a search result; clamped
    void snapToGoal();                    // skip the easing (first frame, tests)
    void update(double dtSeconds);
    bool isMoving() const;

    const CameraPose& pose() const { return current_; }
    const CameraPose& goal() const { return goal_; }
    const CameraPose& home() const { return home_; }
    const CameraLimits& limits() const { return limits_; }

    // Everything below uses the eased current pose.
    glm::dvec3 eye() const;
    glm::mat4 view() const;
    glm::mat4 projection(double aspect) const;
    double nearPlane() const;
    double farPlane() const;

    struct Ray {
        glm::dvec3 origin, dir; // dir is unit length
    };
    // Screen origin top-left, y down, in the same pixels as viewport.
    Ray rayThrough(glm::dvec2 screenPx, glm::ivec2 viewport) const;
    // (x, z) where the ray through screenPx meets the plane y = height; nullopt for sky.
    std::optional<glm::dvec2> groundPoint(glm::dvec2 screenPx, glm::ivec2 viewport,
                                          double height = 0) const;
    // Screen pixel of a world point; nullopt if it is not in front of the camera.
    std::optional<glm::dvec2> project(glm::dvec3 world, glm::ivec2 viewport) const;
    // The same for a map point given as local (east, north) metres at `height` (world z points
    // south, so north is -z).
    std::optional<glm::dvec2> projectMapPoint(glm::dvec2 eastNorth, double height,
                                              glm::ivec2 viewport) const {
        return project(glm::dvec3(eastNorth.x, height, -eastNorth.y), viewport);
    }

  private:
    CameraPose clamped(CameraPose p) const;

    CameraLimits limits_;
    CameraPose home_, goal_, current_;
};

} // namespace almere
