#version 300 es
// Distance haze, and a fade to the sky where the map data ends.
// highp: distances of tens of kilometres overflow mediump (fp16 on Mesa).
precision highp float;

in vec3 v_color;
in vec3 v_world;

uniform vec3 u_eye;
uniform vec3 u_skyColor;
uniform float u_hazeDistance;
uniform vec4 u_mapBounds; // x/z extent of the map data: beyond it we know nothing to draw

out vec4 fragColor;

void main() {
    float haze = min(length(v_world - u_eye) / u_hazeDistance, 1.0);
    vec3 color = mix(v_color, u_skyColor, haze * haze * 0.65);
    vec2 inside = min(v_world.xz - u_mapBounds.xy, u_mapBounds.zw - v_world.xz);
    color = mix(u_skyColor, color, smoothstep(0.0, 4000.0, min(inside.x, inside.y)));
    fragColor = vec4(color, 1.0);
}
