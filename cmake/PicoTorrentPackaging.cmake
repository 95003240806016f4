# Debian packages (CPack DEB) for plugins made with pico_add_plugin(): one
# picotorrent-plugin-<id> package per plugin (`_` in the id becomes `-`). Used in-tree by
# PicoPackage.cmake and by third-party plugins through the installed PicoTorrent package:
#
#   find_package(PicoTorrent 0.1 REQUIRED)
#   pico_add_plugin(my_plugin ...)
#   pico_package_plugins(CONTACT "Me <me@example.org>" COPYRIGHT debian/copyright)
#   # then: cmake --build build && cpack --config build/CPackConfig.cmake -B build/packages
include_guard(GLOBAL)

# Sets <out_var> to the Debian package name of plugin <id>.
function(pico_plugin_package_name out_var id)
    string(REPLACE "_" "-" dashed "${id}")
    set(${out_var} picotorrent-plugin-${dashed} PARENT_SCOPE)
endfunction()

# Installs <copyright> as /usr/share/doc/<package>/copyright and a gzip'd Debian changelog
# beside it, in <component>; Debian policy wants both in every package.
function(pico_install_package_docs component package copyright changelog)
    include(GNUInstallDirs)
    set(doc_dir ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package})
    install(FILES ${copyright} DESTINATION ${doc_dir} RENAME copyright COMPONENT ${component})
    # gzip -9n: maximum compression and no timestamp, as lintian expects.
    set(gz ${CMAKE_BINARY_DIR}/package-docs/${package}/changelog.gz)
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/package-docs/${package})
    execute_process(COMMAND gzip -9nc ${changelog} OUTPUT_FILE ${gz} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "gzip ${changelog} failed")
    endif()
    install(FILES ${gz} DESTINATION ${doc_dir} COMPONENT ${component})
endfunction()

# Writes a one-entry Debian changelog for <package_source> <version> to <out_file>.
function(pico_write_changelog out_file package_source version contact)
    # Honours SOURCE_DATE_EPOCH, for reproducible packages.
    string(TIMESTAMP date "%a, %d %b %Y %H:%M:%S +0000" UTC)
    file(WRITE ${out_file} "${package_source} (${version}) unstable; urgency=medium\n\n"
                           "  * Release ${version}.\n\n -- ${contact}  ${date}\n")
endfunction()

# Sets <out_var> to <text> wrapped at 78 columns (Debian extended descriptions stay under 80).
function(pico_wrap_text out_var text)
    # Semicolons would split the word list; they travel as a placeholder.
    string(REPLACE ";" "<pico-semicolon>" text "${text}")
    string(REGEX REPLACE "[ \t\n]+" ";" words "${text}")
    set(result "")
    set(line "")
    foreach(word IN LISTS words)
        string(LENGTH "${line} ${word}" length)
        if(line STREQUAL "")
            set(line "${word}")
        elseif(length GREATER 78)
            string(APPEND result "${line}\n")
            set(line "${word}")
        else()
            string(APPEND line " ${word}")
        endif()
    endforeach()
    string(APPEND result "${line}")
    string(REPLACE "<pico-semicolon>" ";" result "${result}")
    set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# Sets the CPack variables of every plugin component in the caller's scope. Each plugin
# package depends on <host_dependency> (e.g. "picotorrent (= 0.1.0)").
macro(pico_plugin_package_settings host_dependency)
    get_property(_pico_plugin_ids GLOBAL PROPERTY PICO_PLUGIN_PACKAGES)
    foreach(_pico_id IN LISTS _pico_plugin_ids)
        string(TOUPPER "plugin_${_pico_id}" _pico_component)
        pico_plugin_package_name(CPACK_DEBIAN_${_pico_component}_PACKAGE_NAME ${_pico_id})
        set(CPACK_DEBIAN_${_pico_component}_FILE_NAME DEB-DEFAULT)
        set(CPACK_DEBIAN_${_pico_component}_PACKAGE_DEPENDS "${host_dependency}")
        set(CPACK_DEBIAN_${_pico_component}_PACKAGE_SECTION net)
        get_property(_pico_name GLOBAL PROPERTY PICO_PLUGIN_PACKAGE_${_pico_id}_NAME)
        get_property(_pico_summary GLOBAL PROPERTY PICO_PLUGIN_PACKAGE_${_pico_id}_DESCRIPTION)
        pico_wrap_text(_pico_summary "${_pico_summary}. Installing this package makes the plugin '${_pico_id}' available to the PicoTorrent host; `picotorrent plugins` lists it.")
        set(CPACK_COMPONENT_${_pico_component}_DESCRIPTION "${_pico_name} plugin for PicoTorrent\n${_pico_summary}")
        list(APPEND CPACK_COMPONENTS_ALL plugin_${_pico_id})
    endforeach()
endmacro()

# pico_package_plugins(CONTACT "Name <mail>" COPYRIGHT file [CHANGELOG file] [HOST_DEPENDENCY dep])
# For a project outside the PicoTorrent tree: one .deb per plugin it adds, each depending on
# the PicoTorrent host this package came from (>= its version), then include(CPack).
macro(pico_package_plugins)
    cmake_parse_arguments(_pico_pkg "" "CONTACT;COPYRIGHT;CHANGELOG;HOST_DEPENDENCY" "" ${ARGN})
    if(NOT _pico_pkg_CONTACT OR NOT _pico_pkg_COPYRIGHT)
        message(FATAL_ERROR "pico_package_plugins: CONTACT and COPYRIGHT are required")
    endif()
    if(NOT _pico_pkg_HOST_DEPENDENCY)
        set(_pico_pkg_HOST_DEPENDENCY "picotorrent (>= ${PicoTorrent_VERSION})")
    endif()
    if(NOT _pico_pkg_CHANGELOG)
        set(_pico_pkg_CHANGELOG ${CMAKE_BINARY_DIR}/package-docs/changelog)
        pico_write_changelog(${_pico_pkg_CHANGELOG} ${PROJECT_NAME} ${PROJECT_VERSION} "${_pico_pkg_CONTACT}")
    endif()
    get_property(_pico_plugin_ids GLOBAL PROPERTY PICO_PLUGIN_PACKAGES)
    foreach(_pico_id IN LISTS _pico_plugin_ids)
        pico_plugin_package_name(_pico_name ${_pico_id})
        pico_install_package_docs(plugin_${_pico_id} ${_pico_name} ${_pico_pkg_COPYRIGHT} ${_pico_pkg_CHANGELOG})
    endforeach()
    set(CPACK_GENERATOR DEB)
    set(CPACK_PACKAGE_NAME ${PROJECT_NAME})
    set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
    set(CPACK_PACKAGE_CONTACT "${_pico_pkg_CONTACT}")
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_STRIP_FILES ON)
    set(CPACK_COMPONENTS_ALL "")
    pico_plugin_package_settings("${_pico_pkg_HOST_DEPENDENCY}")
    include(CPack)
endmacro()
