#version 300 es
// Every map layer (context land, water, wijk slabs, outlines, schematic buildings) goes
// through this one program: the layers differ only in their vertex colours and normals.
// All faces are flat, so lighting per vertex is exact and keeps the fragment work small
// (software renderers on kiosks and in headless browsers are fill-rate bound).
precision highp float;

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec4 a_color;
layout(location = 3) in float a_feature;

uniform mat4 u_viewProj;
uniform float u_selected; // feature id of the selected wijk, or -1
uniform vec3 u_sunDir;    // towards the sun, normalised
uniform float u_lit;      // 0 for outlines: they keep their colour

out vec3 v_color;
out vec3 v_world;

const vec3 kSkyLight = vec3(0.62, 0.70, 0.82);
const vec3 kGroundLight = vec3(0.42, 0.40, 0.34);
const vec3 kSunLight = vec3(1.0, 0.95, 0.85);
const vec3 kHighlight = vec3(1.0, 0.78, 0.25);

void main() {
    vec3 base = a_color.rgb;
    float selected = abs(a_feature - u_selected) < 0.5 ? 1.0 : 0.0;
    base = mix(base, kHighlight, selected * 0.55);
    vec3 ambient = mix(kGroundLight, kSkyLight, a_normal.y * 0.5 + 0.5);
    vec3 light = ambient * 0.75 + kSunLight * max(dot(a_normal, u_sunDir), 0.0) * 0.55;
    v_color = mix(base, base * light, u_lit);
    v_world = a_position;
    gl_Position = u_viewProj * vec4(a_position, 1.0);
}
