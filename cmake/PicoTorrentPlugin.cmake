# pico_add_plugin(<target>
#     [ID id] [NAME "Display name"] [VERSION x.y.z] [DESCRIPTION "..."]
#     [DEPENDS id...] [FRONT_END [BEFORE_RESTORE]] [FAIL_CLOSED] [OPTIONS name...] [CXX_STANDARD 17|20]
#     [OUTPUT_ROOT dir] [INSTALL_DIR dir] [COMPONENT name] [NO_INSTALL]
#     [CONFIG_SCHEMA config_schema.json]
#     [CORE_SOURCES file... [CORE_LIBS target...]] [SERVICE_INCLUDE dir] [TESTS dir]
#     SOURCES file...)
#
# Builds a plugin as a shared module named <id>.so, writes its plugin.json
# manifest beside it in <OUTPUT_ROOT>/<id>/ and installs both to
# <INSTALL_DIR>/<id>/. Used in-tree and by the installed PicoTorrent package.
# BEFORE_RESTORE (with FRONT_END): the front-end's loop may start before the saved torrents are
# restored ("front_end_before_restore" in plugin.json; docs/threading.md).
# FAIL_CLOSED: the host will not run when this plugin is selected but does not start.
# OPTIONS: plugin-facing command-line options the plugin consumes (without dashes).
# CONFIG_SCHEMA: a JSON array of the configuration keys the plugin owns (type, default,
# secret; docs/plugin-config.md). It goes into plugin.json as "config": the host checks those
# keys, fills in their defaults and masks secrets without loading the plugin.
# CORE_SOURCES: everything but the entry point, as a static library pico_<id>_core (position
# independent, hidden symbols, src/ as its include folder, linked to the SDK and CORE_LIBS) that
# the module links and unit tests can drive without loading the module.
# SERVICE_INCLUDE: the folder of the plugin's public service headers, exported as the interface
# target pico_<id>_service (other plugins link it) and installed with the SDK.
# TESTS: a folder added when BUILD_TESTING is on (and it exists).
# The id reaches the compiler as PICO_PLUGIN_ID, so the source can say
# PICO_DECLARE_PLUGIN_TYPE(my_class) and never repeat it.
# Install component: COMPONENT, else ${PICO_PLUGIN_COMPONENT}, else plugin_<id>; it becomes
# the default component of the calling directory, so the plugin's other install() rules
# (data files, web pages) land in the same package. pico_package_plugins() (PicoTorrentPackaging.cmake)
# makes one picotorrent-plugin-<id> .deb per component. NO_INSTALL: build only (test fixtures).
include_guard(GLOBAL)

# Sets <out_var> to <text> as a JSON string literal (string(JSON SET) takes JSON, not text).
function(_pico_json_quote out_var text)
    string(REPLACE "\\" "\\\\" text "${text}")
    string(REPLACE "\"" "\\\"" text "${text}")
    string(REPLACE "\n" "\\n" text "${text}")
    string(REPLACE "\r" "\\r" text "${text}")
    string(REPLACE "\t" "\\t" text "${text}")
    set(${out_var} "\"${text}\"" PARENT_SCOPE)
endfunction()

# Sets <key> of the JSON object in <json_var> to <text>, as a string.
function(_pico_json_set_string json_var key text)
    _pico_json_quote(quoted "${text}")
    string(JSON json SET "${${json_var}}" ${key} "${quoted}")
    set(${json_var} "${json}" PARENT_SCOPE)
endfunction()

# Sets <key> of the JSON object in <json_var> to an array of the remaining arguments as strings.
function(_pico_json_set_array json_var key)
    string(JSON json SET "${${json_var}}" ${key} "[]")
    set(index 0)
    foreach(item IN LISTS ARGN)
        _pico_json_quote(quoted "${item}")
        # An index one past the end appends.
        string(JSON json SET "${json}" ${key} ${index} "${quoted}")
        math(EXPR index "${index} + 1")
    endforeach()
    set(${json_var} "${json}" PARENT_SCOPE)
endfunction()

# The in-tree pieces of pico_add_plugin: service headers, core library, warnings, tests.
# A macro so that it sees pico_add_plugin's parsed ARG_* variables.
macro(_pico_plugin_parts target)
    if(ARG_SERVICE_INCLUDE)
        get_filename_component(service_dir "${ARG_SERVICE_INCLUDE}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
        add_library(pico_${ARG_ID}_service INTERFACE)
        target_include_directories(pico_${ARG_ID}_service INTERFACE
            $<BUILD_INTERFACE:${service_dir}> $<INSTALL_INTERFACE:include>)
        target_link_libraries(${target} PRIVATE pico_${ARG_ID}_service)
        if(NOT CMAKE_INSTALL_INCLUDEDIR)
            set(CMAKE_INSTALL_INCLUDEDIR include)
        endif()
        install(DIRECTORY ${service_dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
    endif()
    if(ARG_CORE_SOURCES)
        add_library(pico_${ARG_ID}_core STATIC ${ARG_CORE_SOURCES})
        target_include_directories(pico_${ARG_ID}_core PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/src)
        target_link_libraries(pico_${ARG_ID}_core PUBLIC PicoTorrent::sdk ${ARG_CORE_LIBS})
        if(ARG_SERVICE_INCLUDE)
            target_link_libraries(pico_${ARG_ID}_core PUBLIC pico_${ARG_ID}_service)
        endif()
        set_target_properties(pico_${ARG_ID}_core PROPERTIES
            CXX_STANDARD ${ARG_CXX_STANDARD}
            CXX_STANDARD_REQUIRED ON
            CXX_EXTENSIONS OFF
            POSITION_INDEPENDENT_CODE ON
            CXX_VISIBILITY_PRESET hidden
            VISIBILITY_INLINES_HIDDEN ON)
        target_link_libraries(${target} PRIVATE pico_${ARG_ID}_core)
    endif()
    if(COMMAND pico_target_warnings)
        pico_target_warnings(${target})
        if(ARG_CORE_SOURCES)
            pico_target_warnings(pico_${ARG_ID}_core)
        endif()
    endif()
endmacro()

function(pico_add_plugin target)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "FRONT_END;BEFORE_RESTORE;FAIL_CLOSED;NO_INSTALL"
        "ID;NAME;VERSION;DESCRIPTION;CXX_STANDARD;OUTPUT_ROOT;INSTALL_DIR;COMPONENT;CONFIG_SCHEMA;SERVICE_INCLUDE;TESTS"
        "SOURCES;DEPENDS;OPTIONS;CORE_SOURCES;CORE_LIBS")
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

    # The id is written once, here; PICO_DECLARE_PLUGIN_TYPE reads it.
    target_compile_definitions(${target} PRIVATE PICO_PLUGIN_ID="${ARG_ID}")
    _pico_plugin_parts(${target})

    foreach(option IN LISTS ARG_OPTIONS)
        if(NOT option MATCHES "^[a-z][a-z0-9-]*$")
            message(FATAL_ERROR "pico_add_plugin(${target}): option '${option}' must match [a-z][a-z0-9-]* (no dashes in front)")
        endif()
    endforeach()
    if(NOT DEFINED PICO_SDK_VERSION_STRING)
        message(FATAL_ERROR "pico_add_plugin: PICO_SDK_VERSION_STRING is not set (include the PicoTorrent package first)")
    endif()

    # The manifest carries the SDK version the plugin is compiled against. string(JSON) writes
    # it, so any text in NAME or DESCRIPTION gives valid JSON.
    set(manifest_json "{}")
    _pico_json_set_string(manifest_json id "${ARG_ID}")
    _pico_json_set_string(manifest_json name "${ARG_NAME}")
    _pico_json_set_string(manifest_json version "${ARG_VERSION}")
    _pico_json_set_string(manifest_json sdk_version "${PICO_SDK_VERSION_STRING}")
    _pico_json_set_string(manifest_json description "${ARG_DESCRIPTION}")
    _pico_json_set_array(manifest_json depends ${ARG_DEPENDS})
    if(ARG_FRONT_END)
        string(JSON manifest_json SET "${manifest_json}" front_end true)
    else()
        string(JSON manifest_json SET "${manifest_json}" front_end false)
    endif()
    if(ARG_BEFORE_RESTORE)
        if(NOT ARG_FRONT_END)
            message(FATAL_ERROR "pico_add_plugin(${target}): BEFORE_RESTORE needs FRONT_END")
        endif()
        string(JSON manifest_json SET "${manifest_json}" front_end_before_restore true)
    endif()
    if(ARG_FAIL_CLOSED)
        string(JSON manifest_json SET "${manifest_json}" fail_closed true)
    else()
        string(JSON manifest_json SET "${manifest_json}" fail_closed false)
    endif()
    _pico_json_set_array(manifest_json options ${ARG_OPTIONS})
    _pico_json_set_string(manifest_json library "${ARG_ID}.so")
    if(ARG_CONFIG_SCHEMA)
        get_filename_component(schema_file "${ARG_CONFIG_SCHEMA}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
        file(READ ${schema_file} schema_json)
        string(JSON schema_type ERROR_VARIABLE schema_error TYPE "${schema_json}")
        if(schema_error OR NOT schema_type STREQUAL "ARRAY")
            message(FATAL_ERROR "pico_add_plugin(${target}): ${schema_file} must hold a JSON array of key rules ${schema_error}")
        endif()
        string(JSON manifest_json SET "${manifest_json}" config "${schema_json}")
        # An edit of the schema rewrites the manifest.
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${schema_file})
    endif()
    set(manifest ${ARG_OUTPUT_ROOT}/${ARG_ID}/plugin.json)
    # Written only when it changes (file(CONFIGURE) would expand @...@ inside the text).
    set(old_manifest "")
    if(EXISTS ${manifest})
        file(READ ${manifest} old_manifest)
    endif()
    if(NOT old_manifest STREQUAL "${manifest_json}\n")
        file(WRITE ${manifest} "${manifest_json}\n")
    endif()

    if(ARG_TESTS AND BUILD_TESTING AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_TESTS}/CMakeLists.txt)
        add_subdirectory(${ARG_TESTS})
    endif()
    if(ARG_NO_INSTALL)
        return()
    endif()
    if(ARG_COMPONENT)
        set(component ${ARG_COMPONENT})
    elseif(PICO_PLUGIN_COMPONENT)
        set(component ${PICO_PLUGIN_COMPONENT})
    else()
        set(component plugin_${ARG_ID})
        set_property(GLOBAL APPEND PROPERTY PICO_PLUGIN_PACKAGES ${ARG_ID})
        set_property(GLOBAL PROPERTY PICO_PLUGIN_PACKAGE_${ARG_ID}_NAME "${ARG_NAME}")
        set_property(GLOBAL PROPERTY PICO_PLUGIN_PACKAGE_${ARG_ID}_DESCRIPTION "${ARG_DESCRIPTION}")
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${ARG_INSTALL_DIR}/${ARG_ID} COMPONENT ${component})
    install(FILES ${manifest} DESTINATION ${ARG_INSTALL_DIR}/${ARG_ID} COMPONENT ${component})
    set(CMAKE_INSTALL_DEFAULT_COMPONENT_NAME ${component} PARENT_SCOPE)
endfunction()
