#version 300 es
// Colours are computed per vertex (see city.vert): the per-pixel cost is one interpolation.
precision mediump float;

in vec3 v_color;
in float v_alpha;      // per vertex: the ground shadows fade out towards their rim
uniform float u_alpha; // below 1 for the plans' area tints and distant shadows
out vec4 fragColor;

void main() { fragColor = vec4(v_color, u_alpha * v_alpha); }
