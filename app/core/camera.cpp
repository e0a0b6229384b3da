#include "core/camera.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace almere {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEaseRate = 12.0; // 1/s: about 90 % of the way in 0.2 s

double wrapAngle(double a) {
    return a - 2.0 * kPi * std::floor((a + kPi) / (2.0 * kPi));
}

bool finite(double v) {
    return std::isfinite(v);
}

struct Basis {
    glm::dvec3 forward, right, up;
};

Basis basisOf(const CameraPose& p) {
    const double cp = std::cos(p.pitch), sp = std::sin(p.pitch);
    const double cy = std::cos(p.yaw), sy = std::sin(p.yaw);
    Basis b;
    b.forward = {cp * sy, -sp, -cp * cy};
    b.right = {cy, 0.0, sy}; // normalize(cross(forward, y)), as glm::lookAt derives it
    b.up = glm::cross(b.right, b.forward);
    return b;
}

glm::dvec3 eyeOf(const CameraPose& p) {
    return glm::dvec3(p.target.x, 0.0, p.target.y) - basisOf(p).forward * p.distance;
}

double aspectOf(glm::ivec2 viewport) {
    return double(std::max(1, viewport.x)) / double(std::max(1, viewport.y));
}

OrbitCamera::Ray rayOf(const CameraPose& p, glm::dvec2 px, glm::ivec2 viewport) {
    const Basis b = basisOf(p);
    const double t = std::tan(OrbitCamera::kFovY * 0.5);
    const double nx = 2.0 * px.x / std::max(1, viewport.x) - 1.0;
    const double ny = 1.0 - 2.0 * px.y / std::max(1, viewport.y);
    const glm::dvec3 dir = b.forward + b.right * (nx * t * aspectOf(viewport)) + b.up * (ny * t);
    return {eyeOf(p), glm::normalize(dir)};
}

std::optional<glm::dvec2> hitPlane(const OrbitCamera::Ray& ray, double height) {
    // Rays grazing the horizon hit absurdly far away; treat them as sky.
    if (std::abs(ray.dir.y) < 1e-9) return std::nullopt;
    const double t = (height - ray.origin.y) / ray.dir.y;
    if (!(t > 0.0)) return std::nullopt;
    const glm::dvec3 hit = ray.origin + ray.dir * t;
    return glm::dvec2(hit.x, hit.z);
}

} // namespace

OrbitCamera::OrbitCamera(CameraPose home, CameraLimits limits) : limits_(limits) {
    // Tolerate swapped limits rather than producing clamp() with min > max.
    auto order = [](double& lo, double& hi) {
        if (lo > hi) std::swap(lo, hi);
    };
    order(limits_.boundsMin.x, limits_.boundsMax.x);
    order(limits_.boundsMin.y, limits_.boundsMax.y);
    order(limits_.minDistance, limits_.maxDistance);
    order(limits_.minPitch, limits_.maxPitch);
    limits_.minDistance = std::max(limits_.minDistance, 1e-3);
    limits_.maxDistance = std::max(limits_.maxDistance, limits_.minDistance);
    home_ = clamped(home);
    goal_ = current_ = home_;
}

CameraPose OrbitCamera::clamped(CameraPose p) const {
    // Non-finite input (a NaN from a degenerate gesture) must not poison the pose.
    const CameraPose& fb = goal_;
    if (!finite(p.target.x) || !finite(p.target.y)) p.target = fb.target;
    if (!finite(p.distance)) p.distance = fb.distance;
    if (!finite(p.yaw)) p.yaw = fb.yaw;
    if (!finite(p.pitch)) p.pitch = fb.pitch;
    p.target = glm::clamp(p.target, limits_.boundsMin, limits_.boundsMax);
    p.distance = std::clamp(p.distance, limits_.minDistance, limits_.maxDistance);
    p.pitch = std::clamp(p.pitch, limits_.minPitch, limits_.maxPitch);
    p.yaw = wrapAngle(p.yaw);
    return p;
}

void OrbitCamera::orbit(double dxPixels, double dyPixels, int viewportWidth) {
    const double radiansPerPixel = kPi / std::max(1, viewportWidth);
    CameraPose p = goal_;
    p.yaw += dxPixels * radiansPerPixel;
    p.pitch += dyPixels * radiansPerPixel;
    goal_ = clamped(p);
}

void OrbitCamera::pan(double dxPixels, double dyPixels, int viewportHeight) {
    const double metresPerPixel =
        2.0 * goal_.distance * std::tan(kFovY * 0.5) / std::max(1, viewportHeight);
    const glm::dvec2 forward(std::sin(goal_.yaw), -std::cos(goal_.yaw));
    const glm::dvec2 right(std::cos(goal_.yaw), std::sin(goal_.yaw));
    // A screen pixel of vertical motion covers 1/sin(pitch) more ground than horizontal.
    const double alongPerPixel = metresPerPixel / std::max(std::sin(goal_.pitch), 0.05);
    CameraPose p = goal_;
    p.target += -right * (dxPixels * metresPerPixel) + forward * (dyPixels * alongPerPixel);
    goal_ = clamped(p);
}

void OrbitCamera::zoom(double factor) {
    if (!(factor > 0.0) || !finite(factor)) return;
    CameraPose p = goal_;
    p.distance /= factor;
    goal_ = clamped(p);
}

void OrbitCamera::zoomAt(double factor, glm::dvec2 screenPx, glm::ivec2 viewport) {
    if (!(factor > 0.0) || !finite(factor)) return;
    const std::optional<glm::dvec2> hit = hitPlane(rayOf(goal_, screenPx, viewport), 0.0);
    if (!hit) return zoom(factor);
    const double newDistance =
        std::clamp(goal_.distance / factor, limits_.minDistance, limits_.maxDistance);
    // Scaling eye and target about the hit point leaves the hit on the same pixel. The hit is
    // kept inside the bounds so a cursor near the horizon cannot fling the target away.
    const glm::dvec2 anchor = glm::clamp(*hit, limits_.boundsMin, limits_.boundsMax);
    const double s = newDistance / goal_.distance;
    CameraPose p = goal_;
    p.distance = newDistance;
    p.target = anchor + (goal_.target - anchor) * s;
    goal_ = clamped(p);
}

void OrbitCamera::rotate(double radians) {
    CameraPose p = goal_;
    p.yaw += radians;
    goal_ = clamped(p);
}

void OrbitCamera::setHome(const CameraPose& home) {
    home_ = clamped(home);
}

void OrbitCamera::reset() {
    goal_ = home_;
}

void OrbitCamera::setGoal(const CameraPose& goal) {
    goal_ = clamped(goal);
}

void OrbitCamera::snapToGoal() {
    current_ = goal_;
}

void OrbitCamera::update(double dtSeconds) {
    if (!(dtSeconds > 0.0) || !finite(dtSeconds)) return;
    const double a = 1.0 - std::exp(-dtSeconds * kEaseRate);
    // Each component is a linear blend, which makes the result independent of step size.
    // Distance blends in log space so zooming feels uniform from street to city scale.
    const double logD = std::log(current_.distance);
    const double dLogD = std::log(goal_.distance) - logD;
    const double dYaw = wrapAngle(goal_.yaw - current_.yaw);
    const double dPitch = goal_.pitch - current_.pitch;
    const glm::dvec2 dTarget = goal_.target - current_.target;

    const double targetTolerance = 1e-5 * goal_.distance; // far below a pixel
    const double angleTolerance = 1e-5;
    if (glm::length(dTarget) < targetTolerance && std::abs(dLogD) < 1e-5 &&
        std::abs(dYaw) < angleTolerance && std::abs(dPitch) < angleTolerance) {
        current_ = goal_;
        return;
    }
    current_.target += dTarget * a;
    current_.distance = std::exp(logD + dLogD * a);
    current_.yaw = wrapAngle(current_.yaw + dYaw * a);
    current_.pitch += dPitch * a;
}

bool OrbitCamera::isMoving() const {
    return current_.target != goal_.target || current_.distance != goal_.distance ||
           current_.yaw != goal_.yaw || current_.pitch != goal_.pitch;
}

glm::dvec3 OrbitCamera::eye() const {
    return eyeOf(current_);
}

glm::mat4 OrbitCamera::view() const {
    const glm::dvec3 target(current_.target.x, 0.0, current_.target.y);
    return glm::mat4(glm::lookAt(eye(), target, glm::dvec3(0.0, 1.0, 0.0)));
}

// Near grows with distance: depth precision scales with near/far, and flat layers (water,
// roads, land use) a few metres apart must not z-fight from far away.
double OrbitCamera::nearPlane() const {
    return std::max(2.0, current_.distance * 0.02);
}

double OrbitCamera::farPlane() const {
    return current_.distance * 6.0 + 60000.0;
}

glm::mat4 OrbitCamera::projection(double aspect) const {
    if (!(aspect > 0.0) || !finite(aspect)) aspect = 1.0;
    return glm::mat4(glm::perspective(kFovY, aspect, nearPlane(), farPlane()));
}

OrbitCamera::Ray OrbitCamera::rayThrough(glm::dvec2 screenPx, glm::ivec2 viewport) const {
    return rayOf(current_, screenPx, viewport);
}

std::optional<glm::dvec2> OrbitCamera::groundPoint(glm::dvec2 screenPx, glm::ivec2 viewport,
                                                   double height) const {
    return hitPlane(rayThrough(screenPx, viewport), height);
}

std::optional<glm::dvec2> OrbitCamera::project(glm::dvec3 world, glm::ivec2 viewport) const {
    const Basis b = basisOf(current_);
    const glm::dvec3 v = world - eyeOf(current_);
    const double depth = glm::dot(v, b.forward);
    if (!(depth > 1e-9)) return std::nullopt;
    const double t = std::tan(kFovY * 0.5);
    const double nx = glm::dot(v, b.right) / (depth * t * aspectOf(viewport));
    const double ny = glm::dot(v, b.up) / (depth * t);
    return glm::dvec2((nx + 1.0) * 0.5 * std::max(1, viewport.x),
                      (1.0 - ny) * 0.5 * std::max(1, viewport.y));
}

} // namespace almere
