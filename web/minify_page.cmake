# Writes web/index.html smaller for the site: the inline scripts through uglifyjs, the comments
# of its CSS and HTML left out, lines unindented. The page counts towards the first load's
# 500 KiB gzip budget (bench/web_size.sh), and its comments are for readers of the source.
#   cmake -DIN=web/index.html -DOUT=build/web/bin/index.html -DWORK=build/web -P minify_page.cmake
cmake_minimum_required(VERSION 3.16)
file(READ ${IN} page)

# Inline <script> blocks (those without src), one at a time.
set(out "")
set(rest "${page}")
set(index 0)
string(FIND "${rest}" "<script>" start)
while(NOT start EQUAL -1)
  math(EXPR body "${start} + 8")
  string(SUBSTRING "${rest}" 0 ${body} head)
  string(SUBSTRING "${rest}" ${body} -1 rest)
  string(FIND "${rest}" "</script>" end)
  if(end EQUAL -1)
    message(FATAL_ERROR "${IN}: <script> without </script>")
  endif()
  string(SUBSTRING "${rest}" 0 ${end} script)
  string(SUBSTRING "${rest}" ${end} -1 rest)
  set(source ${WORK}/page_script_${index}.js)
  file(WRITE ${source} "${script}")
  execute_process(COMMAND uglifyjs ${source} --compress --mangle
    OUTPUT_VARIABLE small RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${IN}: uglifyjs failed on inline script ${index}")
  endif()
  string(APPEND out "${head}${small}")
  math(EXPR index "${index} + 1")
  string(FIND "${rest}" "<script>" start)
endwhile()
string(APPEND out "${rest}")

# CSS and HTML comments (the scripts have none left), then indentation.
string(REGEX REPLACE "/\\*[^*]*\\*+([^/*][^*]*\\*+)*/" "" out "${out}")
string(REGEX REPLACE "<!--[^-]*(-[^-]+)*-->" "" out "${out}")
string(REGEX REPLACE "\n[ \t]+" "\n" out "${out}")
file(WRITE ${OUT} "${out}")
