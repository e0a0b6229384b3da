#version 300 es
// Colours are computed per vertex (see city.vert): the per-pixel cost is one interpolation.
precision mediump float;

in vec3 v_color;
uniform float u_alpha; // below 1 only for the plans' area tints
out vec4 fragColor;

void main() { fragColor = vec4(v_color, u_alpha); }
