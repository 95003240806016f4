# The CMake package plugin authors use (find_package(PicoTorrent) ; pico_add_plugin(...)) and the
# Debian packages (CPack DEB, one per install component):
#   host          -> picotorrent                 host, CLI, man page, systemd user unit, completion
#   plugin_<id>   -> picotorrent-plugin-<id>     one per pico_add_plugin() (`_` -> `-`)
#   sdk           -> picotorrent-sdk-dev         headers, CMake package, examples
#   desktop       -> picotorrent-desktop         .desktop file, icon, AppStream (with the gui plugin)
# Build them with: cpack --config build/CPackConfig.cmake -B build/packages
include(CMakePackageConfigHelpers)
include(PicoTorrentPackaging)

install(EXPORT PicoTorrentTargets NAMESPACE PicoTorrent:: DESTINATION ${PICO_INSTALL_CMAKE_DIR} COMPONENT sdk)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/PicoTorrentConfig.cmake.in
    ${PROJECT_BINARY_DIR}/PicoTorrentConfig.cmake
    INSTALL_DESTINATION ${PICO_INSTALL_CMAKE_DIR}
    PATH_VARS CMAKE_INSTALL_BINDIR)
# The package's version is the project's (find_package(PicoTorrent 0.1)); the SDK's version is
# PicoTorrent_SDK_VERSION. Below 1.0 a minor release may break, hence SameMinorVersion.
if(PROJECT_VERSION_MAJOR EQUAL 0)
    set(pico_package_compatibility SameMinorVersion)
else()
    set(pico_package_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/PicoTorrentConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY ${pico_package_compatibility} ARCH_INDEPENDENT)
install(FILES
    ${PROJECT_BINARY_DIR}/PicoTorrentConfig.cmake
    ${PROJECT_BINARY_DIR}/PicoTorrentConfigVersion.cmake
    ${PROJECT_SOURCE_DIR}/cmake/PicoTorrentPlugin.cmake
    ${PROJECT_SOURCE_DIR}/cmake/PicoTorrentPackaging.cmake
    DESTINATION ${PICO_INSTALL_CMAKE_DIR} COMPONENT sdk)
# Example sources for SDK users, beside the built examples.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/picotorrent-sdk-dev/examples
    COMPONENT sdk REGEX "/examples/CMakeLists.txt$" EXCLUDE)

# --- Debian packages ---------------------------------------------------------------------
set(pico_contact "PicoTorrent for Linux developers <picotorrent@users.noreply.github.com>")
set(pico_copyright ${PROJECT_SOURCE_DIR}/packaging/debian/copyright)
set(pico_changelog ${PROJECT_SOURCE_DIR}/packaging/debian/changelog)
set(pico_host_dependency "picotorrent (= ${PROJECT_VERSION})")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME picotorrent)
set(CPACK_PACKAGE_VENDOR "PicoTorrent for Linux")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${pico_contact}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/picotorrent/picotorrent")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL host sdk)

set(CPACK_DEBIAN_HOST_PACKAGE_NAME picotorrent)
set(CPACK_COMPONENT_HOST_DESCRIPTION "BitTorrent client framework with plugins (host and CLI)
PicoTorrent is a BitTorrent client built on libtorrent-rasterbar whose
features are plugins. This package holds the host (picotorrent run, also
as a systemd user service) and the command-line tools: inspect, download,
seed, create, plugins and config.")
pico_install_package_docs(host picotorrent ${pico_copyright} ${pico_changelog})

set(CPACK_DEBIAN_SDK_PACKAGE_NAME picotorrent-sdk-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "${pico_host_dependency}")
set(CPACK_COMPONENT_SDK_DESCRIPTION "PicoTorrent plugin SDK (headers, CMake package, examples)
The C++ headers of the PicoTorrent plugin SDK, the CMake package
(find_package(PicoTorrent) and pico_add_plugin()), the SDK's fake host for
plugin unit tests, and the example plugins with their sources.")
pico_install_package_docs(sdk picotorrent-sdk-dev ${pico_copyright} ${pico_changelog})

get_property(pico_plugin_ids GLOBAL PROPERTY PICO_PLUGIN_PACKAGES)
foreach(id IN LISTS pico_plugin_ids)
    pico_plugin_package_name(package ${id})
    pico_install_package_docs(plugin_${id} ${package} ${pico_copyright} ${pico_changelog})
endforeach()
pico_plugin_package_settings("${pico_host_dependency}")

# The desktop bundle exists when the gui plugin does (PICO_BUILD_GUI=ON and Qt found).
if("gui" IN_LIST pico_plugin_ids)
    list(APPEND CPACK_COMPONENTS_ALL desktop)
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME picotorrent-desktop)
    set(pico_desktop_depends "${pico_host_dependency}")
    foreach(id IN LISTS pico_plugin_ids)
        pico_plugin_package_name(package ${id})
        string(APPEND pico_desktop_depends ", ${package} (= ${PROJECT_VERSION})")
    endforeach()
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "${pico_desktop_depends}")
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_ARCHITECTURE all)
    set(CPACK_COMPONENT_DESKTOP_DESCRIPTION "PicoTorrent desktop application
Installs PicoTorrent with its Qt 6 window (the gui plugin) and the default
plugins, and adds it to the desktop: a .desktop file that opens .torrent
files and magnet links, an icon and AppStream metadata.")
    pico_install_package_docs(desktop picotorrent-desktop ${pico_copyright} ${pico_changelog})
endif()

# Every install rule must belong to a package: a component nobody packages would lose files.
get_cmake_property(pico_install_components COMPONENTS)
foreach(component IN LISTS pico_install_components)
    if(NOT component IN_LIST CPACK_COMPONENTS_ALL)
        message(WARNING "install component '${component}' is in no Debian package (see cmake/PicoPackage.cmake)")
    endif()
endforeach()

include(CPack)
