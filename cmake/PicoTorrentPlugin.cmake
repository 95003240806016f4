# pico_add_plugin(<target>
#     [ID id] [NAME "Display name"] [VERSION x.y.z] [DESCRIPTION "..."]
#     [DEPENDS id...] [FRONT_END] [FAIL_CLOSED] [OPTIONS name...] [CXX_STANDARD 17|20]
#     [OUTPUT_ROOT dir] [INSTALL_DIR dir]
#     SOURCES file...)
#
# Builds a plugin as a shared module named <id>.so, writes its plugin.json
# manifest beside it in <OUTPUT_ROOT>/<id>/ and installs both to
# <INSTALL_DIR>/<id>/. Used in-tree and by the installed PicoTorrent package.
# FAIL_CLOSED: the host will not run when this plugin is selected but does not start.
# OPTIONS: plugin-facing command-line options the plugin consumes (without dashes).
include_guard(GLOBAL)

function(pico_add_plugin target)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "FRONT_END;FAIL_CLOSED"
        "ID;NAME;VERSION;DESCRIPTION;CXX_STANDARD;OUTPUT_ROOT;INSTALL_DIR" "SOURCES;DEPENDS;OPTIONS")
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "pico_add_plugin(${target}): SOURCES is required")
    endif()
    if(NOT ARG_ID)
        set(ARG_ID ${target})
    endif()
    if(NOT ARG_ID MATCHES "^[a-z][a-z0-9_]*$")
        message(FATAL_ERROR "pico_add_plugin(${target}): id '${ARG_ID}' must match [a-z][a-z0-9_]*")
    endif()
    if(NOT ARG_NAME)
        set(ARG_NAME ${ARG_ID})
    endif()
    if(NOT ARG_VERSION)
        set(ARG_VERSION ${PROJECT_VERSION})
    endif()
    if(NOT ARG_VERSION)
        set(ARG_VERSION 0.0.0)
    endif()
    if(NOT ARG_CXX_STANDARD)
        set(ARG_CXX_STANDARD 20)
    endif()
    if(NOT ARG_OUTPUT_ROOT)
        if(DEFINED PICO_PLUGIN_OUTPUT_ROOT)
            set(ARG_OUTPUT_ROOT ${PICO_PLUGIN_OUTPUT_ROOT})
        else()
            set(ARG_OUTPUT_ROOT ${CMAKE_BINARY_DIR}/plugins)
        endif()
    endif()
    if(NOT ARG_INSTALL_DIR)
        if(DEFINED PICO_INSTALL_PLUGIN_DIR)
            set(ARG_INSTALL_DIR ${PICO_INSTALL_PLUGIN_DIR})
        else()
            set(ARG_INSTALL_DIR lib/picotorrent/plugins)
        endif()
    endif()

    add_library(${target} MODULE ${ARG_SOURCES})
    if(TARGET PicoTorrent::sdk)
        target_link_libraries(${target} PRIVATE PicoTorrent::sdk)
    endif()
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        OUTPUT_NAME ${ARG_ID}
        LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_ROOT}/${ARG_ID}
        CXX_STANDARD ${ARG_CXX_STANDARD}
        CXX_STANDARD_REQUIRED ON
        CXX_EXTENSIONS OFF
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    # A plugin must not leave symbols unresolved: they would only fail when loaded.
    target_link_options(${target} PRIVATE -Wl,--no-undefined)

    # The manifest carries the SDK version the plugin is compiled against.
    set(depends_json "")
    foreach(dep IN LISTS ARG_DEPENDS)
        if(depends_json)
            string(APPEND depends_json ", ")
        endif()
        string(APPEND depends_json "\"${dep}\"")
    endforeach()
    if(ARG_FRONT_END)
        set(front_end_json true)
    else()
        set(front_end_json false)
    endif()
    if(ARG_FAIL_CLOSED)
        set(fail_closed_json true)
    else()
        set(fail_closed_json false)
    endif()
    set(options_json "")
    foreach(option IN LISTS ARG_OPTIONS)
        if(NOT option MATCHES "^[a-z][a-z0-9-]*$")
            message(FATAL_ERROR "pico_add_plugin(${target}): option '${option}' must match [a-z][a-z0-9-]* (no dashes in front)")
        endif()
        if(options_json)
            string(APPEND options_json ", ")
        endif()
        string(APPEND options_json "\"${option}\"")
    endforeach()
    if(NOT DEFINED PICO_SDK_VERSION_STRING)
        message(FATAL_ERROR "pico_add_plugin: PICO_SDK_VERSION_STRING is not set (include the PicoTorrent package first)")
    endif()
    set(manifest ${ARG_OUTPUT_ROOT}/${ARG_ID}/plugin.json)
    file(CONFIGURE OUTPUT ${manifest} CONTENT [=[{
  "id": "@ARG_ID@",
  "name": "@ARG_NAME@",
  "version": "@ARG_VERSION@",
  "sdk_version": "@PICO_SDK_VERSION_STRING@",
  "description": "@ARG_DESCRIPTION@",
  "depends": [@depends_json@],
  "front_end": @front_end_json@,
  "fail_closed": @fail_closed_json@,
  "options": [@options_json@],
  "library": "@ARG_ID@.so"
}
]=] @ONLY)

    install(TARGETS ${target} LIBRARY DESTINATION ${ARG_INSTALL_DIR}/${ARG_ID})
    install(FILES ${manifest} DESTINATION ${ARG_INSTALL_DIR}/${ARG_ID})
endfunction()
