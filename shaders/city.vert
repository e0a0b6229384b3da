#version 300 es
// Every map layer (context land, water, wijk slabs, outlines, schematic buildings) goes
// through this one program: the layers differ only in their vertex colours and normals.
precision highp float;

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec4 a_color;
layout(location = 3) in float a_feature;

uniform mat4 u_viewProj;
uniform float u_selected; // feature id of the selected wijk, or -1

out vec3 v_normal;
out vec4 v_color;
out vec3 v_world;
out float v_selected;

void main() {
    v_normal = a_normal;
    v_color = a_color;
    v_world = a_position;
    v_selected = abs(a_feature - u_selected) < 0.5 ? 1.0 : 0.0;
    gl_Position = u_viewProj * vec4(a_position, 1.0);
}
