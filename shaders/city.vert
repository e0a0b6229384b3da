#version 300 es
// Every map layer (context land, water, wijk slabs, outlines, schematic buildings) goes
// through this one program: the layers differ only in their vertex colours and normals.
// All shading happens per vertex: faces are flat, so the lighting is exact, and haze varies
// slowly (the large context plane is baked as a fine grid for it). Software renderers on
// kiosks and in headless browsers are bound by per-pixel work, which this keeps minimal.
precision highp float;

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec4 a_color;
layout(location = 3) in float a_feature;

uniform mat4 u_viewProj;
uniform float u_selected;   // feature id of the selected wijk, or -1
uniform vec3 u_sunDir;      // towards the sun, normalised
uniform float u_lit;        // 0 for outlines: they keep their colour
uniform vec3 u_eye;
uniform vec3 u_skyColor;
uniform float u_hazeDistance;
uniform vec4 u_mapBounds;   // x/z extent of the map data: beyond it we know nothing to draw
uniform float u_rise;       // 0..1: a plan's blocks grow from the land as the plan is switched on
uniform float u_landTop;    // the height they grow from

out vec3 v_color;
out float v_alpha; // 1 but for the ground shadows' soft rims

const vec3 kSkyLight = vec3(0.62, 0.70, 0.82);
const vec3 kGroundLight = vec3(0.42, 0.40, 0.34);
const vec3 kSunLight = vec3(1.0, 0.95, 0.85);
const vec3 kHighlight = vec3(1.0, 0.78, 0.25);

void main() {
    vec3 position = a_position;
    position.y = u_landTop + (position.y - u_landTop) * u_rise;
    vec3 base = a_color.rgb;
    float selected = abs(a_feature - u_selected) < 0.5 ? 1.0 : 0.0;
    base = mix(base, kHighlight, selected * 0.55);
    vec3 ambient = mix(kGroundLight, kSkyLight, a_normal.y * 0.5 + 0.5);
    vec3 light = ambient * 0.75 + kSunLight * max(dot(a_normal, u_sunDir), 0.0) * 0.55;
    vec3 color = mix(base, base * light, u_lit);

    float haze = min(length(position - u_eye) / u_hazeDistance, 1.0);
    color = mix(color, u_skyColor, haze * haze * 0.65);
    // Fade out towards the edge of the data instead of showing a hard map border.
    vec2 inside = min(position.xz - u_mapBounds.xy, u_mapBounds.zw - position.xz);
    v_color = mix(u_skyColor, color, smoothstep(0.0, 4000.0, min(inside.x, inside.y)));
    v_alpha = a_color.a;
    gl_Position = u_viewProj * vec4(position, 1.0);
}
